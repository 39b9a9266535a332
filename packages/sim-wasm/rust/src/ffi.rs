// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary: `extern "C"` functions over linear memory.
//!
//! Buffers are allocated by the host with `ampflux_alloc`, filled through a typed-array
//! view, and released with `ampflux_free`. Complex arrays are interleaved (re, im) f64,
//! index arrays are i32. Every length is passed explicitly and checked here or by the solver,
//! so bad input yields an error status instead of a trap.
//!
//! Status convention: functions return 0 on success and an `ErrorCode` value on failure;
//! `ampflux_analyze` returns a solver handle (> 0) or 0. After a failure,
//! `ampflux_error_code` / `ampflux_error_column` / `ampflux_error_message_*` describe it.

use crate::complex::Complex;
use crate::csc::{CscMatrix, Pattern};
use crate::error::{ErrorCode, Result, SolverError};
use crate::solver::Solver;
use crate::triplet_slots;
use std::alloc::{alloc, dealloc, Layout};
use std::cell::RefCell;

/// Bumped whenever an exported signature changes; the TS loader refuses a mismatch.
pub const ABI_VERSION: u32 = 11;

const ALIGN: usize = 8;

thread_local! {
    /// Solvers alive on the JS side; handle h is slot h − 1. Freed slots are reused.
    static SOLVERS: RefCell<Vec<Option<Solver>>> = RefCell::new(Vec::new());
    static LAST_ERROR: RefCell<SolverError> = RefCell::new(SolverError::new(ErrorCode::InvalidInput, None, ""));
}

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

#[no_mangle]
pub extern "C" fn ampflux_error_code() -> i32 {
    LAST_ERROR.with(|e| e.borrow().code as i32)
}

/// The column (bus) the last error refers to, or −1.
#[no_mangle]
pub extern "C" fn ampflux_error_column() -> i32 {
    LAST_ERROR.with(|e| e.borrow().column.map_or(-1, |c| c as i32))
}

/// UTF-8 bytes of the last error message, valid until the next failing call.
#[no_mangle]
pub extern "C" fn ampflux_error_message_ptr() -> *const u8 {
    LAST_ERROR.with(|e| e.borrow().message.as_ptr())
}

#[no_mangle]
pub extern "C" fn ampflux_error_message_len() -> usize {
    LAST_ERROR.with(|e| e.borrow().message.len())
}

/// Assembles an n×n CSC matrix from `count` triplets (rows, cols: i32; values: 2·count f64),
/// summing duplicates. Writes colptr (n + 1), rowind and values (capacity `count` entries
/// each); the resulting nnz is colptr[n].
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_csc_from_triplets(
    n: usize,
    count: usize,
    rows: *const i32,
    cols: *const i32,
    values: *const f64,
    out_colptr: *mut i32,
    out_rowind: *mut i32,
    out_values: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        let m = CscMatrix::from_triplets(
            n,
            &indices(slice(rows, count)?)?,
            &indices(slice(cols, count)?)?,
            complex_slice(values, count)?,
        )?;
        let nnz = m.pattern.nnz();
        write_indices(slice_mut(out_colptr, n + 1)?, &m.pattern.colptr)?;
        write_indices(&mut slice_mut(out_rowind, count)?[..nnz], &m.pattern.rowind)?;
        complex_slice_mut(out_values, count)?[..nnz].copy_from_slice(&m.values);
        Ok(())
    })
}

/// Ordering and symbolic analysis of an n×n CSC pattern (colptr: `colptr_len` i32,
/// rowind: `nnz` i32). Returns a solver handle, or 0 on error.
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_analyze(
    n: usize,
    colptr: *const i32,
    colptr_len: usize,
    rowind: *const i32,
    nnz: usize,
) -> u32 {
    let analyzed = (|| {
        dimension(n)?;
        if colptr_len != n + 1 {
            return Err(SolverError::invalid(format!(
                "column pointers have length {}, expected n + 1 = {}",
                colptr_len,
                n + 1
            )));
        }
        let pattern = Pattern::new(
            n,
            indices(slice(colptr, colptr_len)?)?,
            indices(slice(rowind, nnz)?)?,
        )?;
        Solver::analyze(pattern)
    })();
    match analyzed {
        Ok(solver) => SOLVERS.with(|s| {
            let mut slots = s.borrow_mut();
            let slot = match slots.iter().position(Option::is_none) {
                Some(i) => i,
                None => {
                    slots.push(None);
                    slots.len() - 1
                }
            };
            slots[slot] = Some(solver);
            slot as u32 + 1
        }),
        Err(e) => {
            set_error(e);
            0
        }
    }
}

/// Numeric factorization with `count` complex values (one per entry of the analyzed pattern)
/// and pivot threshold `pivot_tol` ∈ (0, 1].
///
/// # Safety
/// `values` must address 2·count f64 from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_factorize(
    handle: u32,
    values: *const f64,
    count: usize,
    pivot_tol: f64,
) -> i32 {
    status(|| {
        with_solver(handle, |s| {
            s.factorize(complex_slice(values, count)?, pivot_tol)
        })
    })
}

/// Overwrites `count` complex values (n × nrhs, column-major) with A⁻¹ b.
///
/// # Safety
/// `rhs` must address 2·count f64 from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_solve(handle: u32, rhs: *mut f64, count: usize) -> i32 {
    status(|| with_solver(handle, |s| s.solve(complex_slice_mut(rhs, count)?)))
}

/// Column `col` of Z = A⁻¹ into `out` (`count` = n complex values).
///
/// # Safety
/// `out` must address 2·count f64 from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_inverse_column(
    handle: u32,
    col: i32,
    out: *mut f64,
    count: usize,
) -> i32 {
    status(|| {
        with_solver(handle, |s| {
            let out = complex_slice_mut(out, count)?;
            if count != s.symbolic.n() || col < 0 {
                return Err(SolverError::invalid(format!(
                    "column {} / output of {} values invalid for n = {}",
                    col,
                    count,
                    s.symbolic.n()
                )));
            }
            out.copy_from_slice(&s.inverse_column(col as usize)?);
            Ok(())
        })
    })
}

/// diag(Z) into `diag` (`diag_count` = n complex values) and, unless `pattern_out` is null,
/// Z on the pattern of A into `pattern_out` (`pattern_count` = nnz complex values).
///
/// # Safety
/// Non-null pointers must address buffers of the stated sizes from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_selected_inverse(
    handle: u32,
    diag: *mut f64,
    diag_count: usize,
    pattern_out: *mut f64,
    pattern_count: usize,
) -> i32 {
    status(|| {
        with_solver(handle, |s| {
            let diag = complex_slice_mut(diag, diag_count)?;
            let on_pattern = if pattern_out.is_null() {
                None
            } else {
                Some(complex_slice_mut(pattern_out, pattern_count)?)
            };
            s.selected_inverse(diag, on_pattern)
        })
    })
}

/// Writes [n, nnz(A), nnz(L + U), column whose diagonal pivot was rejected (partial pivoting
/// ran) or −1] into `out` (4 f64).
///
/// # Safety
/// `out` must address 4 f64 from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_solver_stats(handle: u32, out: *mut f64) -> i32 {
    status(|| {
        with_solver(handle, |s| {
            let st = s.stats();
            slice_mut(out, 4)?.copy_from_slice(&[
                st.n as f64,
                st.nnz_a as f64,
                st.nnz_lu as f64,
                st.rejected_column.map_or(-1.0, |c| c as f64),
            ]);
            Ok(())
        })
    })
}

/// Keeps, for the `count` triplets (rows, cols: i32) that the solver's pattern was compressed
/// from, the entry each one was summed into, so that `ampflux_scatter_triplets` can sum the
/// next assembly of the same structure (`triplet_slots`). Triplets that are not all entries of
/// the pattern keep nothing, which is not an error: later assemblies are then compressed in full.
///
/// # Safety
/// `rows` and `cols` must address `count` i32 each from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_keep_triplet_slots(
    handle: u32,
    count: usize,
    rows: *const i32,
    cols: *const i32,
) -> i32 {
    status(|| {
        let (rows, cols) = (slice(rows, count)?, slice(cols, count)?);
        with_solver(handle, |s| {
            s.triplet_slots = triplet_slots::slots_of(&s.symbolic.a, rows, cols);
            Ok(())
        })
    })
}

/// Sums `count` triplets (rows, cols: i32; values: interleaved f64) into `out` (`nnz` complex
/// values, one per entry of the solver's pattern) through the kept slots. Returns 0 when done,
/// −1 when the triplets do not have the kept structure (or a value is not finite, or no slots
/// are kept): compress them in full then. A positive value is an error code.
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_scatter_triplets(
    handle: u32,
    count: usize,
    rows: *const i32,
    cols: *const i32,
    values: *const f64,
    out: *mut f64,
    nnz: usize,
) -> i32 {
    let mut scattered = false;
    let code = status(|| {
        let (rows, cols) = (slice(rows, count)?, slice(cols, count)?);
        let (values, out) = (complex_slice(values, count)?, complex_slice_mut(out, nnz)?);
        with_solver(handle, |s| {
            if let Some(slots) = &s.triplet_slots {
                scattered = triplet_slots::scatter(&s.symbolic.a, slots, rows, cols, values, out);
            }
            Ok(())
        })
    });
    match code {
        0 if !scattered => -1,
        _ => code,
    }
}

/// Drops a solver's numeric factors and keeps its ordering and symbolic analysis: an analysis
/// kept for a later factorization of the same pattern then holds no factor memory meanwhile.
#[no_mangle]
pub extern "C" fn ampflux_release_factors(handle: u32) -> i32 {
    status(|| {
        with_solver(handle, |s| {
            s.factors = None;
            Ok(())
        })
    })
}

/// Releases a solver; a handle that is not alive is an error, so double frees are caught.
#[no_mangle]
pub extern "C" fn ampflux_free_solver(handle: u32) -> i32 {
    status(|| {
        SOLVERS.with(|s| {
            let mut slots = s.borrow_mut();
            match slots.get_mut((handle as usize).wrapping_sub(1)) {
                Some(slot @ Some(_)) => {
                    *slot = None;
                    Ok(())
                }
                _ => Err(invalid_handle(handle)),
            }
        })
    })
}

/// Two live solvers at once, read-only (solves need no more): the positive- and zero-sequence
/// factors of an outage screening. `second` 0: none.
pub(crate) fn with_solver_pair<T>(
    first: u32,
    second: u32,
    body: impl FnOnce(&Solver, Option<&Solver>) -> Result<T>,
) -> Result<T> {
    SOLVERS.with(|s| {
        let solvers = s.borrow();
        let get = |h: u32| match solvers.get((h as usize).wrapping_sub(1)) {
            Some(Some(solver)) => Ok(solver),
            _ => Err(invalid_handle(h)),
        };
        let a = get(first)?;
        let b = if second == 0 {
            None
        } else {
            Some(get(second)?)
        };
        body(a, b)
    })
}

fn invalid_handle(handle: u32) -> SolverError {
    SolverError::new(
        ErrorCode::InvalidHandle,
        None,
        format!(
            "solver handle {} is not alive (freed or never issued)",
            handle
        ),
    )
}

pub(crate) fn with_solver<T>(
    handle: u32,
    body: impl FnOnce(&mut Solver) -> Result<T>,
) -> Result<T> {
    SOLVERS.with(
        |s| match s.borrow_mut().get_mut((handle as usize).wrapping_sub(1)) {
            Some(Some(solver)) => body(solver),
            _ => Err(invalid_handle(handle)),
        },
    )
}

fn set_error(e: SolverError) {
    LAST_ERROR.with(|slot| *slot.borrow_mut() = e);
}

pub(crate) fn status(body: impl FnOnce() -> Result<()>) -> i32 {
    match body() {
        Ok(()) => 0,
        Err(e) => {
            let code = e.code as i32;
            set_error(e);
            code
        }
    }
}

/// A host buffer as a slice; null is only accepted for an empty buffer.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T]> {
    if len == 0 {
        Ok(&[])
    } else if ptr.is_null() || len > isize::MAX as usize / std::mem::size_of::<T>() {
        Err(SolverError::invalid(format!(
            "invalid buffer of {} elements",
            len
        )))
    } else {
        Ok(std::slice::from_raw_parts(ptr, len))
    }
}

pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T]> {
    if len == 0 {
        Ok(&mut [])
    } else if ptr.is_null() || len > isize::MAX as usize / std::mem::size_of::<T>() {
        Err(SolverError::invalid(format!(
            "invalid buffer of {} elements",
            len
        )))
    } else {
        Ok(std::slice::from_raw_parts_mut(ptr, len))
    }
}

/// `count` interleaved (re, im) pairs as Complex values (Complex is `repr(C)` of two f64).
pub(crate) unsafe fn complex_slice<'a>(ptr: *const f64, count: usize) -> Result<&'a [Complex]> {
    slice(ptr as *const Complex, count)
}

pub(crate) unsafe fn complex_slice_mut<'a>(
    ptr: *mut f64,
    count: usize,
) -> Result<&'a mut [Complex]> {
    slice_mut(ptr as *mut Complex, count)
}

/// n arrives as a wasm i32: a negative n would wrap to a huge usize and n + 1 could overflow.
pub(crate) fn dimension(n: usize) -> Result<()> {
    if n >= i32::MAX as usize {
        return Err(SolverError::invalid(format!(
            "dimension {} is out of range",
            n as isize
        )));
    }
    Ok(())
}

pub(crate) fn indices(raw: &[i32]) -> Result<Vec<usize>> {
    let mut out = crate::error::try_vec(raw.len(), 0usize)?;
    for (o, &i) in out.iter_mut().zip(raw) {
        if i < 0 {
            return Err(SolverError::invalid(format!("negative index {}", i)));
        }
        *o = i as usize;
    }
    Ok(out)
}

fn write_indices(out: &mut [i32], from: &[usize]) -> Result<()> {
    for (o, &i) in out.iter_mut().zip(from) {
        *o = i32::try_from(i)
            .map_err(|_| SolverError::invalid(format!("index {} exceeds i32", i)))?;
    }
    Ok(())
}
