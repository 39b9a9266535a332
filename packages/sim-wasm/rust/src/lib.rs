//! AmpFlux simulation core: sparse complex linear algebra and fault currents.
//!
//! Everything JavaScript sees goes through `ffi`: plain `extern "C"` functions over
//! linear memory, so the crate needs no bindgen and builds with Debian's rustc 1.63.

pub mod complex;
pub mod ffi;
