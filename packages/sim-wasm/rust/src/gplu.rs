// SPDX-License-Identifier: LGPL-2.1-or-later
//! Left-looking sparse LU with threshold partial pivoting: J. R. Gilbert, T. Peierls, "Sparse
//! partial pivoting in time proportional to arithmetic operations", SIAM J. Sci. Stat. Comput.
//! 9(5):862–874, 1988, as in CSparse's cs_lu (Davis 2006, §6.3).
//!
//! The fallback when a static diagonal pivot fails the threshold test: columns are taken in
//! the same AMD order, each column k is x = L \ A(:, q_k) by a sparse triangular solve whose
//! pattern is a depth-first reach, and the pivot is the diagonal entry when
//! |x_diag| ≥ τ·max |x_i| over non-pivotal rows, else the largest one. Result: L U = A(p, q)
//! with `pinv` the inverse of p; L unit lower with its diagonal stored first in each column,
//! U upper with its diagonal stored last.

use crate::complex::Complex;
use crate::error::{try_reserve, try_vec, ErrorCode, Result, SolverError};
use crate::symbolic::Symbolic;
use crate::triangular::{spsolve, Triangle, TriangularMatrix};

#[derive(Clone, Debug)]
pub struct PivotedLu {
    pub q: Vec<usize>,
    pub pinv: Vec<usize>,
    pub l: TriangularMatrix,
    pub u: TriangularMatrix,
}

// `!(largest > zero_pivot)` on purpose: a NaN pivot candidate must count as singular.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn factor_pivoted(
    sym: &Symbolic,
    values: &[Complex],
    tol: f64,
    zero_pivot: f64,
) -> Result<PivotedLu> {
    let n = sym.n();
    let a = &sym.a;
    let q = sym.perm.clone();
    let unset = usize::MAX;
    let mut pinv = try_vec(n, unset)?;
    let guess = 2 * sym.lnz() + n;
    let mut l = TriangularMatrix::with_capacity(n, guess)?;
    let mut u = TriangularMatrix::with_capacity(n, guess)?;
    let mut x = try_vec(n, Complex::ZERO)?;
    let mut xi = try_vec(2 * n, 0usize)?;
    let mut mark = try_vec(n, usize::MAX)?;
    for (k, &col) in q.iter().enumerate() {
        try_reserve(&mut l.rowind, n)?;
        try_reserve(&mut l.values, n)?;
        try_reserve(&mut u.rowind, n)?;
        try_reserve(&mut u.values, n)?;
        let rhs = (
            &a.rowind[a.colptr[col]..a.colptr[col + 1]],
            &values[a.colptr[col]..a.colptr[col + 1]],
        );
        let top = spsolve(
            &l,
            Triangle::UnitLowerPivoted(&pinv),
            rhs,
            k,
            &mut xi,
            &mut x,
            &mut mark,
        );
        let mut ipiv = unset;
        let mut largest = -1.0;
        for &i in &xi[top..n] {
            if pinv[i] == unset {
                let t = x[i].abs();
                if t > largest {
                    largest = t;
                    ipiv = i;
                }
            } else {
                u.rowind.push(pinv[i]);
                u.values.push(x[i]);
            }
        }
        if ipiv == unset {
            return Err(SolverError::at_column(
                ErrorCode::StructurallySingular,
                col,
                format!(
                    "column {} has no pivot candidate: the matrix is structurally singular",
                    col
                ),
            ));
        }
        if !(largest > zero_pivot) {
            return Err(SolverError::at_column(
                ErrorCode::NumericallySingular,
                col,
                format!(
                    "column {} is numerically singular (largest pivot candidate {:e})",
                    col, largest
                ),
            ));
        }
        if pinv[col] == unset && x[col].abs() >= tol * largest {
            ipiv = col;
        }
        let pivot = x[ipiv];
        u.rowind.push(k);
        u.values.push(pivot);
        u.colptr.push(u.rowind.len());
        pinv[ipiv] = k;
        l.rowind.push(ipiv);
        l.values.push(Complex::ONE);
        for &i in &xi[top..n] {
            if pinv[i] == unset {
                l.rowind.push(i);
                l.values.push(x[i] / pivot);
            }
            x[i] = Complex::ZERO;
        }
        l.colptr.push(l.rowind.len());
    }
    // Rows of L were kept in original numbering during the factorization; renumber by pivot.
    for i in l.rowind.iter_mut() {
        *i = pinv[*i];
    }
    Ok(PivotedLu { q, pinv, l, u })
}
