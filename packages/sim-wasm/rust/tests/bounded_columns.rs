// SPDX-License-Identifier: LGPL-2.1-or-later
//! The pruned columns of Z behind eq. (75) of IEC 60909-0 (iec60909::bounded_columns) against
//! full solves: every entry it computes is bit-for-bit the full column's, every entry it leaves
//! out is below the threshold it was given, and on a meshed grid it does leave most out. Then
//! breaking_decay (which uses it) against the eq. (75) sum over full columns written out here,
//! as phasors (IEC 60909-0:2016 eq. 75–77).

use ampflux_sim::complex::Complex;
use ampflux_sim::csc::CscMatrix;
use ampflux_sim::iec60909::bounded_columns::{BoundedColumns, SubtreeBounds, BLOCK};
use ampflux_sim::iec60909::factors::mu;
use ampflux_sim::iec60909::transfer::{breaking_decay, decay_order, Machine};
use ampflux_sim::solver::{Factors, Solver, DEFAULT_PIVOT_TOLERANCE};

/// Positive-sequence Ybus of a rows×cols grid with mixed R/X lines, a few series capacitors
/// (negative X: the bound must not assume a passive inductive network) and machine admittances
/// 1/(0.01 + j·0.2) at every `gen_every`-th bus. Symmetric, as the short-circuit model is.
fn grid(rows: usize, cols: usize, gen_every: usize) -> CscMatrix {
    let n = rows * cols;
    let (mut ri, mut ci, mut vals) = (vec![], vec![], vec![]);
    let mut k = 0;
    let mut stamp = |f: usize, t: usize, k: usize| {
        let x = if k % 23 == 0 {
            -0.03
        } else {
            0.05 + 0.01 * (k % 5) as f64
        };
        let y = Complex::ONE / Complex::new(0.005 + 0.004 * (k % 7) as f64, x);
        for &(i, j, v) in &[(f, f, y), (t, t, y), (f, t, -y), (t, f, -y)] {
            ri.push(i);
            ci.push(j);
            vals.push(v);
        }
    };
    for r in 0..rows {
        for c in 0..cols {
            let b = r * cols + c;
            if c + 1 < cols {
                stamp(b, b + 1, k);
                k += 1;
            }
            if r + 1 < rows {
                stamp(b, b + cols, k);
                k += 1;
            }
        }
    }
    for b in (0..n).step_by(gen_every) {
        ri.push(b);
        ci.push(b);
        vals.push(Complex::ONE / Complex::new(0.01, 0.2));
    }
    CscMatrix::from_triplets(n, &ri, &ci, &vals).unwrap()
}

fn factorized(m: &CscMatrix) -> Solver {
    let mut s = Solver::analyze(m.pattern.clone()).unwrap();
    s.factorize(&m.values, DEFAULT_PIVOT_TOLERANCE).unwrap();
    assert!(matches!(s.factors, Some(Factors::Static(_))));
    s
}

fn diagonal(s: &Solver, n: usize) -> Vec<Complex> {
    (0..n).map(|f| s.inverse_column(f).unwrap()[f]).collect()
}

#[test]
fn computed_entries_are_exact_and_skipped_ones_below_the_threshold() {
    let (rows, cols) = (30, 30);
    let n = rows * cols;
    let s = factorized(&grid(rows, cols, 37));
    let ldu = match &s.factors {
        Some(Factors::Static(ldu)) => ldu,
        _ => unreachable!(),
    };
    let zff = diagonal(&s, n);
    // |Z_ff| / c_f with c = 1.1 everywhere.
    let per_source: Vec<f64> = zff.iter().map(|z| z.abs() / 1.1).collect();
    let bounds = SubtreeBounds::new(&s.symbolic, ldu, &per_source).unwrap();
    // Columns one at a time, and BLOCK at a time (every block shares reads, never operations).
    for width in [1, BLOCK] {
        let mut columns = BoundedColumns::new(&s.symbolic, ldu, &bounds, width).unwrap();
        let mut fewest = n;
        let buses: Vec<usize> = (0..n).step_by(37).collect();
        for block in buses.chunks(width) {
            // K = 2 · |Z_i| · IrG for x''d = 0.2 on a rating of 1 per unit (hand calculation).
            let k = 2.0 * Complex::new(0.01, 0.2).abs();
            columns.solve(block, &vec![k; block.len()]);
            for (r, &bus) in block.iter().enumerate() {
                let full = s.inverse_column(bus).unwrap();
                let mut seen = vec![false; n];
                for &j in columns.computed(r) {
                    let f = columns.bus_of(j);
                    seen[f] = true;
                    let (got, want) = (columns.value(r, j), full[f]);
                    assert!(
                        got.re.to_bits() == want.re.to_bits()
                            && got.im.to_bits() == want.im.to_bits()
                    );
                }
                assert!(seen[bus], "the machine's own bus is always computed");
                for f in (0..n).filter(|&f| !seen[f]) {
                    assert!(
                        full[f].abs() <= k * per_source[f],
                        "bus {}: Z_f{} above the threshold",
                        f,
                        bus
                    );
                }
                fewest = fewest.min(columns.computed(r).len());
            }
        }
        // 406 of 900 entries in the best column here (a small grid keeps most buses near); a
        // bound over all ancestors of a subtree instead of its root's row of U left 513.
        assert!(
            fewest < 450,
            "columns pruned: {} of {} entries computed",
            fewest,
            n
        );
    }
}

#[test]
fn breaking_decay_equals_the_eq75_sum_over_full_columns() {
    let (rows, cols) = (20, 25);
    let n = rows * cols;
    let s = factorized(&grid(rows, cols, 11));
    let zff = diagonal(&s, n);
    let c = vec![1.1; n];
    let t_min = 0.1;
    // Synchronous machines of several ratings (two on one bus), and asynchronous motors with
    // q < 1 (full column) and q = 1 (m = 100 MW per pole pair at 0.02 s is capped at 1).
    let sync = |bus: usize, i_rated: f64| Machine {
        bus,
        z: Complex::new(0.01, 0.2),
        i_rated,
        mw_per_pole_pair: None,
    };
    let mut machines: Vec<Machine> = (0..n)
        .step_by(11)
        .map(|b| sync(b, 0.2 + (b % 3) as f64))
        .collect();
    machines.push(sync(0, 5.0));
    machines.push(Machine {
        mw_per_pole_pair: Some(0.5),
        ..sync(44, 0.5)
    });
    machines.push(Machine {
        mw_per_pole_pair: Some(100.0),
        ..sync(99, 0.5)
    });
    for t in [0.02, t_min] {
        let mut got = vec![0.0; n];
        breaking_decay(&s, &machines, &zff, &c, t, &mut got).unwrap();
        // eq. (75) term by term over full columns, in the order breaking_decay adds them (by
        // bus, the buses in the elimination tree's postorder).
        let order = decay_order(&s, &machines).unwrap();
        let mut by_bus = order.clone();
        by_bus.sort_by_key(|&k| machines[k].bus);
        assert_ne!(order, by_bus, "a grid whose postorder is not the bus order");
        // The terms are phasors (eq. 76/77: ΔU'' = jX''·I''k_m), summed, then |I''k| − |I''k − Σ|.
        let source: Vec<Complex> = (0..n).map(|f| Complex::new(c[f], 0.0) / zff[f]).collect();
        let mut sum = vec![Complex::ZERO; n];
        for &k in &order {
            let m = &machines[k];
            let column = s.inverse_column(m.bus).unwrap();
            let q = m
                .mw_per_pole_pair
                .map(|p| ampflux_sim::iec60909::factors::q(p, t));
            for f in 0..n {
                let i_machine = column[f] * source[f] / m.z;
                let ratio = i_machine.abs() / m.i_rated;
                if q.is_none() && ratio <= 2.0 {
                    continue;
                }
                let decay = mu(ratio, t) * q.unwrap_or(1.0);
                let voltage = Complex::new(0.0, m.z.im.abs() / c[f]) * i_machine;
                sum[f] = sum[f] + voltage * i_machine * Complex::new(1.0 - decay, 0.0);
            }
        }
        let want: Vec<f64> = (0..n)
            .map(|f| {
                if sum[f] == Complex::ZERO {
                    0.0
                } else {
                    source[f].abs() - (source[f] - sum[f]).abs()
                }
            })
            .collect();
        assert!(want.iter().any(|&v| v > 0.0), "some machines decay");
        for f in 0..n {
            assert_eq!(
                got[f].to_bits(),
                want[f].to_bits(),
                "t_min {}: bus {}",
                t,
                f
            );
        }
    }
}
