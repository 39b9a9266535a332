// SPDX-License-Identifier: LGPL-2.1-or-later
//! Sparse triangular factors and the sparse triangular solve with a sparse right-hand side:
//! J. R. Gilbert, T. Peierls, SIAM J. Sci. Stat. Comput. 9(5), 1988 — the pattern of x is the
//! depth-first reach of b's pattern in the graph of G, so the cost is proportional to the flops
//! (cs_reach/cs_dfs/cs_spsolve, Davis 2006, §3.2). Used inside the pivoted factorization
//! (`gplu`) and by the selected inversion of pivoted factors (`selinv`).

use crate::complex::Complex;
use crate::csc::cumulative_sum;
use crate::error::{try_reserve, try_vec, Result};

/// A triangular factor in CSC form, grown column by column.
#[derive(Clone, Debug)]
pub struct TriangularMatrix {
    pub colptr: Vec<usize>,
    pub rowind: Vec<usize>,
    pub values: Vec<Complex>,
}

impl TriangularMatrix {
    pub fn with_capacity(n: usize, nnz: usize) -> Result<TriangularMatrix> {
        let mut m = TriangularMatrix {
            colptr: Vec::new(),
            rowind: Vec::new(),
            values: Vec::new(),
        };
        try_reserve(&mut m.colptr, n + 1)?;
        try_reserve(&mut m.rowind, nnz)?;
        try_reserve(&mut m.values, nnz)?;
        m.colptr.push(0);
        Ok(m)
    }

    pub fn nnz(&self) -> usize {
        self.rowind.len()
    }

    /// Transpose of an n×n factor; rows of each output column come out ascending.
    pub fn transpose(&self, n: usize) -> Result<TriangularMatrix> {
        let mut count = try_vec(n + 1, 0usize)?;
        for &i in &self.rowind {
            count[i] += 1;
        }
        let colptr = cumulative_sum(&count, 0);
        let mut next = colptr.clone();
        let mut rowind = try_vec(self.nnz(), 0usize)?;
        let mut values = try_vec(self.nnz(), Complex::ZERO)?;
        for j in 0..self.colptr.len() - 1 {
            for p in self.colptr[j]..self.colptr[j + 1] {
                let i = self.rowind[p];
                rowind[next[i]] = j;
                values[next[i]] = self.values[p];
                next[i] += 1;
            }
        }
        Ok(TriangularMatrix {
            colptr,
            rowind,
            values,
        })
    }
}

/// How the columns of a lower-triangular G (diagonal stored first) are addressed.
#[derive(Clone, Copy)]
pub enum Triangle<'a> {
    /// Row i is column i of G.
    Lower,
    /// Row i is column pinv[i] of G; rows with pinv[i] = usize::MAX have no column yet
    /// (the partially built L of Gilbert–Peierls, still in original row numbering).
    UnitLowerPivoted(&'a [usize]),
}

impl Triangle<'_> {
    fn column_of(self, i: usize) -> Option<usize> {
        match self {
            Triangle::Lower => Some(i),
            Triangle::UnitLowerPivoted(pinv) => Some(pinv[i]).filter(|&c| c != usize::MAX),
        }
    }
}

/// x = G \ b for a sparse b = (rows, values) (cs_spsolve). The nonzero pattern of x is
/// returned in `xi[top..n]` in topological order; `x` must be zero outside it on entry and
/// is zero outside it on exit. `mark[i] == stamp` flags visited nodes; use a fresh stamp
/// per call. `xi` needs 2n entries (the second half is the DFS stack).
pub fn spsolve(
    g: &TriangularMatrix,
    shape: Triangle<'_>,
    b: (&[usize], &[Complex]),
    stamp: usize,
    xi: &mut [usize],
    x: &mut [Complex],
    mark: &mut [usize],
) -> usize {
    let top = reach(g, shape, b.0, stamp, xi, mark);
    let n = x.len();
    for &i in &xi[top..n] {
        x[i] = Complex::ZERO;
    }
    // Repeated rows in b are summed, like every other duplicate entry.
    for (&i, &v) in b.0.iter().zip(b.1) {
        x[i] = x[i] + v;
    }
    for &j in &xi[top..n] {
        if let Some(c) = shape.column_of(j) {
            let (p0, p1) = (g.colptr[c], g.colptr[c + 1]);
            let xj = x[j] / g.values[p0];
            x[j] = xj;
            for p in (p0 + 1)..p1 {
                let i = g.rowind[p];
                x[i] = x[i] - g.values[p] * xj;
            }
        }
    }
    top
}

/// Nodes reachable from the rows of b in the graph of G, in topological order (cs_reach).
fn reach(
    g: &TriangularMatrix,
    shape: Triangle<'_>,
    rows: &[usize],
    stamp: usize,
    xi: &mut [usize],
    mark: &mut [usize],
) -> usize {
    let n = mark.len();
    let mut top = n;
    for &i in rows {
        if mark[i] != stamp {
            top = dfs(g, shape, i, top, stamp, xi, mark);
        }
    }
    top
}

/// Non-recursive depth-first search from j (cs_dfs): `xi[..]` is the recursion stack and
/// `xi[n..]` the saved position in each node's column; finished nodes go to `xi[top-1]`.
fn dfs(
    g: &TriangularMatrix,
    shape: Triangle<'_>,
    j: usize,
    mut top: usize,
    stamp: usize,
    xi: &mut [usize],
    mark: &mut [usize],
) -> usize {
    let n = mark.len();
    let mut head = 0usize;
    xi[0] = j;
    loop {
        let j = xi[head];
        let col = shape.column_of(j);
        if mark[j] != stamp {
            mark[j] = stamp;
            xi[n + head] = col.map_or(0, |c| g.colptr[c]);
        }
        let end = col.map_or(0, |c| g.colptr[c + 1]);
        let mut done = true;
        let mut p = xi[n + head];
        while p < end {
            let i = g.rowind[p];
            p += 1;
            if mark[i] == stamp {
                continue;
            }
            xi[n + head] = p;
            head += 1;
            xi[head] = i;
            done = false;
            break;
        }
        if done {
            top -= 1;
            xi[top] = j;
            if head == 0 {
                return top;
            }
            head -= 1;
        }
    }
}
