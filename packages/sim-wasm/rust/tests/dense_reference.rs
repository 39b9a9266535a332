// SPDX-License-Identifier: LGPL-2.1-or-later
//! The sparse solver against a dense LU with partial pivoting, on random and structured
//! matrices: well and ill conditioned, symmetric and unsymmetric values, matrices that force
//! the partial-pivoting fallback, and every failure mode.

use ampflux_sim::complex::Complex;
use ampflux_sim::csc::{CscMatrix, Pattern};
use ampflux_sim::error::ErrorCode;
use ampflux_sim::solver::{Solver, DEFAULT_PIVOT_TOLERANCE};

/// xorshift64*: reproducible test matrices without a crates.io dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize % n
    }
    fn complex(&mut self) -> Complex {
        Complex::new(2.0 * self.next() - 1.0, 2.0 * self.next() - 1.0)
    }
}

/// Dense n×n complex matrix, row-major.
struct Dense {
    n: usize,
    a: Vec<Complex>,
}

impl Dense {
    fn from_csc(m: &CscMatrix) -> Dense {
        let n = m.pattern.n;
        let mut a = vec![Complex::ZERO; n * n];
        for j in 0..n {
            for p in m.pattern.colptr[j]..m.pattern.colptr[j + 1] {
                let i = m.pattern.rowind[p];
                a[i * n + j] = a[i * n + j] + m.values[p];
            }
        }
        Dense { n, a }
    }

    /// Gauss–Jordan inverse with partial pivoting.
    fn inverse(&self) -> Dense {
        let n = self.n;
        let mut a = self.a.clone();
        let mut z = vec![Complex::ZERO; n * n];
        for i in 0..n {
            z[i * n + i] = Complex::ONE;
        }
        for k in 0..n {
            let piv = (k..n)
                .max_by(|&r, &s| a[r * n + k].abs().partial_cmp(&a[s * n + k].abs()).unwrap())
                .unwrap();
            for j in 0..n {
                a.swap(k * n + j, piv * n + j);
                z.swap(k * n + j, piv * n + j);
            }
            let d = a[k * n + k];
            for j in 0..n {
                a[k * n + j] = a[k * n + j] / d;
                z[k * n + j] = z[k * n + j] / d;
            }
            for i in 0..n {
                let f = a[i * n + k];
                if i == k || f == Complex::ZERO {
                    continue;
                }
                for j in 0..n {
                    a[i * n + j] = a[i * n + j] - f * a[k * n + j];
                    z[i * n + j] = z[i * n + j] - f * z[k * n + j];
                }
            }
        }
        Dense { n, a: z }
    }

    fn at(&self, i: usize, j: usize) -> Complex {
        self.a[i * self.n + j]
    }
}

fn max_abs(v: impl Iterator<Item = Complex>) -> f64 {
    v.fold(0.0, |m, z| m.max(z.abs()))
}

/// Largest |sparse − dense| relative to the largest |dense| entry, over diag(Z), Z on the
/// pattern of A, two single columns of Z and a two-column solve.
fn error_vs_dense(m: &CscMatrix, tol: f64) -> (f64, bool) {
    let n = m.pattern.n;
    let zref = Dense::from_csc(m).inverse();
    let scale = max_abs(zref.a.iter().copied());
    let mut solver = Solver::analyze(m.pattern.clone()).unwrap();
    solver.factorize(&m.values, tol).unwrap();
    let mut diag = vec![Complex::ZERO; n];
    let mut on_pattern = vec![Complex::ZERO; m.pattern.nnz()];
    solver
        .selected_inverse(&mut diag, Some(&mut on_pattern))
        .unwrap();
    let mut err = max_abs((0..n).map(|i| diag[i] - zref.at(i, i)));
    for j in 0..n {
        let column = m.pattern.colptr[j]..m.pattern.colptr[j + 1];
        for (&z, &i) in on_pattern[column.clone()]
            .iter()
            .zip(&m.pattern.rowind[column])
        {
            err = err.max((z - zref.at(i, j)).abs());
        }
    }
    for &j in &[0, n / 2, n - 1] {
        let col = solver.inverse_column(j).unwrap();
        err = err.max(max_abs((0..n).map(|i| col[i] - zref.at(i, j))));
    }
    // Two right-hand sides at once: B = [e_0 + e_{n-1}, i·e_1 mod n]; A⁻¹B from the columns of Z.
    let mut b = vec![Complex::ZERO; 2 * n];
    b[0] = Complex::ONE;
    b[n - 1] = b[n - 1] + Complex::ONE;
    b[n + 1 % n] = Complex::new(0.0, 1.0);
    solver.solve(&mut b).unwrap();
    for i in 0..n {
        let expect0 = zref.at(i, 0)
            + if n > 1 {
                zref.at(i, n - 1)
            } else {
                zref.at(i, 0)
            };
        let expect1 = zref.at(i, 1 % n) * Complex::new(0.0, 1.0);
        err = err
            .max((b[i] - expect0).abs())
            .max((b[n + i] - expect1).abs());
    }
    (err / scale, solver.stats().rejected_column.is_some())
}

/// Random structurally symmetric matrix: a random tree plus `extra` random edges, values
/// unsymmetric, diagonal = `diag_weight` × (sum of |off-diagonal|) in a random direction.
fn random_matrix(rng: &mut Rng, n: usize, extra: usize, diag_weight: f64) -> CscMatrix {
    let (mut rows, mut cols, mut vals) = (vec![], vec![], vec![]);
    let mut diag = vec![0.0; n];
    let mut edge = |i: usize, j: usize, rng: &mut Rng| {
        for &(r, c) in &[(i, j), (j, i)] {
            let v = rng.complex();
            diag[r] += v.abs();
            rows.push(r);
            cols.push(c);
            vals.push(v);
        }
    };
    for i in 1..n {
        let j = rng.below(i);
        edge(i, j, rng);
    }
    for _ in 0..extra {
        let (i, j) = (rng.below(n), rng.below(n));
        if i != j {
            edge(i, j, rng);
        }
    }
    for (i, d) in diag.iter().enumerate() {
        let phase = rng.next() * std::f64::consts::TAU;
        rows.push(i);
        cols.push(i);
        vals.push(
            Complex::new(phase.cos(), phase.sin()) * Complex::new(diag_weight * d.max(1.0), 0.0),
        );
    }
    CscMatrix::from_triplets(n, &rows, &cols, &vals).unwrap()
}

/// Bus admittance matrix of a rows×cols grid of lines (r + jx), with a source admittance
/// 1/(j·0.2) at every `gen_every`-th bus and phase-shifting transformers on some lines.
fn grid_ybus(rows: usize, cols: usize, gen_every: usize, shift_deg: f64) -> CscMatrix {
    let n = rows * cols;
    let (mut ri, mut ci, mut vals) = (vec![], vec![], vec![]);
    let mut stamp = |f: usize, t: usize, k: usize| {
        let ys =
            Complex::ONE / Complex::new(0.01 + 0.001 * (k % 7) as f64, 0.1 + 0.01 * (k % 5) as f64);
        let bc = Complex::new(0.0, 0.02);
        // Every 5th line is a phase shifter: tap 1∠θ makes Y unsymmetric (MATPOWER makeYbus).
        let theta = if k % 5 == 0 {
            shift_deg.to_radians()
        } else {
            0.0
        };
        let tap = Complex::new(theta.cos(), theta.sin());
        let ytt = ys + bc * Complex::new(0.5, 0.0);
        let yff = ytt;
        let yft = -ys / tap.conj();
        let ytf = -ys / tap;
        for &(i, j, v) in &[(f, f, yff), (t, t, ytt), (f, t, yft), (t, f, ytf)] {
            ri.push(i);
            ci.push(j);
            vals.push(v);
        }
    };
    let mut k = 0;
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
        vals.push(Complex::ONE / Complex::new(0.0, 0.2));
    }
    CscMatrix::from_triplets(n, &ri, &ci, &vals).unwrap()
}

#[test]
fn random_matrices_match_dense_inverse() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for &(n, extra) in &[
        (1, 0),
        (2, 0),
        (3, 1),
        (10, 5),
        (60, 40),
        (250, 300),
        (400, 100),
    ] {
        let m = random_matrix(&mut rng, n, extra, 1.5);
        let (err, pivoted) = error_vs_dense(&m, DEFAULT_PIVOT_TOLERANCE);
        assert!(err < 1e-12, "n = {}: relative error {:e}", n, err);
        assert!(
            !pivoted,
            "diagonally dominant matrices keep their diagonal pivots"
        );
    }
}

#[test]
fn weak_diagonals_fall_back_to_partial_pivoting() {
    // Diagonal far smaller than the off-diagonals: static pivots get rejected.
    let mut rng = Rng(42);
    let mut fell_back = 0;
    for &n in &[2, 5, 20, 80, 300] {
        for _ in 0..3 {
            let m = random_matrix(&mut rng, n, n, 0.05);
            let (err, pivoted) = error_vs_dense(&m, 0.1);
            assert!(err < 1e-9, "n = {}: relative error {:e}", n, err);
            fell_back += pivoted as usize;
        }
    }
    assert!(
        fell_back >= 10,
        "only {} of 15 matrices used partial pivoting",
        fell_back
    );
}

#[test]
fn zero_diagonal_needs_row_interchanges() {
    // [[0, 1], [2, 0]]: no diagonal pivot exists at all.
    let m = CscMatrix::from_triplets(
        2,
        &[1, 0, 0, 1],
        &[0, 1, 0, 1],
        &[
            Complex::new(2.0, 0.0),
            Complex::ONE,
            Complex::ZERO,
            Complex::ZERO,
        ],
    )
    .unwrap();
    let (err, pivoted) = error_vs_dense(&m, DEFAULT_PIVOT_TOLERANCE);
    assert!(err < 1e-15 && pivoted);
}

#[test]
fn grid_ybus_with_phase_shifters_matches_dense_at_any_threshold() {
    for &(rows, cols, shift) in &[(5, 6, 0.0), (12, 15, 10.0), (30, 30, 30.0)] {
        let m = grid_ybus(rows, cols, 7, shift);
        for &tol in &[DEFAULT_PIVOT_TOLERANCE, 1.0] {
            let (err, _) = error_vs_dense(&m, tol);
            assert!(
                err < 1e-10,
                "{}x{} grid, tol {}: relative error {:e}",
                rows,
                cols,
                tol,
                err
            );
        }
    }
}

#[test]
fn ill_conditioned_matrices_stay_accurate_relative_to_conditioning() {
    // A long radial feeder with a single weak source: Z entries grow like the feeder length,
    // and a row scaled by 1e-8 makes the matrix badly scaled (cond ≈ 1e12).
    let n = 400;
    let mut m = grid_ybus(1, n, n + 1, 0.0);
    for (p, v) in m.values.iter_mut().enumerate() {
        if m.pattern.rowind[p] == n / 2 {
            *v = *v * Complex::new(1e-8, 0.0);
        }
    }
    let (err, _) = error_vs_dense(&m, DEFAULT_PIVOT_TOLERANCE);
    assert!(err < 1e-6, "relative error {:e}", err);
}

#[test]
fn refactorization_reuses_the_analysis() {
    let m = grid_ybus(8, 8, 5, 5.0);
    let mut s = Solver::analyze(m.pattern.clone()).unwrap();
    let perm = s.symbolic.perm.clone();
    for scale in [1.0, 2.0, 0.5] {
        let values: Vec<Complex> = m
            .values
            .iter()
            .map(|&v| v * Complex::new(scale, 0.0))
            .collect();
        s.factorize(&values, DEFAULT_PIVOT_TOLERANCE).unwrap();
        let z = s.inverse_column(3).unwrap();
        let zref = Dense::from_csc(&CscMatrix {
            pattern: m.pattern.clone(),
            values,
        })
        .inverse();
        assert!(
            max_abs((0..64).map(|i| z[i] - zref.at(i, 3)))
                < 1e-12 * max_abs(zref.a.iter().copied())
        );
    }
    assert_eq!(s.symbolic.perm, perm);
}

#[test]
fn singular_and_invalid_inputs_report_the_column() {
    // Isolated bus: column 1 empty.
    let err = Pattern::new(3, vec![0, 2, 2, 4], vec![0, 2, 0, 2]).unwrap_err();
    assert_eq!(
        (err.code, err.column),
        (ErrorCode::StructurallySingular, Some(1))
    );

    // [[1, 1], [1, 1]]: the second pivot cancels exactly.
    let ones =
        CscMatrix::from_triplets(2, &[0, 1, 0, 1], &[0, 0, 1, 1], &[Complex::ONE; 4]).unwrap();
    let mut s = Solver::analyze(ones.pattern.clone()).unwrap();
    let err = s
        .factorize(&ones.values, DEFAULT_PIVOT_TOLERANCE)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NumericallySingular);
    assert!(err.column.is_some());
    assert_eq!(
        s.solve(&mut [Complex::ONE; 2]).unwrap_err().code,
        ErrorCode::NotFactorized
    );

    // A floating 3-bus network (no shunt, no source): singular to roundoff.
    let line = Complex::new(1.0, -10.0);
    let floating = CscMatrix::from_triplets(
        3,
        &[0, 1, 0, 1, 1, 2, 1, 2],
        &[0, 0, 1, 1, 1, 1, 2, 2],
        &[line, -line, -line, line, line, -line, -line, line],
    )
    .unwrap();
    let mut s = Solver::analyze(floating.pattern.clone()).unwrap();
    assert_eq!(
        s.factorize(&floating.values, DEFAULT_PIVOT_TOLERANCE)
            .unwrap_err()
            .code,
        ErrorCode::NumericallySingular
    );

    // NaN, wrong lengths, bad tolerance, bad column, bad right-hand side.
    let m = grid_ybus(2, 2, 1, 0.0);
    let mut s = Solver::analyze(m.pattern.clone()).unwrap();
    let mut bad = m.values.clone();
    bad[5].im = f64::NAN;
    let err = s.factorize(&bad, DEFAULT_PIVOT_TOLERANCE).unwrap_err();
    assert_eq!(err.code, ErrorCode::NonFinite);
    assert_eq!(
        err.column,
        Some((0..4).find(|&j| m.pattern.colptr[j + 1] > 5).unwrap())
    );
    assert_eq!(
        s.factorize(&m.values[1..], 0.1).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        s.factorize(&m.values, 0.0).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    s.factorize(&m.values, 0.1).unwrap();
    assert_eq!(
        s.inverse_column(4).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        s.solve(&mut [Complex::ONE; 3]).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    let mut rhs = [Complex::ONE; 4];
    rhs[2].re = f64::INFINITY;
    let err = s.solve(&mut rhs).unwrap_err();
    assert_eq!((err.code, err.column), (ErrorCode::NonFinite, Some(2)));
    let mut short = [Complex::ZERO; 3];
    assert_eq!(
        s.selected_inverse(&mut short, None).unwrap_err().code,
        ErrorCode::InvalidInput
    );
}
