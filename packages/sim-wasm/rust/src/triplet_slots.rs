// SPDX-License-Identifier: LGPL-2.1-or-later
//! Re-assembly of a matrix from triplets with the structure of an earlier assembly.
//!
//! `CscMatrix::from_triplets` compresses triplets with two counting sorts (by row, then a
//! transpose that sorts each column and sums duplicates; Davis 2006, §2.4–2.5). A network
//! assembled again stamps the same (row, col) sequence with new values: the peak-current network
//! after Y(1), and every sequence network of the next study of the same network. Kept per
//! triplet, the entry of the compressed pattern it was summed into (its slot) turns the next
//! assembly into one pass over the triplets, with no sort and no new pattern to compare.
//!
//! Same bits as compressing again: `from_triplets` sums the duplicates of an entry in triplet
//! order, the first one assigned and each later one added, and `scatter` does exactly that.
//! Every triplet is checked against the pattern (its slot lies in its column and holds its
//! row), and every entry must be hit: any triplet sequence of another structure is refused, and
//! the caller compresses it in full, with that path's own errors.

use crate::complex::Complex;
use crate::csc::Pattern;

/// Each triplet's entry of `pattern`, or None when a triplet is not an entry of it or the
/// pattern has a column whose rows are not strictly increasing (a compressed pattern's are).
pub fn slots_of(pattern: &Pattern, rows: &[i32], cols: &[i32]) -> Option<Vec<u32>> {
    let n = pattern.n;
    if rows.len() != cols.len() || pattern.nnz() > u32::MAX as usize {
        return None;
    }
    let increasing = (0..n).all(|j| pattern.column(j).windows(2).all(|w| w[0] < w[1]));
    if !increasing {
        return None;
    }
    let mut slots = Vec::new();
    slots.try_reserve_exact(rows.len()).ok()?;
    for (&i, &j) in rows.iter().zip(cols) {
        if i < 0 || j < 0 || j as usize >= n {
            return None;
        }
        let start = pattern.colptr[j as usize];
        let offset = pattern
            .column(j as usize)
            .binary_search(&(i as usize))
            .ok()?;
        slots.push((start + offset) as u32);
    }
    Some(slots)
}

/// Sums `values` of the triplets (`rows`, `cols`) into `out` (one per entry of `pattern`) by
/// their kept `slots`. False, with `out` partly written, when the triplets do not have the
/// kept structure or a value is not finite (compressing in full reports that one).
pub fn scatter(
    pattern: &Pattern,
    slots: &[u32],
    rows: &[i32],
    cols: &[i32],
    values: &[Complex],
    out: &mut [Complex],
) -> bool {
    let nnz = pattern.nnz();
    let count = slots.len();
    if rows.len() != count || cols.len() != count || values.len() != count || out.len() != nnz {
        return false;
    }
    let mut seen = Vec::new();
    if seen.try_reserve_exact(nnz).is_err() {
        return false;
    }
    seen.resize(nnz, false);
    let mut hits = 0usize;
    for t in 0..count {
        let (i, j, s, v) = (rows[t], cols[t], slots[t] as usize, values[t]);
        if i < 0 || j < 0 || j as usize >= pattern.n || !v.is_finite() {
            return false;
        }
        let j = j as usize;
        if s < pattern.colptr[j] || s >= pattern.colptr[j + 1] || pattern.rowind[s] != i as usize {
            return false;
        }
        if seen[s] {
            out[s] = out[s] + v;
        } else {
            out[s] = v;
            seen[s] = true;
            hits += 1;
        }
    }
    hits == nnz
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csc::CscMatrix;

    fn c(re: f64, im: f64) -> Complex {
        Complex::new(re, im)
    }

    /// Triplets with duplicates in every column, values whose sums depend on their order.
    fn triplets() -> (Vec<i32>, Vec<i32>, Vec<Complex>) {
        let rows = vec![0, 2, 1, 0, 2, 1, 0, 2, 2, 1];
        let cols = vec![0, 0, 1, 0, 2, 1, 2, 2, 0, 1];
        let values = vec![
            c(0.1, -0.0),
            c(1e16, 3.0),
            c(0.7, 0.2),
            c(0.2, 1e-17),
            c(-0.0, -0.0),
            c(1e-16, 5.0),
            c(3.0, 4.0),
            c(-0.0, 1.0),
            c(1.0, -1e16),
            c(0.3, 0.3),
        ];
        (rows, cols, values)
    }

    fn compressed(rows: &[i32], cols: &[i32], values: &[Complex]) -> CscMatrix {
        let r: Vec<usize> = rows.iter().map(|&i| i as usize).collect();
        let k: Vec<usize> = cols.iter().map(|&j| j as usize).collect();
        CscMatrix::from_triplets(3, &r, &k, values).unwrap()
    }

    fn bits(values: &[Complex]) -> Vec<(u64, u64)> {
        values
            .iter()
            .map(|z| (z.re.to_bits(), z.im.to_bits()))
            .collect()
    }

    #[test]
    fn scatter_gives_the_bits_of_compressing_again() {
        let (rows, cols, values) = triplets();
        let m = compressed(&rows, &cols, &values);
        let slots = slots_of(&m.pattern, &rows, &cols).unwrap();
        // New values on the same structure, including signed zeros as the first of an entry.
        let again: Vec<Complex> = values
            .iter()
            .enumerate()
            .map(|(t, z)| {
                if t == 4 {
                    c(-0.0, -0.0)
                } else {
                    c(z.re * 1.5 + 0.1, z.im - 0.3)
                }
            })
            .collect();
        let mut out = vec![c(9.0, 9.0); m.pattern.nnz()];
        assert!(scatter(&m.pattern, &slots, &rows, &cols, &again, &mut out));
        assert_eq!(bits(&out), bits(&compressed(&rows, &cols, &again).values));
    }

    #[test]
    fn another_structure_is_refused() {
        let (rows, cols, values) = triplets();
        let m = compressed(&rows, &cols, &values);
        let slots = slots_of(&m.pattern, &rows, &cols).unwrap();
        let mut out = vec![Complex::ZERO; m.pattern.nnz()];
        // Two triplets swapped: same entries, but each no longer at its slot.
        let mut swapped = rows.clone();
        swapped.swap(0, 1);
        assert!(!scatter(
            &m.pattern, &slots, &swapped, &cols, &values, &mut out
        ));
        // One triplet fewer than the kept structure.
        assert!(!scatter(
            &m.pattern,
            &slots,
            &rows[..9],
            &cols[..9],
            &values[..9],
            &mut out
        ));
        // Out of range, negative, not finite.
        let mut far = cols.clone();
        far[3] = 3;
        assert!(!scatter(&m.pattern, &slots, &rows, &far, &values, &mut out));
        let mut negative = rows.clone();
        negative[3] = -1;
        assert!(!scatter(
            &m.pattern, &slots, &negative, &cols, &values, &mut out
        ));
        let mut nan = values;
        nan[5] = c(f64::NAN, 0.0);
        assert!(!scatter(&m.pattern, &slots, &rows, &cols, &nan, &mut out));
    }

    #[test]
    fn an_entry_no_triplet_reaches_is_refused() {
        let (rows, cols, values) = triplets();
        let m = compressed(&rows, &cols, &values);
        let slots = slots_of(&m.pattern, &rows, &cols).unwrap();
        // Triplet 6 is the only one of entry (0, 2): moved onto (2, 2), with that entry's slot,
        // each triplet passes its own check but entry (0, 2) gets no value.
        let (mut r, mut k, mut s) = (rows, cols, slots);
        r[6] = 2;
        k[6] = 2;
        s[6] = s[7];
        let mut out = vec![Complex::ZERO; m.pattern.nnz()];
        assert!(!scatter(&m.pattern, &s, &r, &k, &values, &mut out));
    }

    #[test]
    fn slots_need_entries_of_a_compressed_pattern() {
        let (rows, cols, values) = triplets();
        let m = compressed(&rows, &cols, &values);
        assert!(
            slots_of(&m.pattern, &[1], &[2]).is_none(),
            "(1, 2) is not an entry"
        );
        assert!(
            slots_of(&m.pattern, &[0], &[3]).is_none(),
            "column out of range"
        );
        let unsorted = Pattern::new(2, vec![0, 2, 3], vec![1, 0, 1]).unwrap();
        assert!(slots_of(&unsorted, &[0], &[0]).is_none());
    }
}
