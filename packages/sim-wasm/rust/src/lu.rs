// SPDX-License-Identifier: LGPL-2.1-or-later
//! Numeric LDU factorization on the static symmetric pattern of the symbolic analysis:
//! P A Pᵀ = L D U with L unit lower, D diagonal, U unit upper and pattern(U) = pattern(Lᵀ).
//!
//! Up-looking (row-by-row) like cs_chol (Davis 2006, §4.8) but with independent L and U, as
//! Tinney's diagonal-pivot factorization of network matrices: step k solves
//!   L₁₁ D₁₁ u = A(0:k, k)   (column k of DU, over the row pattern of L(k, :))
//!   lᵀ D₁₁ U₁₁ = A(k, 0:k)  (row k of LD)
//!   d_k = a_kk − Σ_j l_j d_j u_j.
//!
//! The pivots are fixed by the ordering, so every multiplier is checked against the threshold
//! partial pivoting test: pivot d_j is acceptable for column j iff |d_j| ≥ τ·max_i |d_j L(i,j)|,
//! i.e. every |L(i, j)| ≤ 1/τ. A rejected pivot (or one at roundoff level) aborts the static
//! factorization and the caller falls back to Gilbert–Peierls LU with partial pivoting.

use crate::complex::Complex;
use crate::error::{try_vec, Result};
use crate::symbolic::Symbolic;

#[derive(Clone, Debug)]
pub struct Ldu {
    pub d: Vec<Complex>,
    /// L(i, j) for the entries of the symbolic pattern (lp, li).
    pub lx: Vec<Complex>,
    /// U(j, i) stored as column j of Uᵀ, same pattern as L; empty when `symmetric` (then U = Lᵀ
    /// and `u()` is `lx`: a second copy of L's values was as large as L itself, allocated,
    /// zero-filled and written at every factorization).
    pub ux: Vec<Complex>,
    /// A was symmetric, so U(j, i) = L(i, j).
    pub symmetric: bool,
}

impl Ldu {
    /// U(j, i) on the pattern of L, as column j of Uᵀ.
    #[inline]
    pub fn u(&self) -> &[Complex] {
        if self.symmetric {
            &self.lx
        } else {
            &self.ux
        }
    }
}

pub enum StaticLu {
    Factored(Ldu),
    /// The diagonal pivot of this column (original numbering) failed the threshold test.
    PivotRejected(usize),
}

/// Factorizes the values of A (in the order of `sym.a`) with diagonal pivots in AMD order.
/// `tol` is the threshold τ ∈ (0, 1]; pivots with |d_k| ≤ `zero_pivot` count as zero.
// The tests are written `!(x <= bound)` / `!(x > bound)` on purpose: a NaN multiplier or pivot
// must fail them, which the comparisons clippy suggests instead would let through.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn factor_static(
    sym: &Symbolic,
    values: &[Complex],
    tol: f64,
    zero_pivot: f64,
) -> Result<StaticLu> {
    // Symmetric A: row k of LD equals column k of DU at every step (same values, same
    // operations), so only the column is computed and both factors take it: bit for bit the
    // general path's result at about half its work.
    factor_static_as(sym, values, tol, zero_pivot, sym.is_symmetric(values))
}

/// `factor_static` with the symmetric path chosen by the caller (`symmetric` only for
/// symmetric values; tests compare both paths on them).
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub(crate) fn factor_static_as(
    sym: &Symbolic,
    values: &[Complex],
    tol: f64,
    zero_pivot: f64,
    symmetric: bool,
) -> Result<StaticLu> {
    let n = sym.n();
    // Compared squared: |l_kj| ≤ 1/τ ⟺ |l_kj|² ≤ 1/τ² (a NaN fails both; an |l_kj|² that
    // overflows is above any finite bound, as |l_kj| is).
    let max_multiplier_sqr = (1.0 / tol) * (1.0 / tol);
    let mut d = try_vec(n, Complex::ZERO)?;
    let mut lx = try_vec(sym.lnz(), Complex::ZERO)?;
    // Symmetric: U = Lᵀ, nothing of U or of the row solve is stored.
    let upper_len = if symmetric { 0 } else { sym.lnz() };
    let mut ux = try_vec(upper_len, Complex::ZERO)?;
    // x: column k of D·U being solved for; y: row k of L·D.
    let mut x = try_vec(n, Complex::ZERO)?;
    let mut y = try_vec(if symmetric { 0 } else { n }, Complex::ZERO)?;
    // next[j]: where row k goes in column j (columns of L fill up row by row).
    let mut next = sym.lp[..n].to_vec();
    for k in 0..n {
        for p in sym.upper.ptr[k]..sym.upper.ptr[k + 1] {
            x[sym.upper.idx[p]] = x[sym.upper.idx[p]] + values[sym.upper.src[p]];
        }
        let mut dk = x[k];
        x[k] = Complex::ZERO;
        if symmetric {
            for &j in &sym.rj[sym.rp[k]..sym.rp[k + 1]] {
                let xj = x[j];
                x[j] = Complex::ZERO;
                let column = sym.lp[j]..next[j];
                for (&lij, &i) in lx[column.clone()].iter().zip(&sym.li[column]) {
                    x[i] = x[i] - lij * xj;
                }
                let lkj = xj / d[j];
                if !(lkj.norm_sqr() <= max_multiplier_sqr) {
                    return Ok(StaticLu::PivotRejected(sym.perm[j]));
                }
                dk = dk - lkj * xj;
                lx[next[j]] = lkj;
                next[j] += 1;
            }
            if !(dk.abs() > zero_pivot) {
                return Ok(StaticLu::PivotRejected(sym.perm[k]));
            }
            d[k] = dk;
            continue;
        }
        for p in sym.lower.ptr[k]..sym.lower.ptr[k + 1] {
            y[sym.lower.idx[p]] = y[sym.lower.idx[p]] + values[sym.lower.src[p]];
        }
        for &j in &sym.rj[sym.rp[k]..sym.rp[k + 1]] {
            let (xj, yj) = (x[j], y[j]);
            x[j] = Complex::ZERO;
            y[j] = Complex::ZERO;
            for p in sym.lp[j]..next[j] {
                let i = sym.li[p];
                x[i] = x[i] - lx[p] * xj;
                y[i] = y[i] - ux[p] * yj;
            }
            let lkj = yj / d[j];
            if !(lkj.norm_sqr() <= max_multiplier_sqr) {
                return Ok(StaticLu::PivotRejected(sym.perm[j]));
            }
            dk = dk - lkj * xj;
            lx[next[j]] = lkj;
            ux[next[j]] = xj / d[j];
            next[j] += 1;
        }
        if !(dk.abs() > zero_pivot) {
            return Ok(StaticLu::PivotRejected(sym.perm[k]));
        }
        d[k] = dk;
    }
    Ok(StaticLu::Factored(Ldu {
        d,
        lx,
        ux,
        symmetric,
    }))
}
