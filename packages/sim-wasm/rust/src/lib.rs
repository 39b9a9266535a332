// SPDX-License-Identifier: LGPL-2.1-or-later
//! AmpFlux simulation core: sparse complex linear algebra, fault currents, equipment duty
//! (`duty`, `ffi_duty`), load flow (`loadflow`, `ffi_loadflow`), the IEEE 1584-2018 arc-flash
//! model (`arcflash`, `ffi_arcflash`) and protective-device clearing times (`protection`,
//! `ffi_protection`).
//!
//! Everything JavaScript sees goes through `ffi`: plain `extern "C"` functions over
//! linear memory, so the crate needs no bindgen and builds with Debian's rustc 1.63.
//!
//! The sparse solver follows CSparse (T. A. Davis, "Direct Methods for Sparse Linear
//! Systems", SIAM 2006), one module per phase: `csc` (storage, assembly) → `amd` (ordering)
//! → `etree` + `symbolic` (analysis) → `lu` / `gplu` (numeric factorization, `gplu` on the
//! sparse triangular solve of `triangular`) → `solve` (dense-RHS triangular solves) →
//! `selinv` (selected inversion); `solver` ties them together. `triplet_slots` re-assembles a
//! matrix of an analysed structure without compressing its triplets again.

pub mod amd;
pub mod arcflash;
pub mod complex;
pub mod csc;
pub mod duty;
pub mod error;
pub mod etree;
pub mod ffi;
pub mod ffi_arcflash;
pub mod ffi_duty;
pub mod ffi_iec60909;
pub mod ffi_loadflow;
pub mod ffi_protection;
pub mod gplu;
pub mod iec60909;
pub mod loadflow;
pub mod lu;
pub mod protection;
pub mod real_lu;
pub mod selinv;
pub mod solve;
pub mod solver;
pub mod symbolic;
pub mod triangular;
pub mod triplet_slots;
