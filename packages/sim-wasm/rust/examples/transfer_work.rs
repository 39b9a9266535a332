// SPDX-License-Identifier: LGPL-2.1-or-later
//! How much of each Z column the eq. (75) transfer phase computes (`iec60909::bounded_columns`)
//! on a side×side lattice-like 110 kV grid (every horizontal line, the first column's vertical
//! lines and 35 % of the other vertical ones; 1–20 km of 0.06 + j0.4 Ω/km on a 100 MVA base)
//! with a 150 MVA-class machine on every 50th bus: per column, the etree root path and its
//! nonzeros (the forward solve's work), the entries computed and their rows of U (the
//! back-substitution's work), then the time of all columns. The counts are deterministic, so
//! they compare two versions of the bound on a loaded machine where times do not.
//!
//! Usage: cargo run --release --example transfer_work -- [side, default 447 ≈ 200k buses] [block width, default BLOCK]

use ampflux_sim::complex::Complex;
use ampflux_sim::csc::CscMatrix;
use ampflux_sim::iec60909::bounded_columns::{BoundedColumns, SubtreeBounds, BLOCK};
use ampflux_sim::solver::{Factors, Solver, DEFAULT_PIVOT_TOLERANCE};
use std::time::Instant;

const NO_PARENT: usize = usize::MAX;

fn main() {
    let side: usize = std::env::args()
        .nth(1)
        .map_or(447, |s| s.parse().expect("side is a number"));
    let n = side * side;
    let (mut rows, mut cols, mut vals) = (vec![], vec![], vec![]);
    // A fixed linear congruential generator: the same grid on every run.
    let mut seed: u64 = 12345;
    let mut random = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let z_base = 110.0 * 110.0 / 100.0;
    for r in 0..side {
        for c in 0..side {
            let b = r * side + c;
            let right = (c + 1 < side).then(|| b + 1);
            let down = (r + 1 < side).then(|| b + side);
            for (t, always) in [(right, true), (down, c == 0)] {
                let t = match t {
                    Some(t) if always || random() < 0.35 => t,
                    _ => continue,
                };
                let km = 1.0 + 19.0 * random();
                let y = Complex::ONE / Complex::new(0.06 * km / z_base, 0.4 * km / z_base);
                for &(i, j, v) in &[(b, b, y), (t, t, y), (b, t, -y), (t, b, -y)] {
                    rows.push(i);
                    cols.push(j);
                    vals.push(v);
                }
            }
        }
    }
    // Machines: X''d = 0.2 on 150 MVA (0.133 pu on 100 MVA), rated current 1.5 pu; a grid feeder.
    let z_machine = Complex::new(0.0107, 0.2 / 1.5);
    let machines: Vec<usize> = (25..n).step_by(50).collect();
    for &b in &machines {
        rows.push(b);
        cols.push(b);
        vals.push(Complex::ONE / z_machine);
    }
    rows.push(0);
    cols.push(0);
    vals.push(Complex::ONE / Complex::new(0.001, 0.01));
    let m = CscMatrix::from_triplets(n, &rows, &cols, &vals).expect("valid triplets");
    let mut solver = Solver::analyze(m.pattern.clone()).expect("analysis");
    solver
        .factorize(&m.values, DEFAULT_PIVOT_TOLERANCE)
        .expect("factorization");
    let ldu = match &solver.factors {
        Some(Factors::Static(ldu)) => ldu,
        _ => panic!("this grid factorizes with diagonal pivots"),
    };
    let mut diag = vec![Complex::ZERO; n];
    solver.selected_inverse(&mut diag, None).expect("diag Z");
    let c = 1.1;
    let per_source: Vec<f64> = diag.iter().map(|z| z.abs() / c).collect();
    let sym = &solver.symbolic;
    let row = |j: usize| sym.lp[j + 1] - sym.lp[j];
    let parent = |j: usize| (sym.lp[j]..sym.lp[j + 1]).map(|p| sym.li[p]).min();
    let bounds = SubtreeBounds::new(sym, ldu, &per_source).expect("bounds");
    let width: usize = std::env::args()
        .nth(2)
        .map_or(BLOCK, |s| s.parse().expect("block width is a number"));
    let mut columns = BoundedColumns::new(sym, ldu, &bounds, width).expect("scratch");
    let (mut path, mut path_work, mut computed, mut computed_work) = (0, 0, 0, 0);
    let k = 2.0 * 1.5 * z_machine.abs();
    let start = Instant::now();
    for block in machines.chunks(width) {
        columns.solve(block, &vec![k; block.len()]);
        for (r, &bus) in block.iter().enumerate() {
            computed += columns.computed(r).len();
            computed_work += columns.computed(r).iter().map(|&j| row(j)).sum::<usize>();
            let mut j = sym.pinv[bus];
            while j != NO_PARENT {
                path += 1;
                path_work += row(j);
                j = parent(j).unwrap_or(NO_PARENT);
            }
        }
    }
    let elapsed = start.elapsed();
    let per = |x: usize| x / machines.len();
    println!(
        "{} buses, {} machines, nnz(L) {}: per column root path {} nodes ({} entries of L), \
         computed {} entries ({} entries of U); all columns {:?}",
        n,
        machines.len(),
        sym.lnz(),
        per(path),
        per(path_work),
        per(computed),
        per(computed_work),
        elapsed
    );
}
