// SPDX-License-Identifier: LGPL-2.1-or-later
//! The inner loops of `bounded_columns`: one node's column of L (forward solve) or row of U
//! (back-substitution) applied to the columns of a block that take part there, with a loop of
//! its own for a full block (all `BLOCK` interleaved columns) and for a single column. In
//! WebAssembly built with `simd128` (scripts/build-wasm.sh) each complex number is one f64x2
//! (re, im) and a complex product takes two vector multiplies and an add instead of four scalar
//! multiplies and two adds; elsewhere (native tests, tools) the same arithmetic runs on scalars.
//!
//! Both give every column exactly the scalar operations of `Complex` (complex.rs), in the same
//! order, so the results are bit for bit those of `solve::ldu_solve`:
//!   a·b = (a.re·b.re − a.im·b.im, a.re·b.im + a.im·b.re),
//! and lane 0 of splat(a.re)·(b.re, b.im) + (−a.im, a.im)·(b.im, b.re) is a.re·b.re + (−a.im·b.im),
//! which IEEE 754 rounds exactly as a.re·b.re − a.im·b.im (negation is exact, x − y = x + (−y));
//! lane 1 is a.re·b.im + a.im·b.re as written.

use super::bounded_columns::{max_keeping_nan, BLOCK};
use crate::complex::{sub_product, Complex};

/// Forward solve at one node of the elimination tree, for the block's columns `active` (their
/// values at the node in `w`): x[i, r] −= l_i · w_r for every entry (i, l_i) of the node's column
/// of L. `work` holds `width` interleaved columns (node i's entry of column r at i·width + r).
#[inline(always)]
pub fn forward_node(
    work: &mut [Complex],
    width: usize,
    rows: &[usize],
    values: &[Complex],
    active: &[usize],
    w: &[Complex],
) {
    if active.len() == BLOCK && width == BLOCK {
        // Every column of a full block: a fixed-length loop over the lanes (lanes a = active[a]).
        for (&i, &l) in rows.iter().zip(values) {
            let row = i * BLOCK;
            forward_entry(&mut work[row..row + BLOCK], l, w);
        }
    } else if let [r] = *active {
        let wr = w[0];
        for (&i, &l) in rows.iter().zip(values) {
            let x = &mut work[i * width + r];
            *x = sub_product(*x, l, wr);
        }
    } else {
        for (&i, &l) in rows.iter().zip(values) {
            let row = i * width;
            for (&r, &wa) in active.iter().zip(w) {
                let x = &mut work[row + r];
                *x = sub_product(*x, l, wa);
            }
        }
    }
}

/// Back-substitution at one node, for the block's columns `active`: w[a] −= u_k · x[k, r] over
/// the entries (k, u_k) of the node's row of U, and largest[a] = the largest |x[k, r]|² read
/// (NaN once a NaN is read, so a NaN bound never skips).
#[inline(always)]
pub fn back_node(
    work: &[Complex],
    width: usize,
    rows: &[usize],
    values: &[Complex],
    active: &[usize],
    w: &mut [Complex],
    largest: &mut [f64],
) {
    if active.len() == BLOCK && width == BLOCK {
        for (&k, &u) in rows.iter().zip(values) {
            let row = k * BLOCK;
            back_entry(&work[row..row + BLOCK], u, w, largest);
        }
    } else if let [r] = *active {
        let (mut acc, mut most) = (w[0], largest[0]);
        for (&k, &u) in rows.iter().zip(values) {
            let x = work[k * width + r];
            most = max_keeping_nan(most, squared_abs(x));
            acc = sub_product(acc, u, x);
        }
        w[0] = acc;
        largest[0] = most;
    } else {
        for (&k, &u) in rows.iter().zip(values) {
            let row = k * width;
            for a in 0..active.len() {
                let x = work[row + active[a]];
                largest[a] = max_keeping_nan(largest[a], squared_abs(x));
                w[a] = sub_product(w[a], u, x);
            }
        }
    }
}

/// lanes[a] −= l · w[a] for the BLOCK columns of a full block.
#[inline(always)]
fn forward_entry(lanes: &mut [Complex], l: Complex, w: &[Complex]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    simd::forward_entry(lanes, l, w);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for (x, &wa) in lanes[..BLOCK].iter_mut().zip(&w[..BLOCK]) {
        *x = *x - l * wa;
    }
}

/// acc[a] −= u · lanes[a] and largest[a] = max(largest[a], |lanes[a]|²) for a full block.
#[inline(always)]
fn back_entry(lanes: &[Complex], u: Complex, acc: &mut [Complex], largest: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    simd::back_entry(lanes, u, acc, largest);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    for a in 0..BLOCK {
        let x = lanes[a];
        largest[a] = max_keeping_nan(largest[a], squared_abs(x));
        acc[a] = acc[a] - u * x;
    }
}

/// |x|² as re² + im².
#[inline(always)]
fn squared_abs(x: Complex) -> f64 {
    x.re * x.re + x.im * x.im
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::{max_keeping_nan, BLOCK};
    use crate::complex::Complex;
    use core::arch::wasm32::*;

    // Complex is repr(C) (re, im): 16 bytes, the size of a v128; WebAssembly's v128 loads and
    // stores need no alignment.
    #[inline(always)]
    fn load(c: &Complex) -> v128 {
        unsafe { v128_load(c as *const Complex as *const v128) }
    }

    #[inline(always)]
    fn store(c: &mut Complex, v: v128) {
        unsafe { v128_store(c as *mut Complex as *mut v128, v) }
    }

    /// (re, im) → (im, re).
    #[inline(always)]
    fn swap(v: v128) -> v128 {
        i64x2_shuffle::<1, 0>(v, v)
    }

    #[inline(always)]
    pub fn forward_entry(lanes: &mut [Complex], l: Complex, w: &[Complex]) {
        let lanes = &mut lanes[..BLOCK];
        let (re, im) = (f64x2_splat(l.re), f64x2(-l.im, l.im));
        for (x, wa) in lanes.iter_mut().zip(&w[..BLOCK]) {
            let wv = load(wa);
            let product = f64x2_add(f64x2_mul(re, wv), f64x2_mul(im, swap(wv)));
            store(x, f64x2_sub(load(x), product));
        }
    }

    #[inline(always)]
    pub fn back_entry(lanes: &[Complex], u: Complex, acc: &mut [Complex], largest: &mut [f64]) {
        let lanes = &lanes[..BLOCK];
        let (re, im) = (f64x2_splat(u.re), f64x2(-u.im, u.im));
        for a in 0..BLOCK {
            let x = load(&lanes[a]);
            let squares = f64x2_mul(x, x);
            // Lane 0: re² + im², as the scalar code adds them.
            let squared = f64x2_extract_lane::<0>(f64x2_add(squares, swap(squares)));
            largest[a] = max_keeping_nan(largest[a], squared);
            let product = f64x2_add(f64x2_mul(re, x), f64x2_mul(im, swap(x)));
            let sum = f64x2_sub(load(&acc[a]), product);
            store(&mut acc[a], sum);
        }
    }
}
