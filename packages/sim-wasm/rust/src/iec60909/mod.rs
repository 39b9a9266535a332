// SPDX-License-Identifier: LGPL-2.1-or-later
//! IEC 60909-0:2016 short-circuit calculation: correction and current factors (`factors`),
//! sequence networks at the fault (`fault`), per-bus results (`bus_results`) and the quantities
//! that need transfer impedances (`transfer`). The network model itself is built by the caller.

pub mod block_solve;
pub mod bounded_columns;
pub mod bus_results;
mod column_lanes;
pub mod factors;
pub mod fault;
pub mod outage_screening;
pub mod term_solve;
pub mod transfer;
