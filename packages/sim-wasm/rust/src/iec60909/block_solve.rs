// SPDX-License-Identifier: LGPL-2.1-or-later
//! w_b = Z·a_b for B outage terms at once (outage_screening.rs blocks consecutive simple
//! outages): a triangular solve with several right-hand sides, which reads each entry of the
//! factor once per sweep for all of them instead of once per right-hand side, the blocking of
//! the Level 3 BLAS triangular solve with multiple right-hand sides, xTRSM (J. J. Dongarra,
//! J. Du Croz, S. Hammarling, I. S. Duff, "A set of level 3 basic linear algebra subprograms",
//! ACM Trans. Math. Softw. 16(1), 1990). The screening is bound by memory traffic, not
//! arithmetic: per outage the dense backward sweep streams all of L (row index and complex value
//! per entry) and the work vector, so two screenings on the two cores of one machine slowed each
//! other by a quarter. With B outages per sweep that traffic is shared by B of them.
//!
//! The B solutions are interleaved, work[r·B + b], so the B values a factor entry multiplies sit
//! in one cache line (B = 4: 64 bytes, the row start aligned to 64 bytes). Each right-hand side
//! still takes its own forward solve along its own etree paths (term_solve.rs), and every value
//! is computed by exactly the operations, in the same order, of `TermSolve::solve`: the results
//! are bit for bit the same as one outage at a time.

use std::convert::TryInto;

use crate::complex::Complex;
use crate::error::{try_vec, Result};
use crate::iec60909::term_solve::{collect_path, prepare, Prepared};
use crate::solver::Solver;

/// One term's vector a = e_i/ratio − e_j (e_i/ratio alone without j).
#[derive(Clone, Copy, Debug)]
pub struct TermEnds {
    pub i: usize,
    pub j: Option<usize>,
    pub ratio: f64,
}

pub struct BlockSolve<'a, const B: usize> {
    f: Prepared<'a>,
    /// Each right-hand side's union of etree paths, ascending.
    paths: Vec<Vec<usize>>,
    /// The B solutions interleaved, in the factors' (permuted) order, from `offset` on.
    work: Vec<Complex>,
    offset: usize,
}

impl<'a, const B: usize> BlockSolve<'a, B> {
    pub fn new(solver: &'a Solver) -> Result<BlockSolve<'a, B>> {
        let f = prepare(solver)?;
        let n = f.sym.n();
        // Room to start the rows on a 64-byte boundary (a row of B = 4 is one cache line).
        let work = try_vec(n * B + 4, Complex::ZERO)?;
        let offset = match work.as_ptr().align_offset(64) {
            o if o <= 4 => o,
            _ => 0,
        };
        Ok(BlockSolve {
            f,
            paths: vec![Vec::new(); B],
            work,
            offset,
        })
    }

    /// Solves for the B terms; their solutions are then read by `at`.
    // Never inlined: see `screen_block` (outage_screening.rs).
    #[inline(never)]
    pub fn solve(&mut self, terms: &[TermEnds; B]) {
        let sym = self.f.sym;
        let (lx, ux) = (&self.f.ldu.lx, self.f.ldu.u());
        let n = sym.n();
        let work = &mut self.work[self.offset..self.offset + n * B];
        // Forward, per right-hand side along its own paths (column c of L has rows on c's path).
        for (b, (t, path)) in terms.iter().zip(self.paths.iter_mut()).enumerate() {
            let pi = sym.pinv[t.i];
            let pj = t.j.map(|j| sym.pinv[j]);
            collect_path(&self.f.parent, pi, pj, path);
            for &k in path.iter() {
                work[k * B + b] = Complex::ZERO;
            }
            work[pi * B + b] = Complex::new(1.0 / t.ratio, 0.0);
            if let Some(pj) = pj {
                work[pj * B + b] = Complex::new(-1.0, 0.0);
            }
            for &c in path.iter() {
                let wc = work[c * B + b];
                if wc == Complex::ZERO {
                    continue;
                }
                let column = sym.lp[c]..sym.lp[c + 1];
                for (&r, &l) in sym.li[column.clone()].iter().zip(&lx[column]) {
                    work[r * B + b] = work[r * B + b] - l * wc;
                }
            }
        }
        // Diagonal and backward, dense, all B at once. Off a right-hand side's path its y is
        // zero (entries there hold stale values that are never read, as in TermSolve::solve).
        let mut on_path = [0usize; B];
        for (on, path) in on_path.iter_mut().zip(&self.paths) {
            *on = path.len();
        }
        for c in (0..n).rev() {
            let mut wc = [Complex::ZERO; B];
            let own: &[Complex; B] = work[c * B..c * B + B].try_into().unwrap();
            for (((x, &y), path), on) in wc.iter_mut().zip(own).zip(&self.paths).zip(&mut on_path) {
                if *on > 0 && path[*on - 1] == c {
                    *on -= 1;
                    *x = y * self.f.inv_d[c];
                }
            }
            let column = sym.lp[c]..sym.lp[c + 1];
            for (&r, &u) in sym.li[column.clone()].iter().zip(&ux[column]) {
                let row: &[Complex; B] = work[r * B..r * B + B].try_into().unwrap();
                for (x, &y) in wc.iter_mut().zip(row) {
                    *x = *x - u * y;
                }
            }
            work[c * B..c * B + B].copy_from_slice(&wc);
        }
    }

    /// The B solutions' values at node k (original numbering).
    pub fn at(&self, k: usize) -> &[Complex; B] {
        let start = self.offset + self.f.sym.pinv[k] * B;
        self.work[start..start + B].try_into().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iec60909::term_solve::{symmetric_test_solver, TermSolve};

    #[test]
    fn equals_one_solve_at_a_time_bit_for_bit() {
        // A ring of 9 with chords and a separate chain of 3 (two etree roots).
        let n = 12;
        let edges = [
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 5),
            (5, 6),
            (6, 7),
            (7, 8),
            (8, 0),
            (1, 5),
            (2, 7),
            (9, 10),
            (10, 11),
        ];
        let s = symmetric_test_solver(n, &edges, Complex::new(0.2, -0.4), |i, j| {
            Complex::new(0.4 + 0.1 * i as f64, -3.0 - j as f64)
        });
        let mut one = TermSolve::new(&s).unwrap();
        let mut block = BlockSolve::<3>::new(&s).unwrap();
        let terms: Vec<TermEnds> = (0..n)
            .flat_map(|i| {
                [
                    TermEnds {
                        i,
                        j: Some((i + 4) % n),
                        ratio: 1.03,
                    },
                    TermEnds {
                        i,
                        j: None,
                        ratio: 1.0,
                    },
                ]
            })
            .collect();
        let mut w = vec![Complex::ZERO; n];
        for chunk in terms.chunks_exact(3) {
            block.solve(chunk.try_into().unwrap());
            for (b, t) in chunk.iter().enumerate() {
                one.solve(t.i, t.j, t.ratio, &mut w);
                for (k, &x) in w.iter().enumerate() {
                    assert_eq!(block.at(k)[b], x, "term {:?} node {}", t, k);
                }
            }
        }
    }
}
