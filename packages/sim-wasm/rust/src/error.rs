// SPDX-License-Identifier: LGPL-2.1-or-later
//! Errors of every solver phase. The FFI layer hands them to JavaScript as a numeric code,
//! the offending column (bus) and a message, so no failure ever traps the WASM instance.

use std::fmt;

/// Stable numeric codes shared with `src/errors.ts`; never renumber, only append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// Dimension mismatch, index out of range, malformed column pointers.
    InvalidInput = 1,
    /// NaN or ±Inf in a matrix value or right-hand side.
    NonFinite = 2,
    /// No pivot can exist whatever the values are (e.g. an empty column: an isolated bus).
    StructurallySingular = 3,
    /// Every candidate pivot of a column vanished to roundoff.
    NumericallySingular = 4,
    /// A handle that was never issued or was already freed.
    InvalidHandle = 5,
    /// Solve or inversion requested before a successful numeric factorization.
    NotFactorized = 6,
    /// An allocation failed (WASM linear memory is capped at 4 GiB).
    OutOfMemory = 7,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolverError {
    pub code: ErrorCode,
    /// Column of the input matrix (0-based bus index) the error refers to, if any.
    pub column: Option<usize>,
    pub message: String,
}

impl SolverError {
    pub fn new(code: ErrorCode, column: Option<usize>, message: impl Into<String>) -> SolverError {
        SolverError {
            code,
            column,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> SolverError {
        SolverError::new(ErrorCode::InvalidInput, None, message)
    }

    pub fn at_column(code: ErrorCode, column: usize, message: impl Into<String>) -> SolverError {
        SolverError::new(code, Some(column), message)
    }
}

impl fmt::Display for SolverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

pub type Result<T> = std::result::Result<T, SolverError>;

/// `vec![value; len]` that reports exhaustion instead of aborting: in WASM an allocation
/// failure would otherwise trap the whole instance.
pub fn try_vec<T: Clone>(len: usize, value: T) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        SolverError::new(
            ErrorCode::OutOfMemory,
            None,
            format!("cannot allocate {} elements", len),
        )
    })?;
    v.resize(len, value);
    Ok(v)
}

/// Grows `v` so that `extra` more pushes cannot abort on allocation failure.
pub fn try_reserve<T>(v: &mut Vec<T>, extra: usize) -> Result<()> {
    v.try_reserve(extra).map_err(|_| {
        SolverError::new(
            ErrorCode::OutOfMemory,
            None,
            format!("cannot grow to {} elements", v.len() + extra),
        )
    })
}
