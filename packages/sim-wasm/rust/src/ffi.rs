//! The WebAssembly boundary: `extern "C"` functions over linear memory.
//!
//! Buffers are allocated by the host with `ampflux_alloc`, filled through a typed-array
//! view, and released with `ampflux_free`. Complex arrays are interleaved (re, im) f64.

use crate::complex::Complex;
use std::alloc::{alloc, dealloc, Layout};

/// Bumped whenever an exported signature changes; the TS loader refuses a mismatch.
pub const ABI_VERSION: u32 = 1;

const ALIGN: usize = 8;

#[no_mangle]
pub extern "C" fn ampflux_abi_version() -> u32 {
    ABI_VERSION
}

/// Allocates `bytes` bytes aligned for f64; returns 0 when `bytes` is 0 or memory is exhausted.
#[no_mangle]
pub extern "C" fn ampflux_alloc(bytes: usize) -> *mut u8 {
    match Layout::from_size_align(bytes, ALIGN) {
        Ok(layout) if bytes > 0 => unsafe { alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Releases a buffer from `ampflux_alloc`; `bytes` must be the size it was allocated with.
///
/// # Safety
/// `ptr` must come from `ampflux_alloc(bytes)` and not have been freed.
#[no_mangle]
pub unsafe extern "C" fn ampflux_free(ptr: *mut u8, bytes: usize) {
    if ptr.is_null() || bytes == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(bytes, ALIGN) {
        dealloc(ptr, layout);
    }
}

/// Writes |z_k| for `n` interleaved complex values at `values` into `out`.
///
/// # Safety
/// `values` must hold 2n f64 and `out` n f64, both from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_complex_abs(values: *const f64, n: usize, out: *mut f64) {
    let z = std::slice::from_raw_parts(values, 2 * n);
    let out = std::slice::from_raw_parts_mut(out, n);
    for (k, o) in out.iter_mut().enumerate() {
        *o = Complex::new(z[2 * k], z[2 * k + 1]).abs();
    }
}
