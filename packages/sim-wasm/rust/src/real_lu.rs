// SPDX-License-Identifier: LGPL-2.1-or-later
//! Real-valued twin of the static-pivot LDU (`lu::factor_static`) and its solve
//! (`solve::ldu_solve`), for matrices that are real by nature: the load-flow Jacobian and the
//! fast-decoupled and DC susceptance matrices. A complex multiply-add costs four real
//! multiplications and four additions, so the real path does about a quarter of the flops of
//! feeding a real matrix through the complex LU with zero imaginary parts.
//!
//! Same method, same symbolic analysis (`symbolic::Symbolic`: AMD ordering of A + Aᵀ, the
//! elimination tree and the pattern of L, computed once per pattern and reused for every
//! refactorization): the up-looking LDU with diagonal pivots of Tinney's network factorization
//! (as cs_chol, T. A. Davis, "Direct Methods for Sparse Linear Systems", SIAM 2006, §4.8, with
//! independent L and U) and the threshold test |L(i, j)| ≤ 1/τ on every multiplier. When a
//! diagonal pivot fails that test the values go, widened to complex, through the crate's
//! Gilbert–Peierls LU with threshold partial pivoting (`gplu`, Gilbert & Peierls 1988): rare,
//! so it is not worth a real twin of its own.

use crate::amd::amd_order;
use crate::complex::Complex;
use crate::csc::Pattern;
use crate::error::{try_vec, ErrorCode, Result, SolverError};
use crate::gplu::{factor_pivoted, PivotedLu};
use crate::solve::pivoted_solve;
use crate::symbolic::Symbolic;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub struct RealLdu {
    pub d: Vec<f64>,
    /// L(i, j) on the symbolic pattern (lp, li).
    pub lx: Vec<f64>,
    /// U(j, i) stored as column j of Uᵀ, same pattern as L.
    pub ux: Vec<f64>,
}

impl RealLdu {
    /// Storage for the factors of `sym`'s pattern (every entry is written by the factorization).
    fn for_pattern(sym: &Symbolic) -> Result<RealLdu> {
        Ok(RealLdu {
            d: try_vec(sym.n(), 0.0)?,
            lx: try_vec(sym.lnz(), 0.0)?,
            ux: try_vec(sym.lnz(), 0.0)?,
        })
    }
}

/// P A Pᵀ = L D U with the pivots fixed by the ordering, into `ldu` (storage for this pattern,
/// e.g. an earlier factorization's, so that refactorizing — a Newton iteration — allocates and
/// clears nothing: every entry is written before it is read). False when a pivot fails the
/// threshold τ (`tol`) or is at most `zero_pivot` in magnitude. Step k solves
///   L₁₁ D₁₁ u = A(0:k, k),  lᵀ D₁₁ U₁₁ = A(k, 0:k),  d_k = a_kk − Σ_j l_j d_j u_j.
/// The work vectors `x`, `y` (n zeros on entry) are zero again on success (each value scattered
/// into step k is gathered, and cleared, by it); after a failure they are left dirty.
// `!(x <= bound)` / `!(x > bound)` on purpose: a NaN multiplier or pivot must fail the test.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn factor_static_real(
    sym: &Symbolic,
    values: &[f64],
    tol: f64,
    zero_pivot: f64,
    ldu: &mut RealLdu,
    x: &mut [f64],
    y: &mut [f64],
) -> bool {
    let n = sym.n();
    let max_multiplier = 1.0 / tol;
    let RealLdu { d, lx, ux } = ldu;
    let mut next = sym.lp[..n].to_vec();
    for k in 0..n {
        for p in sym.upper.ptr[k]..sym.upper.ptr[k + 1] {
            x[sym.upper.idx[p]] += values[sym.upper.src[p]];
        }
        for p in sym.lower.ptr[k]..sym.lower.ptr[k + 1] {
            y[sym.lower.idx[p]] += values[sym.lower.src[p]];
        }
        let mut dk = x[k];
        x[k] = 0.0;
        for &j in &sym.rj[sym.rp[k]..sym.rp[k + 1]] {
            let (xj, yj) = (x[j], y[j]);
            x[j] = 0.0;
            y[j] = 0.0;
            // The column's rows and values as slices zipped together: one bounds check per
            // slice instead of three per entry (this loop is most of a load flow's time).
            let column = sym.lp[j]..next[j];
            let rows = &sym.li[column.clone()];
            for ((&i, &l), &u) in rows.iter().zip(&lx[column.clone()]).zip(&ux[column]) {
                x[i] -= l * xj;
                y[i] -= u * yj;
            }
            let lkj = yj / d[j];
            if !(lkj.abs() <= max_multiplier) {
                return false;
            }
            dk -= lkj * xj;
            lx[next[j]] = lkj;
            ux[next[j]] = xj / d[j];
            next[j] += 1;
        }
        if !(dk.abs() > zero_pivot) {
            return false;
        }
        d[k] = dk;
    }
    true
}

/// Solves P A Pᵀ = L D U for one dense right-hand side in place (original numbering).
pub fn real_ldu_solve(sym: &Symbolic, f: &RealLdu, b: &mut [f64], work: &mut [f64]) {
    let n = sym.n();
    for k in 0..n {
        work[k] = b[sym.perm[k]];
    }
    for j in 0..n {
        let wj = work[j];
        if wj == 0.0 {
            continue;
        }
        for p in sym.lp[j]..sym.lp[j + 1] {
            work[sym.li[p]] -= f.lx[p] * wj;
        }
    }
    for (w, &d) in work.iter_mut().zip(&f.d) {
        *w /= d;
    }
    for j in (0..n).rev() {
        let mut wj = work[j];
        for p in sym.lp[j]..sym.lp[j + 1] {
            wj -= f.ux[p] * work[sym.li[p]];
        }
        work[j] = wj;
    }
    for k in 0..n {
        b[sym.perm[k]] = work[k];
    }
}

enum RealFactors {
    Static(RealLdu),
    /// The complex partial-pivoting LU of the same values (imaginary parts zero).
    Pivoted(PivotedLu),
}

/// How many recent symbolic analyses `RealSolver::analyze` keeps: the Newton Jacobian, or the
/// fast-decoupled B′ and B″, or the DC B′ of the last load flows.
const RECENT_ANALYSES: usize = 2;

thread_local! {
    /// The symbolic analyses of the last patterns factorized, most recent first. A load flow
    /// after an edit that changes values but not the topology (a load, a set-point, a tap: the
    /// live editor's case) has the same Jacobian pattern, so its ordering, elimination tree and
    /// fill pattern are taken from here instead of being computed again (KLU's separation of
    /// analysis and refactorization, T. A. Davis and E. Palamadai Natarajan, ACM TOMS 37(3),
    /// 2010, carried across calls). A hit needs the exact same pattern (compared entry by
    /// entry, far cheaper than the analysis); the module is single-threaded, so the cell is
    /// only ever borrowed here.
    static RECENT: RefCell<Vec<Rc<Symbolic>>> = RefCell::new(Vec::new());
}

/// The symbolic analysis of `pattern` under the fill-reducing order `ordering` computes from it,
/// reused from a recent call when the pattern is the same (and so, the ordering being a function
/// of the pattern, is the analysis).
fn analysis_of(
    pattern: Pattern,
    ordering: impl FnOnce(&Pattern) -> Result<Vec<usize>>,
) -> Result<Rc<Symbolic>> {
    let reused = RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let position = recent.iter().position(|s| s.a == pattern)?;
        let symbolic = recent.remove(position);
        recent.insert(0, Rc::clone(&symbolic));
        Some(symbolic)
    });
    if let Some(symbolic) = reused {
        return Ok(symbolic);
    }
    let perm = ordering(&pattern)?;
    let symbolic = Rc::new(Symbolic::analyze_ordered(pattern, perm)?);
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        recent.insert(0, Rc::clone(&symbolic));
        recent.truncate(RECENT_ANALYSES);
    });
    Ok(symbolic)
}

/// A real matrix analyzed once and refactorized with new values on the same pattern.
pub struct RealSolver {
    pub symbolic: Rc<Symbolic>,
    factors: Option<RealFactors>,
    /// The static LDU's scatter vectors, n zeros between factorizations.
    scatter: (Vec<f64>, Vec<f64>),
}

impl RealSolver {
    /// AMD ordering of A + Aᵀ and symbolic analysis of `pattern` (or the same pattern's from a
    /// recent call).
    pub fn analyze(pattern: Pattern) -> Result<RealSolver> {
        RealSolver::analyze_with(pattern, |a| amd_order(&a.symmetrized(false)?))
    }

    /// As `analyze`, with the fill-reducing ordering computed by `ordering` from the pattern
    /// (the Newton Jacobian orders its buses, not its 2n unknowns: `Jacobian::pair_ordering`).
    pub fn analyze_with(
        pattern: Pattern,
        ordering: impl FnOnce(&Pattern) -> Result<Vec<usize>>,
    ) -> Result<RealSolver> {
        Ok(RealSolver {
            symbolic: analysis_of(pattern, ordering)?,
            factors: None,
            scatter: (Vec::new(), Vec::new()),
        })
    }

    /// Numeric factorization; errors (singular, non-finite) drop the previous factors. A static
    /// LDU overwrites the previous one's storage (same pattern), so Newton's refactorizations
    /// allocate nothing.
    pub fn factorize(&mut self, values: &[f64], tol: f64) -> Result<()> {
        let previous = self.factors.take();
        let sym = &self.symbolic;
        if values.len() != sym.a.nnz() {
            return Err(SolverError::invalid(format!(
                "{} values given for a pattern with {} entries",
                values.len(),
                sym.a.nnz()
            )));
        }
        if !(tol > 0.0 && tol <= 1.0) {
            return Err(SolverError::invalid(format!(
                "pivot tolerance {} is not in (0, 1]",
                tol
            )));
        }
        if let Some(p) = values.iter().position(|v| !v.is_finite()) {
            return Err(SolverError::new(
                ErrorCode::NonFinite,
                None,
                format!("matrix entry {} is not finite", p),
            ));
        }
        // A pivot at roundoff level of the largest entry means singular to working precision.
        let max_abs = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let zero_pivot = f64::EPSILON * max_abs;
        let n = sym.n();
        let mut ldu = match previous {
            Some(RealFactors::Static(ldu)) => ldu,
            _ => RealLdu::for_pattern(sym)?,
        };
        let (x, y) = &mut self.scatter;
        if x.len() != n {
            *x = try_vec(n, 0.0)?;
            *y = try_vec(n, 0.0)?;
        }
        if factor_static_real(sym, values, tol, zero_pivot, &mut ldu, x, y) {
            self.factors = Some(RealFactors::Static(ldu));
            return Ok(());
        }
        x.iter_mut().chain(y.iter_mut()).for_each(|v| *v = 0.0);
        let wide: Vec<Complex> = values.iter().map(|&v| Complex::new(v, 0.0)).collect();
        self.factors = Some(RealFactors::Pivoted(factor_pivoted(
            sym, &wide, tol, zero_pivot,
        )?));
        Ok(())
    }

    /// True when the last factorization fell back to partial pivoting.
    pub fn pivoted(&self) -> bool {
        matches!(self.factors, Some(RealFactors::Pivoted(_)))
    }

    /// Overwrites `b` (n values) with A⁻¹ b.
    pub fn solve(&self, b: &mut [f64]) -> Result<()> {
        let n = self.symbolic.n();
        let factors = self.factors.as_ref().ok_or_else(|| {
            SolverError::new(
                ErrorCode::NotFactorized,
                None,
                "no numeric factorization: call factorize first",
            )
        })?;
        if b.len() != n {
            return Err(SolverError::invalid(format!(
                "right-hand side length {} is not n = {}",
                b.len(),
                n
            )));
        }
        match factors {
            RealFactors::Static(ldu) => {
                let mut work = try_vec(n, 0.0)?;
                real_ldu_solve(&self.symbolic, ldu, b, &mut work);
            }
            RealFactors::Pivoted(lu) => {
                let mut wide: Vec<Complex> = b.iter().map(|&v| Complex::new(v, 0.0)).collect();
                let mut work = try_vec(n, Complex::ZERO)?;
                pivoted_solve(lu, &mut wide, &mut work);
                for (x, z) in b.iter_mut().zip(&wide) {
                    *x = z.re;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::{Solver, DEFAULT_PIVOT_TOLERANCE};

    /// A structurally symmetric, unsymmetric-valued test matrix (a 2-D grid Laplacian with a
    /// skew part), n = side², entries in CSC order.
    fn grid(side: usize, skew: f64, diag: f64) -> (Pattern, Vec<f64>) {
        let n = side * side;
        let mut colptr = vec![0];
        let (mut rowind, mut values) = (Vec::new(), Vec::new());
        for j in 0..n {
            let (r, c) = (j / side, j % side);
            let mut col: Vec<(usize, f64)> = vec![(j, diag + (j % 7) as f64 * 0.3)];
            if r > 0 {
                col.push((j - side, -1.0 + skew));
            }
            if r + 1 < side {
                col.push((j + side, -1.0 - skew));
            }
            if c > 0 {
                col.push((j - 1, -0.5 - skew));
            }
            if c + 1 < side {
                col.push((j + 1, -0.5 + skew));
            }
            col.sort_by_key(|e| e.0);
            for (i, v) in col {
                rowind.push(i);
                values.push(v);
            }
            colptr.push(rowind.len());
        }
        (Pattern::new(n, colptr, rowind).unwrap(), values)
    }

    fn multiply(p: &Pattern, values: &[f64], x: &[f64]) -> Vec<f64> {
        let mut y = vec![0.0; p.n];
        for (j, &xj) in x.iter().enumerate() {
            for e in p.colptr[j]..p.colptr[j + 1] {
                y[p.rowind[e]] += values[e] * xj;
            }
        }
        y
    }

    #[test]
    fn real_and_complex_paths_give_the_same_solution() {
        let (pattern, values) = grid(12, 0.2, 4.5);
        let n = pattern.n;
        let b: Vec<f64> = (0..n).map(|i| (i as f64 * 0.37).sin() + 0.1).collect();
        let mut real = RealSolver::analyze(pattern.clone()).unwrap();
        real.factorize(&values, DEFAULT_PIVOT_TOLERANCE).unwrap();
        assert!(!real.pivoted());
        let mut x = b.clone();
        real.solve(&mut x).unwrap();
        let mut complex = Solver::analyze(pattern.clone()).unwrap();
        let wide: Vec<Complex> = values.iter().map(|&v| Complex::new(v, 0.0)).collect();
        complex.factorize(&wide, DEFAULT_PIVOT_TOLERANCE).unwrap();
        let mut z: Vec<Complex> = b.iter().map(|&v| Complex::new(v, 0.0)).collect();
        complex.solve(&mut z).unwrap();
        for (xr, zc) in x.iter().zip(&z) {
            assert!((xr - zc.re).abs() < 1e-13 && zc.im == 0.0);
        }
        let ax = multiply(&pattern, &values, &x);
        for (l, r) in ax.iter().zip(&b) {
            assert!((l - r).abs() < 1e-12);
        }
    }

    /// 3 × 3 hand example against Cramer's rule: A = [[4, 1, 0], [2, 5, 1], [0, 3, 6]],
    /// b = (1, 2, 3): det A = 4·27 − 1·12 = 96, x₁ = (1·27 − 1·9)/96 = 18/96,
    /// x₂ = (4·9 − 1·12)/96 = 24/96, x₃ = (4·(15 − 6) − 1·(6 − 0) + 1·(6 − 0))/96 = 36/96.
    #[test]
    fn a_three_by_three_matches_cramers_rule() {
        let pattern = Pattern::new(3, vec![0, 2, 5, 7], vec![0, 1, 0, 1, 2, 1, 2]).unwrap();
        let values = [4.0, 2.0, 1.0, 5.0, 3.0, 1.0, 6.0];
        let mut lu = RealSolver::analyze(pattern).unwrap();
        lu.factorize(&values, DEFAULT_PIVOT_TOLERANCE).unwrap();
        let mut x = vec![1.0, 2.0, 3.0];
        lu.solve(&mut x).unwrap();
        for (got, want) in x.iter().zip([18.0 / 96.0, 24.0 / 96.0, 36.0 / 96.0]) {
            assert!((got - want).abs() < 1e-15, "{} vs {}", got, want);
        }
    }

    #[test]
    #[allow(clippy::needless_range_loop)] // e indexes the pattern and the values alike
    fn a_small_diagonal_falls_back_to_partial_pivoting() {
        // Diagonal 1e-9 next to off-diagonals of 1: every static multiplier is ~1e9.
        // 4 × 4 with weights 1 and 0.5: no eigenvalue of the zero-diagonal part is 0.
        let (pattern, mut values) = grid(4, 0.0, 0.0);
        for j in 0..pattern.n {
            for e in pattern.colptr[j]..pattern.colptr[j + 1] {
                if pattern.rowind[e] == j {
                    values[e] = 1e-9;
                }
            }
        }
        let n = pattern.n;
        let mut lu = RealSolver::analyze(pattern.clone()).unwrap();
        lu.factorize(&values, DEFAULT_PIVOT_TOLERANCE).unwrap();
        assert!(lu.pivoted());
        let b: Vec<f64> = (0..n).map(|i| 1.0 + i as f64).collect();
        let mut x = b.clone();
        lu.solve(&mut x).unwrap();
        let ax = multiply(&pattern, &values, &x);
        let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for (l, r) in ax.iter().zip(&b) {
            assert!((l - r).abs() < 1e-9 * scale.max(1.0));
        }
    }

    #[test]
    fn a_singular_matrix_is_an_error() {
        let pattern = Pattern::new(2, vec![0, 2, 4], vec![0, 1, 0, 1]).unwrap();
        let mut lu = RealSolver::analyze(pattern).unwrap();
        assert!(lu
            .factorize(&[1.0, 2.0, 2.0, 4.0], DEFAULT_PIVOT_TOLERANCE)
            .is_err());
        assert!(lu.solve(&mut [1.0, 1.0]).is_err());
    }
    #[test]
    fn a_pattern_seen_recently_reuses_its_analysis_and_solves_the_same() {
        let (pattern, values) = grid(9, 0.1, 4.5);
        let first = RealSolver::analyze(pattern.clone()).unwrap();
        let mut again = RealSolver::analyze(pattern.clone()).unwrap();
        assert!(Rc::ptr_eq(&first.symbolic, &again.symbolic));
        // Another pattern is analysed anew, and the first one is still kept (two recent).
        let (other, _) = grid(8, 0.1, 4.5);
        let third = RealSolver::analyze(other).unwrap();
        assert!(!Rc::ptr_eq(&first.symbolic, &third.symbolic));
        assert!(Rc::ptr_eq(
            &first.symbolic,
            &RealSolver::analyze(pattern.clone()).unwrap().symbolic
        ));
        // The reused analysis factorizes and solves exactly as a fresh one.
        let x: Vec<f64> = (0..pattern.n).map(|i| 1.0 + i as f64 * 0.01).collect();
        let mut b = multiply(&pattern, &values, &x);
        again.factorize(&values, DEFAULT_PIVOT_TOLERANCE).unwrap();
        again.solve(&mut b).unwrap();
        for (xi, bi) in x.iter().zip(&b) {
            assert!((xi - bi).abs() < 1e-12);
        }
    }

    #[test]
    fn an_ordering_that_is_not_a_permutation_is_an_error() {
        let (pattern, _) = grid(3, 0.0, 4.0);
        let repeated = vec![0, 0, 1, 2, 3, 4, 5, 6, 7];
        assert!(Symbolic::analyze_ordered(pattern.clone(), repeated).is_err());
        let out_of_range = vec![0, 1, 2, 3, 4, 5, 6, 7, 9];
        assert!(Symbolic::analyze_ordered(pattern.clone(), out_of_range).is_err());
        assert!(Symbolic::analyze_ordered(pattern, vec![0, 1]).is_err());
    }
    #[test]
    fn refactorizing_after_a_failed_static_pivot_or_a_success_gives_fresh_factors() {
        // One solver through: static success, static failure (pivoted), static success again —
        // the reused buffers and scatter vectors must not carry anything from the step before.
        let (pattern, good) = grid(6, 0.2, 4.5);
        let mut bad = good.clone();
        for j in 0..pattern.n {
            let column = pattern.colptr[j]..pattern.colptr[j + 1];
            for (&row, v) in pattern.rowind[column.clone()].iter().zip(&mut bad[column]) {
                if row == j {
                    *v = 1e-9;
                }
            }
        }
        let mut shifted = good.clone();
        shifted.iter_mut().for_each(|v| *v *= 1.5);
        let mut lu = RealSolver::analyze(pattern.clone()).unwrap();
        let b: Vec<f64> = (0..pattern.n).map(|i| 1.0 - i as f64 * 0.05).collect();
        for (values, pivoted) in [
            (&good, false),
            (&bad, true),
            (&shifted, false),
            (&good, false),
        ] {
            lu.factorize(values, DEFAULT_PIVOT_TOLERANCE).unwrap();
            assert_eq!(lu.pivoted(), pivoted);
            let mut x = b.clone();
            lu.solve(&mut x).unwrap();
            let mut fresh = RealSolver {
                symbolic: Rc::new(Symbolic::analyze(pattern.clone()).unwrap()),
                factors: None,
                scatter: (Vec::new(), Vec::new()),
            };
            fresh.factorize(values, DEFAULT_PIVOT_TOLERANCE).unwrap();
            let mut expected = b.clone();
            fresh.solve(&mut expected).unwrap();
            assert_eq!(x, expected);
        }
    }
}
