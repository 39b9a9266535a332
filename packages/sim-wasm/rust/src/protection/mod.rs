// SPDX-License-Identifier: LGPL-2.1-or-later
//! How long a protective device takes to clear a fault current, for arc durations (IEEE
//! 1584-2018 §6.9): relay stages (`inverse`: IEC 60255-151 and IEEE C37.112 dependent-time
//! curves; `stages`: definite-time and instantaneous stages, the fastest stage that picks up),
//! a fuse's or trip unit's total clearing curve given as points (`points`, log–log), and the
//! device as a whole (`device`: fixed clearing time, relay + breaker opening time, curve).
//! Currents in kA, times in ms; a device that does not trip gives +∞.

pub mod device;
pub mod inverse;
pub mod points;
pub mod stages;
