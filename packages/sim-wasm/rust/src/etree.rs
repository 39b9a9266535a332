// SPDX-License-Identifier: LGPL-2.1-or-later
//! Elimination tree, its postorder, and the column counts of the Cholesky factor of a
//! symmetric pattern, without forming the factor:
//! - J. W. H. Liu, "The role of elimination trees in sparse factorization", SIAM J. Matrix
//!   Anal. Appl. 11(1):134–172, 1990 (etree by path compression, cs_etree);
//! - J. R. Gilbert, E. G. Ng, B. W. Peyton, "An efficient algorithm to compute row and column
//!   counts for sparse Cholesky factorization", SIAM J. Matrix Anal. Appl. 15(4):1075–1091,
//!   1994 (skeleton leaves and least common ancestors, cs_counts/cs_leaf).
//!
//! `NONE` marks a root (CSparse's −1).

use crate::amd::tree_dfs;
use crate::csc::Pattern;
use crate::error::{try_vec, Result};

pub const NONE: usize = usize::MAX;

/// parent[j] of the elimination tree of a symmetric pattern (upper triangle used).
pub fn etree(s: &Pattern) -> Result<Vec<usize>> {
    let n = s.n;
    let mut parent = try_vec(n, NONE)?;
    let mut ancestor = try_vec(n, NONE)?;
    for k in 0..n {
        for &i0 in s.column(k) {
            // Walk from i up to its root, compressing the path to point at k.
            let mut i = i0;
            while i != NONE && i < k {
                let inext = ancestor[i];
                ancestor[i] = k;
                if inext == NONE {
                    parent[i] = k;
                }
                i = inext;
            }
        }
    }
    Ok(parent)
}

/// Postorder of a forest given by `parent` (cs_post).
pub fn postorder(parent: &[usize]) -> Result<Vec<usize>> {
    let n = parent.len();
    let mut head: Vec<isize> = try_vec(n, -1)?;
    let mut next: Vec<isize> = try_vec(n, -1)?;
    // Children are pushed in reverse so that they are visited in increasing order.
    for j in (0..n).rev() {
        if parent[j] != NONE {
            next[j] = head[parent[j]];
            head[parent[j]] = j as isize;
        }
    }
    let mut post = try_vec(n, 0usize)?;
    let mut stack = try_vec(n, 0usize)?;
    let mut k = 0;
    for (j, &p) in parent.iter().enumerate() {
        if p == NONE {
            k = tree_dfs(j, k, &mut head, &next, &mut post, &mut stack);
        }
    }
    Ok(post)
}

/// Number of nonzeros in each column of the Cholesky factor L (diagonal included) of the
/// symmetric pattern `s` (both triangles stored), in O(nnz(s) α(n)) time (cs_counts).
pub fn column_counts(s: &Pattern, parent: &[usize], post: &[usize]) -> Result<Vec<usize>> {
    let n = s.n;
    // delta[j] accumulates +1 per skeleton entry and −1 per overlap; summed up the tree it
    // becomes the column count.
    let mut delta: Vec<isize> = try_vec(n, 0)?;
    let mut first = try_vec(n, NONE)?;
    let mut maxfirst = try_vec(n, NONE)?;
    let mut prevleaf = try_vec(n, NONE)?;
    let mut ancestor: Vec<usize> = (0..n).collect();
    for (k, &j0) in post.iter().enumerate() {
        delta[j0] = if first[j0] == NONE { 1 } else { 0 };
        let mut j = j0;
        while j != NONE && first[j] == NONE {
            first[j] = k;
            j = parent[j];
        }
    }
    for &j in post {
        if parent[j] != NONE {
            delta[parent[j]] -= 1;
        }
        for &i in s.column(j) {
            match leaf(i, j, &first, &mut maxfirst, &mut prevleaf, &mut ancestor) {
                LeafKind::First => delta[j] += 1,
                LeafKind::Subsequent(q) => {
                    delta[j] += 1;
                    delta[q] -= 1;
                }
                LeafKind::NotLeaf => {}
            }
        }
        if parent[j] != NONE {
            ancestor[j] = parent[j];
        }
    }
    for j in 0..n {
        if parent[j] != NONE {
            delta[parent[j]] += delta[j];
        }
    }
    Ok(delta.into_iter().map(|d| d as usize).collect())
}

enum LeafKind {
    NotLeaf,
    First,
    /// A subsequent leaf of row i's subtree; the payload is lca(previous leaf, j).
    Subsequent(usize),
}

/// cs_leaf: is j a leaf of the i-th row subtree, and if so where does it overlap the previous one.
fn leaf(
    i: usize,
    j: usize,
    first: &[usize],
    maxfirst: &mut [usize],
    prevleaf: &mut [usize],
    ancestor: &mut [usize],
) -> LeafKind {
    if i <= j || (maxfirst[i] != NONE && first[j] <= maxfirst[i]) {
        return LeafKind::NotLeaf;
    }
    maxfirst[i] = first[j];
    let jprev = prevleaf[i];
    prevleaf[i] = j;
    if jprev == NONE {
        return LeafKind::First;
    }
    let mut q = jprev;
    while q != ancestor[q] {
        q = ancestor[q];
    }
    let mut s = jprev;
    while s != q {
        let sparent = ancestor[s];
        ancestor[s] = q;
        s = sparent;
    }
    LeafKind::Subsequent(q)
}

/// cs_ereach: the pattern of row k of L (the nodes j < k with L(k, j) ≠ 0), found by walking the
/// elimination tree up from each A(i, k), i < k. Written to `stack[top..n]` in topological
/// order; `mark[j] == k` flags visited nodes. Returns `top`.
pub fn ereach(
    s: &Pattern,
    k: usize,
    parent: &[usize],
    stack: &mut [usize],
    mark: &mut [usize],
) -> usize {
    let n = s.n;
    let mut top = n;
    mark[k] = k;
    for &i0 in s.column(k) {
        if i0 > k {
            continue;
        }
        let mut i = i0;
        let mut len = 0;
        while mark[i] != k {
            stack[len] = i;
            len += 1;
            mark[i] = k;
            i = parent[i];
        }
        while len > 0 {
            top -= 1;
            len -= 1;
            stack[top] = stack[len];
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tridiagonal 4×4 (both triangles, with diagonal): etree is a path, L has counts 2,2,2,1.
    #[test]
    fn path_graph() {
        let s = Pattern {
            n: 4,
            colptr: vec![0, 2, 5, 8, 10],
            rowind: vec![0, 1, 0, 1, 2, 1, 2, 3, 2, 3],
        };
        let parent = etree(&s).unwrap();
        assert_eq!(parent, vec![1, 2, 3, NONE]);
        let post = postorder(&parent).unwrap();
        assert_eq!(post, vec![0, 1, 2, 3]);
        assert_eq!(column_counts(&s, &parent, &post).unwrap(), vec![2, 2, 2, 1]);
    }

    /// Arrow with the hub first: fills completely, counts n, n−1, ..., 1.
    #[test]
    fn arrow_fills_in() {
        let n = 5;
        let mut colptr = vec![0];
        let mut rowind = vec![];
        for j in 0..n {
            if j == 0 {
                rowind.extend(0..n);
            } else {
                rowind.extend([0, j]);
            }
            colptr.push(rowind.len());
        }
        let s = Pattern { n, colptr, rowind };
        let parent = etree(&s).unwrap();
        let post = postorder(&parent).unwrap();
        assert_eq!(
            column_counts(&s, &parent, &post).unwrap(),
            vec![5, 4, 3, 2, 1]
        );
    }
}
