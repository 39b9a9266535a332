// SPDX-License-Identifier: LGPL-2.1-or-later
//! w = Z·a for the vector a = e_i/t − e_j of one rank-1 term of an outage (outage_screening.rs),
//! from the static LDU factors of a symmetric Ybus, once per outage and sequence.
//!
//! The right-hand side has at most two nonzeros, so the forward solve L·y = P·a touches only the
//! etree paths from i and j to their roots: the nonzero pattern of the solution of a sparse
//! triangular system is the set of nodes reachable from the right-hand side's pattern in the
//! graph of L (J. R. Gilbert, T. Peierls, "Sparse partial pivoting in time proportional to
//! arithmetic operations", SIAM J. Sci. Stat. Comput. 9(5), 1988), which for a factor of a
//! symmetric matrix is the union of the etree paths (J. W. H. Liu, "The role of elimination
//! trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11(1), 1990, §3). The backward
//! solve is dense (every bus needs its Z'_kk).
//!
//! Against the general `Solver::solve`, per outage it saves what a solve of a full right-hand
//! side needs: a scan of all n entries for finiteness, a zeroed work vector, the forward sweep
//! over all n columns and n complex divisions by the pivots (kept here as reciprocals).

use std::cmp::Ordering;

use crate::complex::Complex;
use crate::error::{try_vec, Result, SolverError};
use crate::lu::Ldu;
use crate::solver::{Factors, Solver};
use crate::symbolic::Symbolic;

/// No etree parent: a root.
const ROOT: usize = usize::MAX;

pub struct TermSolve<'a> {
    sym: &'a Symbolic,
    ldu: &'a Ldu,
    /// 1/d_k of the pivots.
    inv_d: Vec<Complex>,
    /// The etree parent of each (permuted) column: the first row of column j of L.
    parent: Vec<usize>,
    /// The union of the two etree paths of the current term, ascending.
    path: Vec<usize>,
    /// The solution in the factors' (permuted) order.
    work: Vec<Complex>,
}

/// The factors a term solve reads, checked: the symbolic pattern, the LDU factors, 1/d_k of the
/// pivots and the etree parent of each (permuted) column. Shared with the blocked solve
/// (block_solve.rs).
pub(super) struct Prepared<'a> {
    pub sym: &'a Symbolic,
    pub ldu: &'a Ldu,
    pub inv_d: Vec<Complex>,
    pub parent: Vec<usize>,
}

pub(super) fn prepare(solver: &Solver) -> Result<Prepared<'_>> {
    let ldu = match &solver.factors {
        Some(Factors::Static(ldu)) if ldu.symmetric => ldu,
        _ => {
            return Err(SolverError::invalid(
                "outage screening needs the static factors of a symmetric Ybus (bus level, no phase shifts)",
            ))
        }
    };
    let sym = &solver.symbolic;
    let n = sym.n();
    let mut inv_d = try_vec(n, Complex::ZERO)?;
    for (r, &d) in inv_d.iter_mut().zip(&ldu.d) {
        *r = Complex::ONE / d;
    }
    let mut parent = try_vec(n, ROOT)?;
    for (j, p) in parent.iter_mut().enumerate() {
        // Columns of L are sorted (symbolic.rs): the first row is the smallest, the parent.
        if sym.lp[j] < sym.lp[j + 1] {
            *p = sym.li[sym.lp[j]];
        }
    }
    Ok(Prepared {
        sym,
        ldu,
        inv_d,
        parent,
    })
}

/// The union of the etree paths from `a` and `b` to their roots, ascending (a parent's number is
/// larger than its child's), into `path`.
pub(super) fn collect_path(parent: &[usize], a: usize, b: Option<usize>, path: &mut Vec<usize>) {
    let up = |k: usize| {
        let p = parent[k];
        if p == ROOT {
            None
        } else {
            Some(p)
        }
    };
    path.clear();
    let (mut a, mut b) = (Some(a), b);
    loop {
        let next = match (a, b) {
            (None, None) => break,
            (Some(x), None) => {
                a = up(x);
                x
            }
            (None, Some(y)) => {
                b = up(y);
                y
            }
            (Some(x), Some(y)) => match x.cmp(&y) {
                Ordering::Less => {
                    a = up(x);
                    x
                }
                Ordering::Greater => {
                    b = up(y);
                    y
                }
                Ordering::Equal => {
                    // The paths have met: the rest is common.
                    a = up(x);
                    b = None;
                    x
                }
            },
        };
        path.push(next);
    }
}

impl<'a> TermSolve<'a> {
    pub fn new(solver: &'a Solver) -> Result<TermSolve<'a>> {
        let Prepared {
            sym,
            ldu,
            inv_d,
            parent,
        } = prepare(solver)?;
        let n = sym.n();
        Ok(TermSolve {
            sym,
            ldu,
            inv_d,
            parent,
            path: Vec::new(),
            work: try_vec(n, Complex::ZERO)?,
        })
    }

    /// w = Z·a with a = e_i/ratio − e_j (e_i/ratio alone without j), in the original node order;
    /// every entry of `w` is written.
    pub fn solve(&mut self, i: usize, j: Option<usize>, ratio: f64, w: &mut [Complex]) {
        let sym = self.sym;
        let (lx, ux) = (&self.ldu.lx, self.ldu.u());
        let n = sym.n();
        let pi = sym.pinv[i];
        let pj = j.map(|j| sym.pinv[j]);
        collect_path(&self.parent, pi, pj, &mut self.path);
        let work = &mut self.work;
        for &k in &self.path {
            work[k] = Complex::ZERO;
        }
        work[pi] = Complex::new(1.0 / ratio, 0.0);
        if let Some(pj) = pj {
            work[pj] = Complex::new(-1.0, 0.0);
        }
        // Forward, along the path only: column j of L has rows on j's own path.
        for &c in &self.path {
            let wc = work[c];
            if wc == Complex::ZERO {
                continue;
            }
            let column = sym.lp[c]..sym.lp[c + 1];
            for (&r, &l) in sym.li[column.clone()].iter().zip(&lx[column]) {
                work[r] = work[r] - l * wc;
            }
        }
        // Diagonal and backward, dense. Off the path y is zero; entries there still hold the
        // previous term's values, which are never read: row c reads only rows above c, all
        // written by this sweep already.
        let mut on_path = self.path.len();
        for c in (0..n).rev() {
            let mut wc = if on_path > 0 && self.path[on_path - 1] == c {
                on_path -= 1;
                work[c] * self.inv_d[c]
            } else {
                Complex::ZERO
            };
            let column = sym.lp[c]..sym.lp[c + 1];
            for (&r, &u) in sym.li[column.clone()].iter().zip(&ux[column]) {
                wc = wc - u * work[r];
            }
            work[c] = wc;
        }
        for (k, &original) in sym.perm.iter().enumerate() {
            w[original] = work[k];
        }
    }
}

/// The factors of a complex symmetric Ybus for tests: branch (i, j) of admittance y(i, j), and a
/// shunt at every node.
#[cfg(test)]
pub(crate) fn symmetric_test_solver(
    n: usize,
    edges: &[(usize, usize)],
    shunt: Complex,
    y: impl Fn(usize, usize) -> Complex,
) -> Solver {
    let (mut r, mut c, mut v) = (Vec::new(), Vec::new(), Vec::new());
    let mut diag = vec![shunt; n];
    for &(i, j) in edges {
        let y = y(i, j);
        r.extend([i, j]);
        c.extend([j, i]);
        v.extend([-y, -y]);
        diag[i] = diag[i] + y;
        diag[j] = diag[j] + y;
    }
    for (k, d) in diag.into_iter().enumerate() {
        r.push(k);
        c.push(k);
        v.push(d);
    }
    let m = crate::csc::CscMatrix::from_triplets(n, &r, &c, &v).unwrap();
    let mut s = Solver::analyze(m.pattern.clone()).unwrap();
    s.factorize(&m.values, 0.01).unwrap();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_a_general_solve_for_every_pair_and_ratio() {
        // Two components (so two etree roots), one of them a chain.
        let n = 7;
        let edges = [(0, 1), (1, 2), (2, 3), (3, 0), (1, 3), (4, 5), (5, 6)];
        let s = symmetric_test_solver(n, &edges, Complex::new(0.3, -0.5), |i, j| {
            Complex::new(0.5 + 0.1 * i as f64, -4.0 - j as f64)
        });
        let mut ts = TermSolve::new(&s).unwrap();
        let mut w = vec![Complex::new(9.0, 9.0); n];
        for i in 0..n {
            for j in (0..n).map(Some).chain([None]) {
                if j == Some(i) {
                    continue;
                }
                let ratio = if j.is_some() { 1.05 } else { 1.0 };
                let mut expected = vec![Complex::ZERO; n];
                expected[i] = Complex::new(1.0 / ratio, 0.0);
                if let Some(j) = j {
                    expected[j] = Complex::new(-1.0, 0.0);
                }
                s.solve(&mut expected).unwrap();
                ts.solve(i, j, ratio, &mut w);
                for (got, want) in w.iter().zip(&expected) {
                    assert!(
                        (*got - *want).abs() <= 1e-12 * want.abs().max(1.0),
                        "{:?} {:?}",
                        got,
                        want
                    );
                }
            }
        }
    }
}
