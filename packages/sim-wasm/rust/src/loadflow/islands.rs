// SPDX-License-Identifier: LGPL-2.1-or-later
//! Islands: buses joined by in-service branches (union–find with path halving). An island is
//! supplied when it holds at least one slack bus; the buses of any other island get no
//! equations and are reported unsupplied, not solved.

use super::{Branch, Bus, BusKind};

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

pub struct Islands {
    /// Island number per bus, 0.. in order of each island's first bus.
    pub island: Vec<usize>,
    pub count: usize,
    /// Per bus: its island has a slack.
    pub supplied: Vec<bool>,
    /// Per bus: the first slack bus of its island (angle reference of a flat start).
    pub reference: Vec<Option<usize>>,
}

pub fn find_islands(buses: &[Bus], branches: &[Branch]) -> Islands {
    let n = buses.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for br in branches.iter().filter(|b| b.in_service) {
        let (a, b) = (find(&mut parent, br.from), find(&mut parent, br.to));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut island = vec![0; n];
    let mut count = 0;
    let mut slack_of_root = vec![None; n];
    for i in 0..n {
        let root = find(&mut parent, i);
        if number[root] == usize::MAX {
            number[root] = count;
            count += 1;
        }
        island[i] = number[root];
        if buses[i].kind == BusKind::Slack && slack_of_root[root].is_none() {
            slack_of_root[root] = Some(i);
        }
    }
    let reference: Vec<Option<usize>> = (0..n)
        .map(|i| slack_of_root[find(&mut parent, i)])
        .collect();
    Islands {
        island,
        count,
        supplied: reference.iter().map(|r| r.is_some()).collect(),
        reference,
    }
}

/// Angles at no load: each bus at its island slack's angle plus the phase shifts on a path from
/// it (across a branch, V_t/t_t = V_f/t_f, so θ_t = θ_f + arg t_t − arg t_f). A flat start from
/// these converges where one from 0° would have to find a 150° shift (a Dyn5 transformer) alone.
/// Breadth-first from each slack; buses of unsupplied islands stay at 0.
pub fn no_load_angles(buses: &[Bus], branches: &[Branch], islands: &Islands) -> Vec<f64> {
    let n = buses.len();
    let mut adjacent: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for br in branches.iter().filter(|b| b.in_service) {
        let shift = br.t_to.im.atan2(br.t_to.re) - br.t_from.im.atan2(br.t_from.re);
        adjacent[br.from].push((br.to, shift));
        adjacent[br.to].push((br.from, -shift));
    }
    let mut angle = vec![0.0; n];
    let mut seen = vec![false; n];
    let mut queue = std::collections::VecDeque::new();
    for (i, r) in islands.reference.iter().enumerate() {
        if *r == Some(i) {
            angle[i] = buses[i].va_set;
            seen[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        for &(j, shift) in &adjacent[i] {
            if !seen[j] {
                seen[j] = true;
                angle[j] = angle[i] + shift;
                queue.push_back(j);
            }
        }
    }
    angle
}
