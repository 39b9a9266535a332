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

use super::column_lanes::{back_node, forward_node};
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

/// max(a, b) that keeps a NaN (f64::max drops it): a NaN bound must never allow a skip. Written
/// as a comparison, not with f64::max, whose NaN handling made the back-substitution's inner
/// loop (column_lanes.rs) about 1.8× slower in WebAssembly.
#[inline(always)]
pub(super) fn max_keeping_nan(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b > a {
        b
    } else {
        a
    }
}

impl SubtreeBounds {
    /// `per_source[f]` = |Z_ff| / c_f in the original numbering (∞ where no current flows).
    pub fn new(sym: &Symbolic, f: &Ldu, per_source: &[f64]) -> Result<SubtreeBounds> {
        let n = sym.n();
        let parent = etree_parents(sym)?;
        // Before node j is reached: the largest H_c over the children seen so far.
        let mut h = try_vec(n, 0.0)?;
        let u = f.u();
        // Children come before parents in the elimination order, so one ascending pass sees a
        // node's subtree complete before the node.
        for j in 0..n {
            let entries = sym.lp[j]..sym.lp[j + 1];
            let row_sum: f64 = entries.clone().map(|p| u[p].abs()).sum();
            let own = per_source[sym.perm[j]];
            // c_f / |Z_ff|: 0 where no current flows (∞), ∞ for 0 or NaN (never skipped).
            let inverse = if own > 0.0 { 1.0 / own } else { f64::INFINITY };
            // H_j = max(1, a_j) · max(c_j / |Z_jj|, max over children H_c).
            h[j] = max_keeping_nan(row_sum, 1.0) * max_keeping_nan(inverse, h[j]);
            let p = parent[j];
            if p != NO_PARENT {
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

/// The etree parent of each node (elimination order): the first row of its column of L, whose
/// rows are ascending (symbolic.rs); NO_PARENT for a root.
fn etree_parents(sym: &Symbolic) -> Result<Vec<usize>> {
    let mut parent = try_vec(sym.n(), NO_PARENT)?;
    for (j, p) in parent.iter_mut().enumerate() {
        if sym.lp[j] < sym.lp[j + 1] {
            *p = sym.li[sym.lp[j]];
        }
    }
    Ok(parent)
}

/// Each node's (elimination order) position in a depth-first postorder of the elimination
/// tree. Columns of Z for buses close in this order share most of their root paths, so they
/// are solved together (transfer.rs).
pub fn postorder_positions(sym: &Symbolic) -> Result<Vec<usize>> {
    let (post, _) = postorder(&etree_parents(sym)?)?;
    let mut at = try_vec(sym.n(), 0usize)?;
    for (k, &j) in post.iter().enumerate() {
        at[j] = k;
    }
    Ok(at)
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

/// Columns solved together: each entry of L and U read is used for up to this many columns.
/// Machine buses next to each other in the etree's postorder (transfer::decay_order) share most
/// of their root paths, the densest part of L, so a block reads it once instead of once per
/// column, and in WebAssembly each complex product is two f64x2 multiplies (column_lanes.rs).
/// On the 200k-bus synthetic grid, the Ib transfer phase took 0.92 s with 8, 0.98 s with 4 and
/// 1.5 s one column at a time.
pub const BLOCK: usize = MAX_WIDTH;

/// The widest block: `on_path` keeps one bit per column in a u8.
const MAX_WIDTH: usize = 8;

/// Scratch space for up to `width` columns at a time, stored interleaved (node j's entry of
/// column r at `j * width + r`).
pub struct BoundedColumns<'a> {
    sym: &'a Symbolic,
    f: &'a Ldu,
    bounds: &'a SubtreeBounds,
    width: usize,
    work: Vec<Complex>,
    /// Bit r set: node j is on column r's root path.
    on_path: Vec<u8>,
    /// Per column: its root path (ascending), then the positions (elimination order) it computed.
    paths: Vec<Vec<usize>>,
    computed: Vec<Vec<usize>>,
    /// The union of the block's root paths, ascending.
    union: Vec<usize>,
}

impl<'a> BoundedColumns<'a> {
    /// Scratch for blocks of at most `width` columns (1 to MAX_WIDTH).
    pub fn new(
        sym: &'a Symbolic,
        f: &'a Ldu,
        bounds: &'a SubtreeBounds,
        width: usize,
    ) -> Result<Self> {
        assert!(
            (1..=MAX_WIDTH).contains(&width),
            "a block holds 1 to MAX_WIDTH columns"
        );
        let n = sym.n();
        Ok(BoundedColumns {
            sym,
            f,
            bounds,
            width,
            work: try_vec(n * width, Complex::ZERO)?,
            on_path: try_vec(n, 0u8)?,
            paths: (0..width).map(|_| Vec::new()).collect(),
            computed: (0..width).map(|_| Vec::new()).collect(),
            union: Vec::new(),
        })
    }

    /// Columns `buses[r]` of Z where |Z_f,bus| may exceed `ks[r]` · |Z_ff| / c_f: afterwards,
    /// for every position j in `computed(r)`, `value(r, j)` is Z_{perm[j], buses[r]} exactly as
    /// a full solve gives it. Each column goes through exactly the operations, in the same
    /// order, that it would alone: the block only shares the reads of L and U between them.
    pub fn solve(&mut self, buses: &[usize], ks: &[f64]) {
        let (sym, f, bounds, width) = (self.sym, self.f, self.bounds, self.width);
        let u = f.u();
        assert!(
            buses.len() == ks.len() && buses.len() <= width,
            "one threshold per column, at most the block's width"
        );
        let cols = buses.len();
        let work = &mut self.work;
        // Only the entries the previous block wrote are nonzero.
        for r in 0..width {
            for &j in self.computed[r].iter().chain(&self.paths[r]) {
                work[j * width + r] = Complex::ZERO;
            }
            self.computed[r].clear();
            self.paths[r].clear();
        }
        for &j in &self.union {
            self.on_path[j] = 0;
        }
        self.union.clear();
        for (r, &bus) in buses.iter().enumerate() {
            let start = sym.pinv[bus];
            work[start * width + r] = Complex::ONE;
            let mut j = start;
            while j != NO_PARENT {
                if self.on_path[j] == 0 {
                    self.union.push(j);
                }
                self.on_path[j] |= 1 << r;
                self.paths[r].push(j);
                j = bounds.parent[j];
            }
        }
        self.union.sort_unstable();
        // Forward solve as in ldu_solve, over the root paths (ascending, as there): every other
        // entry stays zero. A column takes part at node j when j is on its path and its value
        // there is nonzero (ldu_solve skips zeros), so each column sees its own operations only.
        let mut w = [Complex::ZERO; MAX_WIDTH];
        let mut active = [0usize; MAX_WIDTH];
        for &j in &self.union {
            let mut count = 0;
            for r in 0..cols {
                let v = work[j * width + r];
                if self.on_path[j] & (1 << r) != 0 && v != Complex::ZERO {
                    w[count] = v;
                    active[count] = r;
                    count += 1;
                }
            }
            if count == 0 {
                continue;
            }
            let entries = sym.lp[j]..sym.lp[j + 1];
            forward_node(
                work,
                width,
                &sym.li[entries.clone()],
                &f.lx[entries],
                &active[..count],
                &w[..count],
            );
        }
        for r in 0..cols {
            for &j in &self.paths[r] {
                let x = &mut work[j * width + r];
                *x = *x / f.d[j];
            }
        }
        // Back-substitution in reverse postorder: parents first, each column jumping over the
        // subtrees it skips. A node is visited only after all its ancestors were computed, so its
        // row of U reads exact values: the largest of them bounds its whole subtree (module
        // comment). Column r takes part at position pos while pos ≤ next[r].
        let mut next = [isize::MAX; MAX_WIDTH];
        let mut pos = bounds.post.len() as isize;
        while pos > 0 {
            pos -= 1;
            let mut count = 0;
            for (r, &resume) in next.iter().enumerate().take(cols) {
                if pos <= resume {
                    active[count] = r;
                    count += 1;
                }
            }
            if count == 0 {
                // Every column skips here: on to the nearest position one of them resumes at.
                pos = next[..cols].iter().copied().max().unwrap_or(-1) + 1;
                continue;
            }
            let j = bounds.post[pos as usize];
            let mut largest = [0.0f64; MAX_WIDTH];
            for a in 0..count {
                w[a] = work[j * width + active[a]];
            }
            let entries = sym.lp[j]..sym.lp[j + 1];
            back_node(
                work,
                width,
                &sym.li[entries.clone()],
                &u[entries],
                &active[..count],
                &mut w[..count],
                &mut largest[..count],
            );
            for a in 0..count {
                let r = active[a];
                let bound = largest[a].sqrt() * bounds.growth_per_reach[j];
                if self.on_path[j] & (1 << r) == 0 && bound <= ks[r] * MARGIN {
                    next[r] = pos - bounds.size[j] as isize;
                    continue;
                }
                work[j * width + r] = w[a];
                self.computed[r].push(j);
            }
        }
    }

    /// Positions (elimination order) column r of the last block computed.
    pub fn computed(&self, r: usize) -> &[usize] {
        &self.computed[r]
    }

    pub fn value(&self, r: usize, j: usize) -> Complex {
        self.work[j * self.width + r]
    }

    pub fn bus_of(&self, j: usize) -> usize {
        self.sym.perm[j]
    }
}
