// SPDX-License-Identifier: LGPL-2.1-or-later
//! Triangular solves with dense right-hand sides, column by column through the factors of
//! either kind (cs_lsolve/cs_usolve/cs_lusol, Davis 2006, §3.1). Sparse right-hand sides are
//! in `triangular` (the Gilbert–Peierls reach).

use crate::complex::Complex;
use crate::gplu::PivotedLu;
use crate::lu::Ldu;
use crate::symbolic::Symbolic;

/// Solves P A Pᵀ = L D U for one dense right-hand side in place (original numbering).
pub fn ldu_solve(sym: &Symbolic, f: &Ldu, b: &mut [Complex], work: &mut [Complex]) {
    let n = sym.n();
    for k in 0..n {
        work[k] = b[sym.perm[k]];
    }
    for j in 0..n {
        let wj = work[j];
        // Unit right-hand sides (columns of Z) stay zero until the etree path of their
        // row: skipping zeros makes the forward solve touch only that path.
        if wj == Complex::ZERO {
            continue;
        }
        for p in sym.lp[j]..sym.lp[j + 1] {
            let i = sym.li[p];
            work[i] = work[i] - f.lx[p] * wj;
        }
    }
    for (w, &d) in work.iter_mut().zip(&f.d) {
        *w = *w / d;
    }
    let u = f.u();
    for j in (0..n).rev() {
        let mut wj = work[j];
        for p in sym.lp[j]..sym.lp[j + 1] {
            wj = wj - u[p] * work[sym.li[p]];
        }
        work[j] = wj;
    }
    for k in 0..n {
        b[sym.perm[k]] = work[k];
    }
}

/// Solves A = Pᵀ L U Qᵀ for one dense right-hand side in place (cs_lusol).
pub fn pivoted_solve(f: &PivotedLu, b: &mut [Complex], work: &mut [Complex]) {
    let n = f.q.len();
    for i in 0..n {
        work[f.pinv[i]] = b[i];
    }
    for j in 0..n {
        let (p0, p1) = (f.l.colptr[j], f.l.colptr[j + 1]);
        let wj = work[j];
        for p in (p0 + 1)..p1 {
            let i = f.l.rowind[p];
            work[i] = work[i] - f.l.values[p] * wj;
        }
    }
    for j in (0..n).rev() {
        let (p0, p1) = (f.u.colptr[j], f.u.colptr[j + 1]);
        let wj = work[j] / f.u.values[p1 - 1];
        work[j] = wj;
        for p in p0..(p1 - 1) {
            let i = f.u.rowind[p];
            work[i] = work[i] - f.u.values[p] * wj;
        }
    }
    for k in 0..n {
        b[f.q[k]] = work[k];
    }
}
