// SPDX-License-Identifier: LGPL-2.1-or-later
//! Duty of equipment against its short-circuit ratings: the currents a device must break at
//! contact parting (`breaking`: d.c. component, asymmetrical breaking current and the rated
//! asymmetrical breaking current) and the withstand limits over the fault duration
//! (`withstand`: short-time ratings scaled by equal I²t, the adiabatic cable limit k²S²).
//! Which check applies to which element is decided by the caller (TypeScript, src/duty/).

pub mod breaking;
pub mod withstand;
