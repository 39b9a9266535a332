// SPDX-License-Identifier: LGPL-2.1-or-later
//! Symbolic analysis of a structurally symmetric matrix, reusable for any values on the same
//! pattern: AMD ordering of A + Aᵀ, elimination tree, column counts, the pattern of the
//! factor L (U has the transposed pattern), and where each entry of A enters the up-looking
//! factorization. Follows cs_schol (Davis 2006, §4.6) applied to the pattern of A + Aᵀ.

use crate::amd::amd_order;
use crate::complex::Complex;
use crate::csc::{cumulative_sum, Pattern};
use crate::error::{try_vec, Result, SolverError};
use crate::etree::{column_counts, ereach, etree, postorder};

/// Entries of PAPᵀ grouped by the elimination step k = max(row, col) that consumes them:
/// `idx` is the other index (< k, or = k for the diagonal), `src` the position in A's values.
#[derive(Clone, Debug)]
pub struct StepEntries {
    pub ptr: Vec<usize>,
    pub idx: Vec<usize>,
    pub src: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Symbolic {
    /// The pattern of A as given (original numbering).
    pub a: Pattern,
    /// perm[k] = original index of the k-th pivot; pinv is its inverse.
    pub perm: Vec<usize>,
    pub pinv: Vec<usize>,
    /// Strictly lower pattern of L by columns, rows ascending; column j of Uᵀ is the same.
    pub lp: Vec<usize>,
    pub li: Vec<usize>,
    /// Row k of L: columns j < k with L(k, j) ≠ 0, in a topological order of the etree.
    pub rp: Vec<usize>,
    pub rj: Vec<usize>,
    /// Entries (i, k), i ≤ k, of PAPᵀ: scattered into the column solve of step k.
    pub upper: StepEntries,
    /// Entries (k, j), j < k, of PAPᵀ: scattered into the row solve of step k.
    pub lower: StepEntries,
    /// mirror[p]: the position in A's values of the entry transposed to entry p, usize::MAX
    /// where A has none; for telling numerically symmetric values (`is_symmetric`).
    pub mirror: Vec<usize>,
}

impl Symbolic {
    pub fn analyze(a: Pattern) -> Result<Symbolic> {
        let perm = amd_order(&a.symmetrized(false)?)?;
        Symbolic::analyze_ordered(a, perm)
    }

    /// The same analysis with a fill-reducing ordering computed elsewhere (`perm[k]` = the
    /// original index of the k-th pivot, a permutation of 0..n).
    pub fn analyze_ordered(a: Pattern, perm: Vec<usize>) -> Result<Symbolic> {
        let n = a.n;
        if perm.len() != n {
            return Err(SolverError::invalid(format!(
                "ordering of length {} for n = {}",
                perm.len(),
                n
            )));
        }
        let mut pinv = try_vec(n, usize::MAX)?;
        for (k, &j) in perm.iter().enumerate() {
            if j >= n || pinv[j] != usize::MAX {
                return Err(SolverError::invalid(format!(
                    "ordering is not a permutation of 0..{} (entry {} is {})",
                    n, k, j
                )));
            }
            pinv[j] = k;
        }
        let c = a.symmetrized(true)?.permuted_symmetric(&pinv)?;
        let parent = etree(&c)?;
        let post = postorder(&parent)?;
        let counts: Vec<usize> = column_counts(&c, &parent, &post)?
            .iter()
            .map(|&cnt| cnt - 1)
            .collect();
        let mut counts_ptr = counts;
        counts_ptr.push(0);
        let lp = cumulative_sum(&counts_ptr, 0);
        let (li, rp, rj) = fill_pattern(&c, &parent, &lp)?;
        let (upper, lower) = step_entries(&a, &pinv)?;
        let mirror = mirror_entries(&a)?;
        Ok(Symbolic {
            a,
            perm,
            pinv,
            lp,
            li,
            rp,
            rj,
            upper,
            lower,
            mirror,
        })
    }

    pub fn n(&self) -> usize {
        self.a.n
    }

    /// Nonzeros of the strictly lower part of L.
    pub fn lnz(&self) -> usize {
        self.li.len()
    }

    /// A(i, j) = A(j, i) for every entry: the factors then have U = Lᵀ exactly, and half the
    /// work of factorization and selected inversion can be skipped. Bus admittance matrices
    /// without phase shifts (every bus-level study) are complex symmetric.
    pub fn is_symmetric(&self, values: &[Complex]) -> bool {
        self.mirror
            .iter()
            .zip(values)
            .all(|(&q, v)| q != usize::MAX && values[q] == *v)
    }
}

/// Position of each entry's transpose in A, or usize::MAX. Columns are walked in order, so in
/// column i the candidate rows j arrive ascending and one cursor per column finds them
/// (sorted rows; an unsorted or duplicated column only yields usize::MAX: "not symmetric").
fn mirror_entries(a: &Pattern) -> Result<Vec<usize>> {
    let mut mirror = try_vec(a.nnz(), usize::MAX)?;
    let mut cursor = a.colptr[..a.n].to_vec();
    for j in 0..a.n {
        let column = a.colptr[j]..a.colptr[j + 1];
        for (found, &i) in mirror[column.clone()].iter_mut().zip(&a.rowind[column]) {
            let end = a.colptr[i + 1];
            while cursor[i] < end && a.rowind[cursor[i]] < j {
                cursor[i] += 1;
            }
            if cursor[i] < end && a.rowind[cursor[i]] == j {
                *found = cursor[i];
            }
        }
    }
    Ok(mirror)
}

/// Row patterns of L by ereach, appended row by row so every column of L ends up sorted.
fn fill_pattern(
    c: &Pattern,
    parent: &[usize],
    lp: &[usize],
) -> Result<(Vec<usize>, Vec<usize>, Vec<usize>)> {
    let n = c.n;
    let lnz = lp[n];
    let mut li = try_vec(lnz, 0usize)?;
    let mut rp = try_vec(n + 1, 0usize)?;
    let mut rj = try_vec(lnz, 0usize)?;
    let mut next = lp[..n].to_vec();
    let mut stack = try_vec(n, 0usize)?;
    let mut mark = try_vec(n, usize::MAX)?;
    let mut nz = 0;
    for k in 0..n {
        let top = ereach(c, k, parent, &mut stack, &mut mark);
        for &j in &stack[top..n] {
            li[next[j]] = k;
            next[j] += 1;
            rj[nz] = j;
            nz += 1;
        }
        rp[k + 1] = nz;
    }
    Ok((li, rp, rj))
}

/// Assigns every entry p of A, at (i', j') in PAPᵀ, to step max(i', j') (counting sort).
fn step_entries(a: &Pattern, pinv: &[usize]) -> Result<(StepEntries, StepEntries)> {
    let n = a.n;
    let mut up_count = try_vec(n + 1, 0usize)?;
    let mut lo_count = try_vec(n + 1, 0usize)?;
    for j in 0..n {
        for &i in a.column(j) {
            let (ip, jp) = (pinv[i], pinv[j]);
            if ip <= jp {
                up_count[jp] += 1;
            } else {
                lo_count[ip] += 1;
            }
        }
    }
    let mut upper = StepEntries {
        ptr: cumulative_sum(&up_count, 0),
        idx: Vec::new(),
        src: Vec::new(),
    };
    let mut lower = StepEntries {
        ptr: cumulative_sum(&lo_count, 0),
        idx: Vec::new(),
        src: Vec::new(),
    };
    upper.idx = try_vec(upper.ptr[n], 0)?;
    upper.src = try_vec(upper.ptr[n], 0)?;
    lower.idx = try_vec(lower.ptr[n], 0)?;
    lower.src = try_vec(lower.ptr[n], 0)?;
    let mut up_next = upper.ptr[..n].to_vec();
    let mut lo_next = lower.ptr[..n].to_vec();
    for j in 0..n {
        for p in a.colptr[j]..a.colptr[j + 1] {
            let (ip, jp) = (pinv[a.rowind[p]], pinv[j]);
            let (entries, next, k, other) = if ip <= jp {
                (&mut upper, &mut up_next, jp, ip)
            } else {
                (&mut lower, &mut lo_next, ip, jp)
            };
            entries.idx[next[k]] = other;
            entries.src[next[k]] = p;
            next[k] += 1;
        }
    }
    Ok((upper, lower))
}
