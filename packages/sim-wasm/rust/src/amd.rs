// SPDX-License-Identifier: LGPL-2.1-or-later
//! Approximate minimum degree ordering: P. R. Amestoy, T. A. Davis, I. S. Duff, "An approximate
//! minimum degree ordering algorithm", SIAM J. Matrix Anal. Appl. 17(4):886–905, 1996, in the
//! compact form of CSparse's cs_amd (Davis 2006, §7.1).
//!
//! Works on the quotient graph of the pattern of A + Aᵀ: eliminated nodes become elements,
//! degrees are bounded from above (the "approximate" degree) instead of computed exactly,
//! indistinguishable nodes are merged into supervariables (found by hashing), and dense rows
//! are postponed to the end. Every index is kept in `isize` because the algorithm encodes
//! "absorbed into e" / "dead" states as flipped (negative) indices.

use crate::csc::Pattern;
use crate::error::{try_vec, Result};

/// cs_amd's CS_FLIP: a marked index, its own inverse, always negative for i ≥ 0.
fn flip(i: isize) -> isize {
    -i - 2
}

/// Fill-reducing order of a symmetric pattern `s` given without its diagonal:
/// returns `perm` with `perm[k]` = the node eliminated k-th.
pub fn amd_order(s: &Pattern) -> Result<Vec<usize>> {
    let n = s.n;
    if n == 0 {
        return Ok(Vec::new());
    }
    let ni = n as isize;
    // Dense rows (degree above 10√n) would make every degree update quadratic: order them last.
    let dense = ((10.0 * (n as f64).sqrt()) as isize).max(16).min(ni - 2);
    let cnz0 = s.nnz();
    // Elbow room for new elements, as in cs_amd; garbage collection compacts when it runs out.
    let nzmax = cnz0 + cnz0 / 5 + 2 * n;
    let mut ci: Vec<isize> = try_vec(nzmax, 0)?;
    for (dst, &i) in ci.iter_mut().zip(&s.rowind) {
        *dst = i as isize;
    }
    let mut cp: Vec<isize> = try_vec(n + 1, 0)?;
    for (dst, &p) in cp.iter_mut().zip(&s.colptr) {
        *dst = p as isize;
    }
    let mut len: Vec<isize> = try_vec(n + 1, 0)?;
    for k in 0..n {
        len[k] = cp[k + 1] - cp[k];
    }
    let mut nv: Vec<isize> = try_vec(n + 1, 1)?;
    let mut next: Vec<isize> = try_vec(n + 1, -1)?;
    let mut head: Vec<isize> = try_vec(n + 1, -1)?;
    let mut elen: Vec<isize> = try_vec(n + 1, 0)?;
    let mut degree: Vec<isize> = len.clone();
    let mut w: Vec<isize> = try_vec(n + 1, 1)?;
    let mut hhead: Vec<isize> = try_vec(n + 1, -1)?;
    let mut last: Vec<isize> = try_vec(n + 1, -1)?;

    let mut cnz = cnz0 as isize;
    let mut nel: isize = 0;
    let mut mindeg: isize = 0;
    let mut lemax: isize = 0;
    let mut mark = wclear(0, 0, &mut w, n);
    elen[n] = -2; // n is a dead element: the root that dense nodes are absorbed into
    cp[n] = -1;
    w[n] = 0;

    for i in 0..n {
        let d = degree[i];
        if d == 0 {
            elen[i] = -2;
            nel += 1;
            cp[i] = -1;
            w[i] = 0;
        } else if d > dense {
            nv[i] = 0;
            elen[i] = -1;
            nel += 1;
            cp[i] = flip(ni);
            nv[n] += 1;
        } else {
            let du = d as usize;
            if head[du] != -1 {
                last[head[du] as usize] = i as isize;
            }
            next[i] = head[du];
            head[du] = i as isize;
        }
    }

    while nel < ni {
        // Select a node of minimum approximate degree.
        let mut k: isize = -1;
        while mindeg < ni {
            k = head[mindeg as usize];
            if k != -1 {
                break;
            }
            mindeg += 1;
        }
        let ku = k as usize;
        if next[ku] != -1 {
            last[next[ku] as usize] = -1;
        }
        head[mindeg as usize] = next[ku];
        let elenk = elen[ku];
        let mut nvk = nv[ku];
        nel += nvk;

        // Garbage collection: compact Ci when the new element might not fit.
        if elenk > 0 && (cnz + mindeg) as usize >= nzmax {
            for (j, cp_j) in cp[..n].iter_mut().enumerate() {
                let p = *cp_j;
                if p >= 0 {
                    *cp_j = ci[p as usize];
                    ci[p as usize] = flip(j as isize);
                }
            }
            let (mut q, mut p) = (0usize, 0usize);
            while p < cnz as usize {
                let j = flip(ci[p]);
                p += 1;
                if j >= 0 {
                    let ju = j as usize;
                    ci[q] = cp[ju];
                    cp[ju] = q as isize;
                    q += 1;
                    for _ in 0..(len[ju] - 1).max(0) {
                        ci[q] = ci[p];
                        q += 1;
                        p += 1;
                    }
                }
            }
            cnz = q as isize;
        }

        // Construct the new element Lk = union of k's nodes and the nodes of its elements.
        let mut dk: isize = 0;
        nv[ku] = -nvk;
        let mut p = cp[ku];
        let pk1 = if elenk == 0 { p } else { cnz };
        let mut pk2 = pk1;
        for k1 in 1..=(elenk + 1) {
            let (e, mut pj, ln) = if k1 > elenk {
                (k, p, len[ku] - elenk)
            } else {
                let e = ci[p as usize];
                p += 1;
                (e, cp[e as usize], len[e as usize])
            };
            for _ in 1..=ln {
                let i = ci[pj as usize];
                pj += 1;
                let iu = i as usize;
                let nvi = nv[iu];
                if nvi <= 0 {
                    continue;
                }
                dk += nvi;
                nv[iu] = -nvi;
                ci[pk2 as usize] = i;
                pk2 += 1;
                if next[iu] != -1 {
                    last[next[iu] as usize] = last[iu];
                }
                if last[iu] != -1 {
                    next[last[iu] as usize] = next[iu];
                } else {
                    head[degree[iu] as usize] = next[iu];
                }
            }
            if e != k {
                cp[e as usize] = flip(k);
                w[e as usize] = 0;
            }
        }
        if elenk != 0 {
            cnz = pk2;
        }
        degree[ku] = dk;
        cp[ku] = pk1;
        len[ku] = pk2 - pk1;
        elen[ku] = -2;

        // Scan 1: w[e] - mark = |Le \ Lk| for every element e adjacent to Lk.
        mark = wclear(mark, lemax, &mut w, n);
        for pk in pk1..pk2 {
            let iu = ci[pk as usize] as usize;
            let eln = elen[iu];
            if eln <= 0 {
                continue;
            }
            let nvi = -nv[iu];
            let wnvi = mark - nvi;
            for p in cp[iu]..cp[iu] + eln {
                let eu = ci[p as usize] as usize;
                if w[eu] >= mark {
                    w[eu] -= nvi;
                } else if w[eu] != 0 {
                    w[eu] = degree[eu] + wnvi;
                }
            }
        }

        // Scan 2: approximate degree update, element absorption, hashing of each node of Lk.
        for pk in pk1..pk2 {
            let i = ci[pk as usize];
            let iu = i as usize;
            let p1 = cp[iu];
            let p2 = p1 + elen[iu] - 1;
            let mut pn = p1;
            let mut h: isize = 0;
            let mut d: isize = 0;
            for p in p1..=p2 {
                let e = ci[p as usize];
                let eu = e as usize;
                if w[eu] != 0 {
                    let dext = w[eu] - mark;
                    if dext > 0 {
                        d += dext;
                        ci[pn as usize] = e;
                        pn += 1;
                        h += e;
                    } else {
                        // Aggressive absorption: Le ⊆ Lk, so e is absorbed into k.
                        cp[eu] = flip(k);
                        w[eu] = 0;
                    }
                }
            }
            elen[iu] = pn - p1 + 1;
            let p3 = pn;
            let p4 = p1 + len[iu];
            for p in (p2 + 1)..p4 {
                let j = ci[p as usize];
                let nvj = nv[j as usize];
                if nvj <= 0 {
                    continue;
                }
                d += nvj;
                ci[pn as usize] = j;
                pn += 1;
                h += j;
            }
            if d == 0 {
                // Mass elimination: i is adjacent to nothing but k.
                cp[iu] = flip(k);
                let nvi = -nv[iu];
                dk -= nvi;
                nvk += nvi;
                nel += nvi;
                nv[iu] = 0;
                elen[iu] = -1;
            } else {
                degree[iu] = degree[iu].min(d);
                ci[pn as usize] = ci[p3 as usize];
                ci[p3 as usize] = ci[p1 as usize];
                ci[p1 as usize] = k;
                len[iu] = pn - p1 + 1;
                let hu = (h.abs() % ni) as usize;
                next[iu] = hhead[hu];
                hhead[hu] = i;
                last[iu] = hu as isize;
            }
        }
        degree[ku] = dk;
        lemax = lemax.max(dk);
        mark = wclear(mark + lemax, lemax, &mut w, n);

        // Supernode detection: nodes with identical adjacency (same hash bucket) are merged.
        for pk in pk1..pk2 {
            let iu0 = ci[pk as usize] as usize;
            if nv[iu0] >= 0 {
                continue;
            }
            let hu = last[iu0] as usize;
            let mut i = hhead[hu];
            hhead[hu] = -1;
            while i != -1 && next[i as usize] != -1 {
                let iu = i as usize;
                let ln = len[iu];
                let eln = elen[iu];
                for p in (cp[iu] + 1)..(cp[iu] + ln) {
                    w[ci[p as usize] as usize] = mark;
                }
                let mut jlast = i;
                let mut j = next[iu];
                while j != -1 {
                    let ju = j as usize;
                    let mut ok = len[ju] == ln && elen[ju] == eln;
                    let mut p = cp[ju] + 1;
                    while ok && p < cp[ju] + ln {
                        if w[ci[p as usize] as usize] != mark {
                            ok = false;
                        }
                        p += 1;
                    }
                    if ok {
                        cp[ju] = flip(i);
                        nv[iu] += nv[ju];
                        nv[ju] = 0;
                        elen[ju] = -1;
                        j = next[ju];
                        next[jlast as usize] = j;
                    } else {
                        jlast = j;
                        j = next[ju];
                    }
                }
                i = next[iu];
                mark += 1;
            }
        }

        // Finalize Lk: put its surviving nodes back into the degree lists.
        let mut p = pk1;
        for pk in pk1..pk2 {
            let i = ci[pk as usize];
            let iu = i as usize;
            let nvi = -nv[iu];
            if nvi <= 0 {
                continue;
            }
            nv[iu] = nvi;
            let d = (degree[iu] + dk - nvi).min(ni - nel - nvi);
            let du = d as usize;
            if head[du] != -1 {
                last[head[du] as usize] = i;
            }
            next[iu] = head[du];
            last[iu] = -1;
            head[du] = i;
            mindeg = mindeg.min(d);
            degree[iu] = d;
            ci[p as usize] = i;
            p += 1;
        }
        nv[ku] = nvk;
        len[ku] = p - pk1;
        if len[ku] == 0 {
            cp[ku] = -1;
            w[ku] = 0;
        }
        if elenk != 0 {
            cnz = p;
        }
    }

    // Postorder the assembly tree: children lists in head/next, then a depth-first walk.
    for cpi in cp.iter_mut().take(n) {
        *cpi = flip(*cpi);
    }
    for h in head.iter_mut() {
        *h = -1;
    }
    for j in (0..=n).rev() {
        if nv[j] > 0 {
            continue;
        }
        let parent = cp[j] as usize;
        next[j] = head[parent];
        head[parent] = j as isize;
    }
    for e in (0..=n).rev() {
        if nv[e] <= 0 || cp[e] == -1 {
            continue;
        }
        let parent = cp[e] as usize;
        next[e] = head[parent];
        head[parent] = e as isize;
    }
    let mut order: Vec<usize> = try_vec(n + 1, 0)?;
    let mut stack: Vec<usize> = try_vec(n + 1, 0)?;
    let mut k = 0;
    for (i, &parent) in cp.iter().enumerate() {
        if parent == -1 {
            k = tree_dfs(i, k, &mut head, &next, &mut order, &mut stack);
        }
    }
    // Node n is the artificial root of the dense nodes; it is postordered last.
    order.truncate(n);
    Ok(order)
}

/// cs_wclear: resets the marks in `w` when `mark` would overflow.
fn wclear(mark: isize, lemax: isize, w: &mut [isize], n: usize) -> isize {
    if mark < 2 || mark.checked_add(lemax).is_none() || mark + lemax < 0 {
        for wk in w.iter_mut().take(n) {
            if *wk != 0 {
                *wk = 1;
            }
        }
        return 2;
    }
    mark
}

/// Non-recursive depth-first postorder of the tree rooted at `j` (cs_tdfs); children of p are
/// the list head[p], next[·]. Appends to `post` from position k and returns the new k.
pub fn tree_dfs(
    j: usize,
    mut k: usize,
    head: &mut [isize],
    next: &[isize],
    post: &mut [usize],
    stack: &mut [usize],
) -> usize {
    let mut top: isize = 0;
    stack[0] = j;
    while top >= 0 {
        let p = stack[top as usize];
        let i = head[p];
        if i == -1 {
            top -= 1;
            post[k] = p;
            k += 1;
        } else {
            head[p] = next[i as usize];
            top += 1;
            stack[top as usize] = i as usize;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_permutation(p: &[usize]) -> bool {
        let mut seen = vec![false; p.len()];
        p.iter()
            .all(|&i| i < p.len() && !std::mem::replace(&mut seen[i], true))
    }

    #[test]
    fn orders_an_arrow_matrix_hub_last() {
        // Star graph: eliminating the hub first would fill everything, so it must come last.
        let n = 8;
        let mut colptr = vec![0];
        let mut rowind = vec![];
        for j in 0..n {
            if j == 0 {
                rowind.extend(1..n);
            } else {
                rowind.push(0);
            }
            colptr.push(rowind.len());
        }
        let s = Pattern { n, colptr, rowind };
        let p = amd_order(&s).unwrap();
        assert!(is_permutation(&p));
        assert_eq!(p[n - 1], 0);
    }

    #[test]
    fn handles_tiny_and_disconnected_graphs() {
        for n in 0..4 {
            let s = Pattern {
                n,
                colptr: vec![0; n + 1],
                rowind: vec![],
            };
            assert!(is_permutation(&amd_order(&s).unwrap()));
        }
        let s = Pattern {
            n: 2,
            colptr: vec![0, 1, 2],
            rowind: vec![1, 0],
        };
        assert!(is_permutation(&amd_order(&s).unwrap()));
    }
}
