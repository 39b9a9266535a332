// SPDX-License-Identifier: LGPL-2.1-or-later
//! The solver a caller holds on to: one symbolic analysis of a pattern, re-factorizable with
//! new values, answering solves, single columns of Z = A⁻¹ and selected entries of Z.

use crate::complex::Complex;
use crate::csc::{check_finite, Pattern};
use crate::error::{try_vec, ErrorCode, Result, SolverError};
use crate::gplu::{factor_pivoted, PivotedLu};
use crate::lu::{factor_static, Ldu, StaticLu};
use crate::selinv::{pivoted_entries, takahashi};
use crate::solve::{ldu_solve, pivoted_solve};
use crate::symbolic::Symbolic;

/// Default threshold τ of the pivot test |pivot| ≥ τ·max|column|: multipliers up to 100.
/// UMFPACK and CSparse use 0.001 with their diagonal-preferring (symmetric) strategy; 0.01
/// keeps the static path on every MATPOWER case here (the worst diagonal pivot of the PEGASE
/// cases has a multiplier of 12.8) while bounding element growth per step tighter.
/// `src/solver.ts` mirrors this value.
pub const DEFAULT_PIVOT_TOLERANCE: f64 = 0.01;

pub enum Factors {
    /// Diagonal pivots in AMD order on the symmetric pattern (the fast path).
    Static(Ldu),
    /// Threshold partial pivoting (the fallback), with the column whose pivot was rejected.
    Pivoted {
        lu: PivotedLu,
        rejected_column: usize,
    },
}

pub struct Solver {
    pub symbolic: Symbolic,
    pub factors: Option<Factors>,
    /// The entry of the analysed pattern each triplet of its last full assembly was summed into
    /// (`triplet_slots`): the next assembly of the same structure is summed without sorting.
    pub triplet_slots: Option<Vec<u32>>,
}

/// Sizes worth reporting: nnz(L + U) counts the diagonal once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stats {
    pub n: usize,
    pub nnz_a: usize,
    pub nnz_lu: usize,
    /// The column whose diagonal pivot failed the threshold test, when partial pivoting ran.
    pub rejected_column: Option<usize>,
}

impl Solver {
    /// Ordering and symbolic analysis; no values needed.
    pub fn analyze(pattern: Pattern) -> Result<Solver> {
        Ok(Solver {
            symbolic: Symbolic::analyze(pattern)?,
            factors: None,
            triplet_slots: None,
        })
    }

    /// Numeric factorization of `values` (one per entry of the analyzed pattern). Tries the
    /// static diagonal pivots first and falls back to partial pivoting if one fails the
    /// threshold `tol`. On error the previous factors are dropped, never reused.
    pub fn factorize(&mut self, values: &[Complex], tol: f64) -> Result<()> {
        self.factors = None;
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
        // The entries' columns, which name a bad value's bus, are built only when there is one.
        if !values.iter().all(|z| z.is_finite()) {
            check_finite(&column_of_entries(&sym.a)?, values)?;
        }
        // A pivot at roundoff level of the largest entry means singular to working precision.
        let max_abs = largest_abs(values);
        let zero_pivot = f64::EPSILON * max_abs;
        self.factors = Some(match factor_static(sym, values, tol, zero_pivot)? {
            StaticLu::Factored(ldu) => Factors::Static(ldu),
            StaticLu::PivotRejected(column) => Factors::Pivoted {
                lu: factor_pivoted(sym, values, tol, zero_pivot)?,
                rejected_column: column,
            },
        });
        Ok(())
    }

    fn factors(&self) -> Result<&Factors> {
        self.factors.as_ref().ok_or_else(|| {
            SolverError::new(
                ErrorCode::NotFactorized,
                None,
                "no numeric factorization: call factorize first",
            )
        })
    }

    pub fn stats(&self) -> Stats {
        let sym = &self.symbolic;
        let n = sym.n();
        let (nnz_lu, rejected_column) = match &self.factors {
            Some(Factors::Pivoted {
                lu,
                rejected_column,
            }) => (lu.l.nnz() + lu.u.nnz() - n, Some(*rejected_column)),
            _ => (2 * sym.lnz() + n, None),
        };
        Stats {
            n,
            nnz_a: sym.a.nnz(),
            nnz_lu,
            rejected_column,
        }
    }

    /// Overwrites `b` (n × nrhs, column-major) with A⁻¹ b.
    pub fn solve(&self, b: &mut [Complex]) -> Result<()> {
        let factors = self.factors()?;
        let n = self.symbolic.n();
        if n == 0 || b.len() % n != 0 {
            return Err(SolverError::invalid(format!(
                "right-hand side length {} is not a multiple of n = {}",
                b.len(),
                n
            )));
        }
        if let Some(p) = b.iter().position(|z| !z.is_finite()) {
            return Err(SolverError::at_column(
                ErrorCode::NonFinite,
                p % n,
                format!("right-hand side entry {} (row {}) is not finite", p, p % n),
            ));
        }
        let mut work = try_vec(n, Complex::ZERO)?;
        for rhs in b.chunks_mut(n) {
            match factors {
                Factors::Static(ldu) => ldu_solve(&self.symbolic, ldu, rhs, &mut work),
                Factors::Pivoted { lu, .. } => pivoted_solve(lu, rhs, &mut work),
            }
        }
        Ok(())
    }

    /// Column j of Z = A⁻¹ (one solve with e_j).
    pub fn inverse_column(&self, j: usize) -> Result<Vec<Complex>> {
        let n = self.symbolic.n();
        if j >= n {
            return Err(SolverError::invalid(format!(
                "column {} is out of range 0..{}",
                j, n
            )));
        }
        let mut z = try_vec(n, Complex::ZERO)?;
        z[j] = Complex::ONE;
        self.solve(&mut z)?;
        Ok(z)
    }

    /// diag(Z) into `diag` (n values) and, if given, Z on the pattern of A into `on_pattern`.
    pub fn selected_inverse(
        &self,
        diag: &mut [Complex],
        on_pattern: Option<&mut [Complex]>,
    ) -> Result<()> {
        let factors = self.factors()?;
        let sym = &self.symbolic;
        if diag.len() != sym.n()
            || on_pattern
                .as_ref()
                .map_or(false, |z| z.len() != sym.a.nnz())
        {
            return Err(SolverError::invalid(
                "output buffers do not match n and nnz(A)",
            ));
        }
        match factors {
            Factors::Static(ldu) => takahashi(sym, ldu)?.extract(sym, diag, on_pattern),
            Factors::Pivoted { lu, .. } => pivoted_entries(sym, lu, diag, on_pattern)?,
        }
        Ok(())
    }
}

/// The column of every stored entry, to name the bus in error messages.
fn column_of_entries(a: &Pattern) -> Result<Vec<usize>> {
    let mut cols = try_vec(a.nnz(), 0usize)?;
    for j in 0..a.n {
        for c in &mut cols[a.colptr[j]..a.colptr[j + 1]] {
            *c = j;
        }
    }
    Ok(cols)
}

/// max |z| over `values`: one square root of the largest |z|², unless that overflowed (entries
/// above ~1e154), where hypot per entry is exact.
fn largest_abs(values: &[Complex]) -> f64 {
    let largest_sqr = values.iter().fold(0.0f64, |m, z| m.max(z.norm_sqr()));
    if largest_sqr.is_finite() {
        largest_sqr.sqrt()
    } else {
        values.iter().fold(0.0f64, |m, z| m.max(z.abs()))
    }
}
