// SPDX-License-Identifier: LGPL-2.1-or-later
//! Selected inversion: entries of Z = A⁻¹ without forming the dense inverse.
//!
//! Static factors (P A Pᵀ = L D U, symmetric pattern): the Takahashi recurrences
//! (K. Takahashi, J. Fagan, M.-S. Chen, "Formation of a sparse bus impedance matrix and its
//! application to short circuit study", PICA 1973; A. M. Erisman, W. F. Tinney, "On computing
//! certain elements of the inverse of a sparse matrix", CACM 18(3):177–179, 1975). From
//! Z = U⁻¹D⁻¹L⁻¹ follow Z = D⁻¹L⁻¹ + (I − U) Z and Z = U⁻¹D⁻¹ + Z (I − L), hence for
//! every j, from the last column to the first, with S_j = pattern of L(:, j):
//!   Z(i, j) = −Σ_{k∈S_j} Z(i, k) L(k, j)     i ∈ S_j   (lower part)
//!   Z(j, i) = −Σ_{k∈S_j} U(j, k) Z(k, i)     i ∈ S_j   (upper part)
//!   Z(j, j) = 1/d_j − Σ_{k∈S_j} U(j, k) Z(k, j)
//! S_j ∪ {j} is a clique of the filled graph, so every Z(i, k) needed lies on the pattern of
//! L + U and was computed at an earlier (higher) column: the recurrences are closed on that
//! pattern and cost the same order of flops as the factorization. Values need not be symmetric.
//!
//! Pivoted factors (L U = A(p, q), unsymmetric pattern): each requested entry is
//! Z(a, b) = (U⁻ᵀ e_{qinv a}) · (L⁻¹ e_{pinv b}), two sparse solves whose cost is that of the
//! reach of a unit vector, not of a dense solve.

use crate::complex::{sub_product, Complex};
use crate::error::{try_vec, Result};
use crate::gplu::PivotedLu;
use crate::lu::Ldu;
use crate::symbolic::Symbolic;
use crate::triangular::{spsolve, Triangle};

/// Z on the pattern of L + U in pivot order: `zd` the diagonal, `zl[p]` = Z(li[p], j) and
/// `zu[p]` = Z(j, li[p]) for p in column j of the symbolic pattern (empty when Z is symmetric:
/// then Z(j, li[p]) = `zl[p]`).
pub struct SelectedInverse {
    pub zd: Vec<Complex>,
    pub zl: Vec<Complex>,
    pub zu: Vec<Complex>,
}

pub fn takahashi(sym: &Symbolic, f: &Ldu) -> Result<SelectedInverse> {
    if f.symmetric {
        return takahashi_symmetric(sym, f);
    }
    let n = sym.n();
    let (lp, li) = (&sym.lp, &sym.li);
    let mut zd = try_vec(n, Complex::ZERO)?;
    let mut zl = try_vec(sym.lnz(), Complex::ZERO)?;
    let mut zu = try_vec(sym.lnz(), Complex::ZERO)?;
    let u = f.u();
    // pos[i] = position of row i in the current column j, so column k can be matched to S_j.
    let mut pos = try_vec(n, usize::MAX)?;
    for j in (0..n).rev() {
        for p in lp[j]..lp[j + 1] {
            pos[li[p]] = p;
        }
        for pk in lp[j]..lp[j + 1] {
            let k = li[pk];
            let (lkj, ujk) = (f.lx[pk], u[pk]);
            // Z(k, j) and Z(j, k) are summed in registers: no position of the loop below is pk
            // (its rows are below k), so this is the same sequence of operations.
            let mut zkj = sub_product(zl[pk], zd[k], lkj);
            let mut zjk = sub_product(zu[pk], ujk, zd[k]);
            // Z(i, k) and Z(k, i) for i ∈ S_j, i > k: column k holds them because S_j ∖ {≤ k} ⊆ S_k.
            // The scan of column k stops once all of them are found (`left`): rows after the
            // last are not in S_j. Skipping only rows outside S_j, it does the same operations
            // in the same order as a full scan, so the same bits, with ~40 % fewer steps on a
            // meshed 200,000-bus network (docs/performance.md, "Fourteenth session").
            let mut left = lp[j + 1] - pk - 1;
            for q in lp[k]..lp[k + 1] {
                if left == 0 {
                    break;
                }
                let pi = pos[li[q]];
                if pi == usize::MAX {
                    continue;
                }
                left -= 1;
                let (zik, zki) = (zl[q], zu[q]);
                zl[pi] = sub_product(zl[pi], zik, lkj);
                zkj = sub_product(zkj, zki, f.lx[pi]);
                zu[pi] = sub_product(zu[pi], ujk, zki);
                zjk = sub_product(zjk, u[pi], zik);
            }
            zl[pk] = zkj;
            zu[pk] = zjk;
        }
        let mut zjj = Complex::ONE / f.d[j];
        for p in lp[j]..lp[j + 1] {
            zjj = sub_product(zjj, u[p], zl[p]);
            pos[li[p]] = usize::MAX;
        }
        zd[j] = zjj;
    }
    Ok(SelectedInverse { zd, zl, zu })
}

/// The same recurrences for symmetric factors (U = Lᵀ, so Z = Zᵀ): the upper part equals
/// the lower one operation for operation (complex products commute exactly), so only the
/// lower part is computed, at half the work, and `zu` is left empty.
fn takahashi_symmetric(sym: &Symbolic, f: &Ldu) -> Result<SelectedInverse> {
    let n = sym.n();
    let (lp, li) = (&sym.lp, &sym.li);
    let mut zd = try_vec(n, Complex::ZERO)?;
    let mut zl = try_vec(sym.lnz(), Complex::ZERO)?;
    let mut pos = try_vec(n, usize::MAX)?;
    for j in (0..n).rev() {
        for p in lp[j]..lp[j + 1] {
            pos[li[p]] = p;
        }
        for pk in lp[j]..lp[j + 1] {
            let k = li[pk];
            let lkj = f.lx[pk];
            // Summed in a register, and column k scanned up to S_j's last row, as in `takahashi`.
            let mut zkj = sub_product(zl[pk], zd[k], lkj);
            let mut left = lp[j + 1] - pk - 1;
            for q in lp[k]..lp[k + 1] {
                if left == 0 {
                    break;
                }
                let pi = pos[li[q]];
                if pi == usize::MAX {
                    continue;
                }
                left -= 1;
                let zik = zl[q];
                zl[pi] = sub_product(zl[pi], zik, lkj);
                zkj = sub_product(zkj, zik, f.lx[pi]);
            }
            zl[pk] = zkj;
        }
        let mut zjj = Complex::ONE / f.d[j];
        for p in lp[j]..lp[j + 1] {
            zjj = sub_product(zjj, f.lx[p], zl[p]);
            pos[li[p]] = usize::MAX;
        }
        zd[j] = zjj;
    }
    Ok(SelectedInverse {
        zd,
        zl,
        zu: Vec::new(),
    })
}

impl SelectedInverse {
    /// Z(i, j) in original numbering, for (i, j) on the pattern of L + U.
    fn entry(&self, sym: &Symbolic, i: usize, j: usize) -> Complex {
        let (ip, jp) = (sym.pinv[i], sym.pinv[j]);
        if ip == jp {
            return self.zd[ip];
        }
        let (col, row) = (ip.min(jp), ip.max(jp));
        let rows = &sym.li[sym.lp[col]..sym.lp[col + 1]];
        // Pattern entries of A always lie in the symbolic pattern, so the search succeeds.
        let p = sym.lp[col] + rows.binary_search(&row).unwrap_or(0);
        if ip > jp || self.zu.is_empty() {
            self.zl[p]
        } else {
            self.zu[p]
        }
    }

    /// diag(Z) and, if requested, Z on the pattern of A (same order as A's values).
    pub fn extract(
        &self,
        sym: &Symbolic,
        diag: &mut [Complex],
        on_pattern: Option<&mut [Complex]>,
    ) {
        for (k, &j) in sym.perm.iter().enumerate() {
            diag[j] = self.zd[k];
        }
        if let Some(out) = on_pattern {
            for j in 0..sym.n() {
                let column = sym.a.colptr[j]..sym.a.colptr[j + 1];
                for (z, &i) in out[column.clone()].iter_mut().zip(&sym.a.rowind[column]) {
                    *z = self.entry(sym, i, j);
                }
            }
        }
    }
}

/// diag(Z) and optionally Z on the pattern of A from pivoted factors, one column of A at a
/// time: x = L⁻¹ e_{pinv b} once per column b, then y = U⁻ᵀ e_{qinv a} per requested row a.
pub fn pivoted_entries(
    sym: &Symbolic,
    f: &PivotedLu,
    diag: &mut [Complex],
    mut on_pattern: Option<&mut [Complex]>,
) -> Result<()> {
    let n = sym.n();
    let ut = f.u.transpose(n)?;
    let mut x = try_vec(n, Complex::ZERO)?;
    let mut y = try_vec(n, Complex::ZERO)?;
    let mut xi = try_vec(2 * n, 0usize)?;
    let mut yi = try_vec(2 * n, 0usize)?;
    let mut xmark = try_vec(n, usize::MAX)?;
    let mut ymark = try_vec(n, usize::MAX)?;
    let mut ystamp = 0;
    let one = [Complex::ONE];
    for (b, diag_b) in diag.iter_mut().enumerate() {
        let xtop = spsolve(
            &f.l,
            Triangle::Lower,
            (&[f.pinv[b]], &one),
            b,
            &mut xi,
            &mut x,
            &mut xmark,
        );
        let mut z_ab = |a: usize| {
            let ytop = spsolve(
                &ut,
                Triangle::Lower,
                (&[sym.pinv[a]], &one),
                ystamp,
                &mut yi,
                &mut y,
                &mut ymark,
            );
            ystamp += 1;
            let mut z = Complex::ZERO;
            for &i in &yi[ytop..n] {
                z = z + y[i] * x[i];
                y[i] = Complex::ZERO;
            }
            z
        };
        *diag_b = z_ab(b);
        if let Some(out) = on_pattern.as_deref_mut() {
            let column = sym.a.colptr[b]..sym.a.colptr[b + 1];
            for (z, &a) in out[column.clone()].iter_mut().zip(&sym.a.rowind[column]) {
                *z = z_ab(a);
            }
        }
        for &i in &xi[xtop..n] {
            x[i] = Complex::ZERO;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csc::CscMatrix;
    use crate::lu::{factor_static_as, StaticLu};

    /// A ring with random chords and a dominant diagonal, values symmetric: a bus admittance
    /// matrix's shape (xorshift for reproducible values without crates.io).
    fn symmetric_network(n: usize, seed: u64) -> CscMatrix {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 10_000) as f64 / 10_000.0
        };
        let (mut rows, mut cols, mut values) = (Vec::new(), Vec::new(), Vec::new());
        let mut branch = |i: usize, j: usize, y: Complex| {
            for (r, c, v) in [(i, i, y), (j, j, y), (i, j, -y), (j, i, -y)] {
                rows.push(r);
                cols.push(c);
                values.push(v);
            }
        };
        for i in 0..n {
            branch(
                i,
                (i + 1) % n,
                Complex::new(0.1 + next(), -1.0 - 5.0 * next()),
            );
        }
        for _ in 0..n {
            let (i, j) = (
                (next() * n as f64) as usize % n,
                (next() * n as f64) as usize % n,
            );
            if i != j {
                branch(i, j, Complex::new(0.1 + next(), -1.0 - 5.0 * next()));
            }
        }
        for i in 0..n {
            rows.push(i);
            cols.push(i);
            values.push(Complex::new(0.05, -0.5 - next()));
        }
        CscMatrix::from_triplets(n, &rows, &cols, &values).unwrap()
    }

    fn factors(sym: &Symbolic, values: &[Complex], symmetric: bool) -> Ldu {
        match factor_static_as(sym, values, 0.01, 1e-14, symmetric).unwrap() {
            StaticLu::Factored(f) => f,
            StaticLu::PivotRejected(k) => panic!("pivot {} rejected", k),
        }
    }

    #[test]
    fn symmetric_path_equals_the_general_path_bit_for_bit() {
        for (n, seed) in [(7, 1), (60, 2), (400, 3)] {
            let m = symmetric_network(n, seed);
            let sym = Symbolic::analyze(m.pattern.clone()).unwrap();
            assert!(sym.is_symmetric(&m.values));
            let (fast, general) = (
                factors(&sym, &m.values, true),
                factors(&sym, &m.values, false),
            );
            assert!(fast.symmetric && !general.symmetric);
            assert_eq!(
                (&fast.d, &fast.lx, fast.u()),
                (&general.d, &general.lx, general.u())
            );
            let (zf, zg) = (
                takahashi(&sym, &fast).unwrap(),
                takahashi(&sym, &general).unwrap(),
            );
            assert!(zf.zu.is_empty());
            assert_eq!((&zf.zd, &zf.zl), (&zg.zd, &zg.zl));
            assert_eq!(
                zf.zl, zg.zu,
                "Z is symmetric: its upper part is the lower one"
            );
            let (mut df, mut dg) = (vec![Complex::ZERO; n], vec![Complex::ZERO; n]);
            let (mut pf, mut pg) = (
                vec![Complex::ZERO; m.values.len()],
                vec![Complex::ZERO; m.values.len()],
            );
            zf.extract(&sym, &mut df, Some(&mut pf));
            zg.extract(&sym, &mut dg, Some(&mut pg));
            assert_eq!((df, pf), (dg, pg));
        }
    }

    /// Z on the pattern of L (the diagonal and every zl entry) against columns of A⁻¹ solved
    /// one by one: an independent check of the recurrences, of the scan of column k that stops
    /// at S_j's last row in particular (the random chords leave columns with rows outside S_j
    /// after it).
    #[test]
    fn selected_entries_equal_solved_columns() {
        let near = |a: Complex, b: Complex| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
        for (n, seed) in [(60, 5), (300, 6)] {
            let m = symmetric_network(n, seed);
            let sym = Symbolic::analyze(m.pattern.clone()).unwrap();
            for symmetric in [true, false] {
                let f = factors(&sym, &m.values, symmetric);
                let z = takahashi(&sym, &f).unwrap();
                let mut work = vec![Complex::ZERO; n];
                for j in 0..n {
                    // Column j of A⁻¹ in original numbering: solve A x = e_j.
                    let mut x = vec![Complex::ZERO; n];
                    x[j] = Complex::ONE;
                    crate::solve::ldu_solve(&sym, &f, &mut x, &mut work);
                    let jp = sym.pinv[j];
                    assert!(near(z.zd[jp], x[j]), "Z({j}, {j})");
                    // Pivot column jp of L holds Z(i, j) for its rows i (pivot order); the general
                    // path's upper part Z(j, i), the same value as A is symmetric, beside it.
                    for p in sym.lp[jp]..sym.lp[jp + 1] {
                        let i = sym.perm[sym.li[p]];
                        assert!(near(z.zl[p], x[i]), "Z({i}, {j})");
                        if !symmetric {
                            assert!(near(z.zu[p], x[i]), "Z({j}, {i})");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn one_unequal_mirror_entry_is_not_symmetric() {
        let mut m = symmetric_network(30, 4);
        let sym = Symbolic::analyze(m.pattern.clone()).unwrap();
        let off_diagonal = (0..m.values.len()).find(|&p| sym.mirror[p] != p).unwrap();
        m.values[off_diagonal].im += 1e-9;
        assert!(!sym.is_symmetric(&m.values));
        assert!(!factors(&sym, &m.values, sym.is_symmetric(&m.values)).symmetric);
    }
}
