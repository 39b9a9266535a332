// SPDX-License-Identifier: LGPL-2.1-or-later
//! IEEE Std 1584-2018 arc-flash model (208 V–15 kV, three-phase), one module per step of the
//! standard's procedure (§4, Annex D):
//! `coefficients` (Tables 1–5 and 7) → `range` (§4.2: rows outside it get a code, never a
//! number) → `arcing_current` (eq. 1, 16–18, 25) and `variation` (eq. 2, the reduced current)
//! → `enclosure` (§4.8, Table 6, eq. 11–15) → `incident_energy` (eq. 3–10, 19–24);
//! `model` runs them for one row. Units: kV, kA, mm, ms, J/cm².

pub mod arcing_current;
pub mod coefficients;
pub mod enclosure;
pub mod incident_energy;
pub mod model;
pub mod range;
pub mod variation;

#[cfg(test)]
mod tests;
