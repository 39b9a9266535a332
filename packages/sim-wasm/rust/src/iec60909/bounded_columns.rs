// SPDX-License-Identifier: LGPL-2.1-or-later
//! Columns of Z = Y⁻¹ computed only where they can matter, for eq. (75) of IEC 60909-0:2016.
//!
//! A machine adds to the decay of the breaking current at a fault bus f only where
//! I''kG/IrG > 2 there (μ = 1 below, eq. 70, and q = 1 leaves 1 − μq = 0), that is where
//! |Z_fi| > K_i · |Z_ff| / c_f with K_i = 2 · |Z_i| · IrG (`transfer::accumulate_decay`). Far
//! from the machine this never holds, yet the back-substitution of a column costs nnz(L)
//! everywhere. Here it skips whole subtrees of the elimination tree that a bound proves below
//! the threshold:
//!
//! With Y = P'ᵀ L D U P', the back-substitution x_j = v_j − Σ_k U_jk x_k runs over the etree
//! ancestors k of j (the structure of row j of U is on j's root path; Liu, "The role of
//! elimination trees in sparse factorization", SIAM J. Matrix Anal. Appl. 11(1), 1990, §3).
//! Off the root path of the machine's bus, v_j = 0 (the forward solve of e_i only touches that
//! path, Gilbert–Peierls reach), so |x_j| ≤ a_j · max_{k in struct(U_j)} |x_k| with the row sum
//! a_j = Σ_k |U_jk|. For every f in the subtree T(r) rooted at r, struct(U_f) = struct(L_*f)
//! lies in T(r) ∪ struct(L_*r) (struct(L_*f) ⊆ {p} ∪ struct(L_*p) for the etree parent p, Liu
//! 1990, §3, applied up the path from f to r). By induction down T(r), every f in it
//! has |x_f| ≤ M_r · P_rf with P_rf = Π_{k on the path r..f} max(1, a_k), where M_r is the
//! largest |x_k| over row r of U (r's ancestors, all computed exactly before r is reached).
//! Bus f can matter only where |x_f| > K_i · |Z_ff| / c_f, so when
//! M_r · H_r ≤ K_i with H_r = max_{f in T(r)} P_rf · c_f / |Z_ff|, no bus of the subtree can
//! pass the threshold and the subtree is left out. H_r pairs each bus's growth with its own
//! |Z_ff|: a bound on the products times one bound on the smallest |Z_ff| of the subtree would
//! let one strong bus (small |Z_ff|) keep a whole subtree of weak ones. (Taking M_r over row r
//! rather than over all of r's ancestors keeps the machine's own large values out of the bound
//! of subtrees that do not touch them: about 9× fewer entries on a 200k-bus grid.)
//! Entries that are computed use exactly the operations of `solve::ldu_solve`, so the eq. (75)
//! sums are bit-for-bit those of full columns.

use crate::complex::Complex;
use crate::error::{try_vec, Result};
use crate::lu::Ldu;
use crate::symbolic::Symbolic;

const NO_PARENT: usize = usize::MAX;

/// Rounding in the bound (row sums, products) is far below this relative margin.
const MARGIN: f64 = 1.0 - 1e-9;

/// Per-factorization bounds: the etree and, per subtree, H_r (module comment).
pub struct SubtreeBounds {
    parent: Vec<usize>,
    /// H_r = max over f in T(r) of P_rf · c_f / |Z_ff|; NaN or ∞ never lets T(r) be skipped.
    growth_per_reach: Vec<f64>,
    /// The etree in postorder: every subtree is the `size[r]` positions ending at r's, so
    /// walking it backwards meets parents first and jumps over a skipped subtree at once.
    post: Vec<usize>,
    size: Vec<usize>,
}

/// max(a, b) that keeps a NaN (f64::max drops it): a NaN bound must never allow a skip.
fn max_keeping_nan(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

impl SubtreeBounds {
    /// `per_source[f]` = |Z_ff| / c_f in the original numbering (∞ where no current flows).
    pub fn new(sym: &Symbolic, f: &Ldu, per_source: &[f64]) -> Result<SubtreeBounds> {
        let n = sym.n();
        let mut parent = try_vec(n, NO_PARENT)?;
        // Before node j is reached: the largest H_c over the children seen so far.
        let mut h = try_vec(n, 0.0)?;
        // Children come before parents in the elimination order, so one ascending pass sees a
        // node's subtree complete before the node.
        for j in 0..n {
            let entries = sym.lp[j]..sym.lp[j + 1];
            let row_sum: f64 = entries.clone().map(|p| f.ux[p].abs()).sum();
            let own = per_source[sym.perm[j]];
            // c_f / |Z_ff|: 0 where no current flows (∞), ∞ for 0 or NaN (never skipped).
            let inverse = if own > 0.0 { 1.0 / own } else { f64::INFINITY };
            // H_j = max(1, a_j) · max(c_j / |Z_jj|, max over children H_c).
            h[j] = max_keeping_nan(row_sum, 1.0) * max_keeping_nan(inverse, h[j]);
            if let Some(p) = entries.map(|p| sym.li[p]).min() {
                parent[j] = p;
                h[p] = max_keeping_nan(h[p], h[j]);
            }
        }
        let (post, size) = postorder(&parent)?;
        Ok(SubtreeBounds {
            parent,
            growth_per_reach: h,
            post,
            size,
        })
    }
}

/// Depth-first postorder of a forest given by parents (> child), and subtree sizes.
fn postorder(parent: &[usize]) -> Result<(Vec<usize>, Vec<usize>)> {
    let n = parent.len();
    // Children as linked lists; pushing j = n−1..0 leaves each list in ascending order.
    let mut head = try_vec(n, NO_PARENT)?;
    let mut next = try_vec(n, NO_PARENT)?;
    let mut size = try_vec(n, 1usize)?;
    for j in (0..n).rev() {
        let p = parent[j];
        if p != NO_PARENT {
            next[j] = head[p];
            head[p] = j;
        }
    }
    for j in 0..n {
        if parent[j] != NO_PARENT {
            size[parent[j]] += size[j];
        }
    }
    let mut post = try_vec(0, 0usize)?;
    post.reserve(n);
    let mut stack = Vec::new();
    for root in (0..n).filter(|&j| parent[j] == NO_PARENT) {
        stack.push(root);
        while let Some(&top) = stack.last() {
            let child = head[top];
            if child == NO_PARENT {
                stack.pop();
                post.push(top);
            } else {
                head[top] = next[child];
                stack.push(child);
            }
        }
    }
    Ok((post, size))
}

/// Scratch space for one column at a time.
pub struct BoundedColumns<'a> {
    sym: &'a Symbolic,
    f: &'a Ldu,
    bounds: &'a SubtreeBounds,
    work: Vec<Complex>,
    on_path: Vec<bool>,
    path: Vec<usize>,
    /// Positions (elimination order) computed in the last column.
    pub computed: Vec<usize>,
}

impl<'a> BoundedColumns<'a> {
    pub fn new(sym: &'a Symbolic, f: &'a Ldu, bounds: &'a SubtreeBounds) -> Result<Self> {
        let n = sym.n();
        Ok(BoundedColumns {
            sym,
            f,
            bounds,
            work: try_vec(n, Complex::ZERO)?,
            on_path: try_vec(n, false)?,
            path: Vec::new(),
            computed: Vec::new(),
        })
    }

    /// Column `bus` of Z where |Z_f,bus| may exceed `k` · |Z_ff| / c_f: afterwards, for every
    /// position j in `computed`, `value(j)` is Z_{perm[j], bus} exactly as a full solve gives it.
    // `!(squared <= largest)` on purpose: a NaN must win (clippy would suggest `>`).
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    pub fn solve(&mut self, bus: usize, k: f64) {
        let (sym, f, bounds) = (self.sym, self.f, self.bounds);
        let work = &mut self.work;
        // Only the entries the previous column wrote are nonzero.
        for &j in self.computed.iter().chain(&self.path) {
            work[j] = Complex::ZERO;
            self.on_path[j] = false;
        }
        self.computed.clear();
        self.path.clear();
        let start = sym.pinv[bus];
        work[start] = Complex::ONE;
        let mut j = start;
        while j != NO_PARENT {
            self.on_path[j] = true;
            self.path.push(j);
            j = bounds.parent[j];
        }
        // Forward solve and diagonal as in ldu_solve, over the root path of `start` (ascending,
        // as there): every other entry stays zero.
        for &j in &self.path {
            let wj = work[j];
            if wj == Complex::ZERO {
                continue;
            }
            for p in sym.lp[j]..sym.lp[j + 1] {
                let i = sym.li[p];
                work[i] = work[i] - f.lx[p] * wj;
            }
        }
        for &j in &self.path {
            work[j] = work[j] / f.d[j];
        }
        // Back-substitution in reverse postorder: parents first, skipped subtrees jumped over.
        // A node is visited only after all its ancestors were computed, so its row of U reads
        // exact values: the largest of them bounds its whole subtree (module comment).
        let mut pos = bounds.post.len();
        while pos > 0 {
            pos -= 1;
            let j = bounds.post[pos];
            let mut wj = work[j];
            let mut largest = 0.0f64;
            for p in sym.lp[j]..sym.lp[j + 1] {
                let x = work[sym.li[p]];
                let squared = x.re * x.re + x.im * x.im;
                // Written so that a NaN becomes the largest: a NaN bound never skips.
                if !(squared <= largest) {
                    largest = squared;
                }
                wj = wj - f.ux[p] * x;
            }
            let bound = largest.sqrt() * bounds.growth_per_reach[j];
            if !self.on_path[j] && bound <= k * MARGIN {
                pos = pos + 1 - bounds.size[j];
                continue;
            }
            work[j] = wj;
            self.computed.push(j);
        }
    }

    pub fn value(&self, j: usize) -> Complex {
        self.work[j]
    }

    pub fn bus_of(&self, j: usize) -> usize {
        self.sym.perm[j]
    }
}
