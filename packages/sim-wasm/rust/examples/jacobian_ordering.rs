// SPDX-License-Identifier: LGPL-2.1-or-later
//! Fill of the load-flow Jacobian's LDU under two orderings: AMD on the 2n × 2n Jacobian pattern,
//! and AMD on the n-bus admittance pattern with each bus's (θ, |V|) pair kept together. Reads the
//! branch table of a MATPOWER case (the first two columns of mpc.branch).
//! Usage: cargo run --release --example jacobian_ordering -- <case.m>

use ampflux_sim::amd::amd_order;
use ampflux_sim::csc::Pattern;
use ampflux_sim::symbolic::Symbolic;
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a MATPOWER file");
    let text = std::fs::read_to_string(path).expect("readable");
    let mut in_bus = false;
    let mut in_branch = false;
    let mut ids = BTreeMap::new();
    let mut edges = vec![];
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("mpc.bus =") {
            in_bus = true;
            continue;
        }
        if t.starts_with("mpc.branch =") {
            in_branch = true;
            continue;
        }
        if t.starts_with("];") {
            in_bus = false;
            in_branch = false;
            continue;
        }
        let cols: Vec<&str> = t.split_whitespace().collect();
        if in_bus && !cols.is_empty() {
            let id: i64 = cols[0].parse().unwrap();
            let k = ids.len();
            ids.entry(id).or_insert(k);
        }
        if in_branch && cols.len() > 2 {
            edges.push((
                cols[0].parse::<i64>().unwrap(),
                cols[1].parse::<i64>().unwrap(),
            ));
        }
    }
    let n = ids.len();
    let mut adj = vec![vec![]; n];
    for (f, t) in edges {
        let (a, b) = (ids[&f], ids[&t]);
        adj[a].push(b);
        adj[b].push(a);
    }
    for (j, a) in adj.iter_mut().enumerate() {
        a.push(j);
        a.sort_unstable();
        a.dedup();
    }
    let bus_pattern = {
        let mut colptr = vec![0];
        let mut rowind = vec![];
        for a in &adj {
            rowind.extend_from_slice(a);
            colptr.push(rowind.len());
        }
        Pattern::new(n, colptr, rowind).unwrap()
    };
    let jac = {
        let mut colptr = vec![0];
        let mut rowind = vec![];
        for a in &adj {
            for _ in 0..2 {
                for &i in a {
                    rowind.push(2 * i);
                    rowind.push(2 * i + 1);
                }
                colptr.push(rowind.len());
            }
        }
        Pattern::new(2 * n, colptr, rowind).unwrap()
    };
    let t = Instant::now();
    let full = Symbolic::analyze(jac.clone()).unwrap();
    let t_full = t.elapsed();
    let t = Instant::now();
    let bus_order = amd_order(&bus_pattern.symmetrized(false).unwrap()).unwrap();
    let perm: Vec<usize> = bus_order.iter().flat_map(|&b| [2 * b, 2 * b + 1]).collect();
    let blocks = Symbolic::analyze_ordered(jac, perm).unwrap();
    let t_blocks = t.elapsed();
    println!(
        "{} buses: Jacobian AMD lnz {} ({:?}); bus AMD in pairs lnz {} ({:?})",
        n,
        full.lnz(),
        t_full,
        blocks.lnz(),
        t_blocks
    );
}
