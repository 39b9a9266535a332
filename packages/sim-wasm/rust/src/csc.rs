// SPDX-License-Identifier: LGPL-2.1-or-later
//! Compressed sparse column (CSC) storage, after CSparse (Davis, "Direct Methods for Sparse
//! Linear Systems", SIAM 2006, ch. 2): triplet assembly with duplicate summation, transpose,
//! and the symmetrized pattern A + Aᵀ that the ordering and symbolic analysis work on.

use crate::complex::Complex;
use crate::error::{try_vec, ErrorCode, Result, SolverError};

/// The nonzero pattern of a square n×n matrix. Rows within a column may be unsorted and
/// repeated (repeated entries are summed by the numeric phase).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub n: usize,
    pub colptr: Vec<usize>,
    pub rowind: Vec<usize>,
}

impl Pattern {
    /// Validates a CSC pattern: every failure is an error, never an out-of-range index later.
    /// An empty row or column (an isolated bus) makes the matrix structurally singular.
    pub fn new(n: usize, colptr: Vec<usize>, rowind: Vec<usize>) -> Result<Pattern> {
        if colptr.len() != n + 1 {
            return Err(SolverError::invalid(format!(
                "column pointers have length {}, expected n + 1 = {}",
                colptr.len(),
                n + 1
            )));
        }
        if colptr[0] != 0 || colptr[n] != rowind.len() {
            return Err(SolverError::invalid(format!(
                "column pointers must start at 0 and end at nnz = {} (got {} .. {})",
                rowind.len(),
                colptr[0],
                colptr[n]
            )));
        }
        if let Some(j) = (0..n).find(|&j| colptr[j] > colptr[j + 1]) {
            return Err(SolverError::at_column(
                ErrorCode::InvalidInput,
                j,
                format!("column pointers decrease at column {}", j),
            ));
        }
        let mut row_used = try_vec(n, false)?;
        for j in 0..n {
            for &i in &rowind[colptr[j]..colptr[j + 1]] {
                if i >= n {
                    return Err(SolverError::at_column(
                        ErrorCode::InvalidInput,
                        j,
                        format!("row index {} out of range 0..{} in column {}", i, n, j),
                    ));
                }
                row_used[i] = true;
            }
        }
        if let Some(j) = (0..n).find(|&j| colptr[j] == colptr[j + 1]) {
            return Err(SolverError::at_column(
                ErrorCode::StructurallySingular,
                j,
                format!("column {} has no entries (isolated bus)", j),
            ));
        }
        if let Some(i) = row_used.iter().position(|&used| !used) {
            return Err(SolverError::at_column(
                ErrorCode::StructurallySingular,
                i,
                format!("row {} has no entries (isolated bus)", i),
            ));
        }
        Ok(Pattern { n, colptr, rowind })
    }

    pub fn nnz(&self) -> usize {
        self.rowind.len()
    }

    /// Pattern of A + Aᵀ without duplicates, with or without the diagonal: the graph whose
    /// minimum-degree ordering is a good fill-reducing order for a structurally symmetric A.
    pub fn symmetrized(&self, with_diagonal: bool) -> Result<Pattern> {
        let n = self.n;
        let mut count = try_vec(n + 1, 0usize)?;
        for j in 0..n {
            for &i in self.column(j) {
                if i != j {
                    count[i] += 1;
                    count[j] += 1;
                }
            }
        }
        let mut colptr = cumulative_sum(&count, if with_diagonal { 1 } else { 0 });
        let mut next = colptr.clone();
        let mut rowind = try_vec(colptr[n], 0usize)?;
        for j in 0..n {
            if with_diagonal {
                rowind[next[j]] = j;
                next[j] += 1;
            }
            for &i in self.column(j) {
                if i != j {
                    rowind[next[i]] = j;
                    next[i] += 1;
                    rowind[next[j]] = i;
                    next[j] += 1;
                }
            }
        }
        // Drop duplicates in place (cs_dupl): `seen[i]` remembers the column i was last kept in.
        let mut seen = try_vec(n, usize::MAX)?;
        let mut nz = 0;
        for j in 0..n {
            let start = nz;
            for p in colptr[j]..colptr[j + 1] {
                let i = rowind[p];
                if seen[i] != j {
                    seen[i] = j;
                    rowind[nz] = i;
                    nz += 1;
                }
            }
            colptr[j] = start;
        }
        colptr[n] = nz;
        rowind.truncate(nz);
        Ok(Pattern { n, colptr, rowind })
    }

    /// P S Pᵀ for a symmetric pattern S, where `pinv[old] = new`.
    pub fn permuted_symmetric(&self, pinv: &[usize]) -> Result<Pattern> {
        let n = self.n;
        let mut count = try_vec(n + 1, 0usize)?;
        for j in 0..n {
            count[pinv[j]] = self.colptr[j + 1] - self.colptr[j];
        }
        let colptr = cumulative_sum(&count, 0);
        let mut rowind = try_vec(self.nnz(), 0usize)?;
        for j in 0..n {
            let dst = colptr[pinv[j]];
            for (k, &i) in self.column(j).iter().enumerate() {
                rowind[dst + k] = pinv[i];
            }
        }
        Ok(Pattern { n, colptr, rowind })
    }

    pub fn column(&self, j: usize) -> &[usize] {
        &self.rowind[self.colptr[j]..self.colptr[j + 1]]
    }
}

/// A square complex CSC matrix: a pattern and one value per stored entry.
#[derive(Clone, Debug, PartialEq)]
pub struct CscMatrix {
    pub pattern: Pattern,
    pub values: Vec<Complex>,
}

impl CscMatrix {
    /// Assembles an n×n matrix from (row, col, value) triplets, summing duplicates (the way a
    /// bus admittance matrix is stamped branch by branch). Rows come out sorted per column.
    pub fn from_triplets(
        n: usize,
        rows: &[usize],
        cols: &[usize],
        values: &[Complex],
    ) -> Result<CscMatrix> {
        if rows.len() != cols.len() || rows.len() != values.len() {
            return Err(SolverError::invalid(format!(
                "triplet arrays differ in length: {} rows, {} cols, {} values",
                rows.len(),
                cols.len(),
                values.len()
            )));
        }
        for (t, (&i, &j)) in rows.iter().zip(cols).enumerate() {
            if i >= n || j >= n {
                return Err(SolverError::invalid(format!(
                    "triplet {} = ({}, {}) is outside a {}x{} matrix",
                    t, i, j, n, n
                )));
            }
        }
        check_finite(cols, values)?;
        // Compress by row first: transposing afterwards sorts each column and sums duplicates.
        let mut count = try_vec(n + 1, 0usize)?;
        for &i in rows {
            count[i] += 1;
        }
        let rowptr = cumulative_sum(&count, 0);
        let mut next = rowptr.clone();
        let mut colind = try_vec(rows.len(), 0usize)?;
        let mut vals = try_vec(rows.len(), Complex::ZERO)?;
        for t in 0..rows.len() {
            let p = next[rows[t]];
            next[rows[t]] += 1;
            colind[p] = cols[t];
            vals[p] = values[t];
        }
        let (colptr, rowind, values) = transpose_summing(n, &rowptr, &colind, &vals)?;
        Ok(CscMatrix {
            pattern: Pattern { n, colptr, rowind },
            values,
        })
    }
}

/// Fails with the column of the first NaN/±Inf; `cols[p]` is the column of value p.
pub fn check_finite(cols: &[usize], values: &[Complex]) -> Result<()> {
    match values.iter().position(|z| !z.is_finite()) {
        Some(p) => Err(SolverError::at_column(
            ErrorCode::NonFinite,
            cols[p],
            format!(
                "value {} in column {} is not finite ({}, {})",
                p, cols[p], values[p].re, values[p].im
            ),
        )),
        None => Ok(()),
    }
}

/// The transpose of an n×n CSC matrix with duplicate entries summed; rows come out sorted
/// because columns of the input are visited in order (cs_transpose + cs_dupl).
fn transpose_summing(
    n: usize,
    colptr: &[usize],
    rowind: &[usize],
    values: &[Complex],
) -> Result<(Vec<usize>, Vec<usize>, Vec<Complex>)> {
    let mut count = try_vec(n + 1, 0usize)?;
    let mut last = try_vec(n, usize::MAX)?;
    for j in 0..n {
        for &i in &rowind[colptr[j]..colptr[j + 1]] {
            if last[i] != j {
                last[i] = j;
                count[i] += 1;
            }
        }
    }
    let tptr = cumulative_sum(&count, 0);
    let mut next = tptr.clone();
    let mut tind = try_vec(tptr[n], 0usize)?;
    let mut tval = try_vec(tptr[n], Complex::ZERO)?;
    for j in 0..n {
        for p in colptr[j]..colptr[j + 1] {
            let i = rowind[p];
            // Columns are visited in order, so a duplicate of (i, j) is the last entry of row i.
            if next[i] > tptr[i] && tind[next[i] - 1] == j {
                tval[next[i] - 1] = tval[next[i] - 1] + values[p];
            } else {
                tind[next[i]] = j;
                tval[next[i]] = values[p];
                next[i] += 1;
            }
        }
    }
    Ok((tptr, tind, tval))
}

/// Column pointers from per-column counts, each column widened by `extra` slots.
pub fn cumulative_sum(count: &[usize], extra: usize) -> Vec<usize> {
    let n = count.len() - 1;
    let mut ptr = vec![0usize; n + 1];
    for j in 0..n {
        ptr[j + 1] = ptr[j] + count[j] + extra;
    }
    ptr
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(re: f64) -> Complex {
        Complex::new(re, 0.0)
    }

    #[test]
    fn triplets_sum_duplicates_and_sort_rows() {
        let a = CscMatrix::from_triplets(
            3,
            &[2, 0, 2, 1, 0],
            &[0, 0, 0, 2, 1],
            &[c(1.0), c(2.0), c(3.0), c(4.0), c(5.0)],
        )
        .unwrap();
        assert_eq!(a.pattern.colptr, vec![0, 2, 3, 4]);
        assert_eq!(a.pattern.rowind, vec![0, 2, 0, 1]);
        assert_eq!(a.values, vec![c(2.0), c(4.0), c(5.0), c(4.0)]);
    }

    #[test]
    fn triplets_reject_bad_input() {
        let err = CscMatrix::from_triplets(2, &[0, 2], &[0, 1], &[c(1.0), c(1.0)]).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let err =
            CscMatrix::from_triplets(2, &[0, 1], &[0, 1], &[c(1.0), c(f64::NAN)]).unwrap_err();
        assert_eq!((err.code, err.column), (ErrorCode::NonFinite, Some(1)));
        let err = CscMatrix::from_triplets(2, &[0], &[0, 1], &[c(1.0)]).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn pattern_validation_reports_the_column() {
        assert_eq!(
            Pattern::new(2, vec![0, 1], vec![0]).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert_eq!(
            Pattern::new(2, vec![0, 1, 2], vec![0, 5])
                .unwrap_err()
                .column,
            Some(1)
        );
        assert_eq!(
            Pattern::new(2, vec![0, 2, 1], vec![0, 1]).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        let empty = Pattern::new(3, vec![0, 2, 2, 3], vec![0, 2, 2]).unwrap_err();
        assert_eq!(
            (empty.code, empty.column),
            (ErrorCode::StructurallySingular, Some(1))
        );
    }

    #[test]
    fn symmetrized_pattern_is_deduplicated() {
        let a = Pattern::new(3, vec![0, 2, 3, 5], vec![0, 1, 1, 0, 2]).unwrap();
        let s = a.symmetrized(false).unwrap();
        assert_eq!(s.colptr, vec![0, 2, 3, 4]);
        let mut col0 = s.column(0).to_vec();
        col0.sort_unstable();
        assert_eq!(col0, vec![1, 2]);
        assert_eq!(s.column(1), &[0]);
        assert_eq!(s.column(2), &[0]);
        assert_eq!(a.symmetrized(true).unwrap().nnz(), 7);
    }
}
