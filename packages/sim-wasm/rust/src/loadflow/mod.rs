// SPDX-License-Identifier: LGPL-2.1-or-later
//! AC load flow by Newton's method in polar coordinates: W. F. Tinney, C. E. Hart, "Power flow
//! solution by Newton's method", IEEE Trans. PAS-86(11), 1967, pp. 1449–1460. Written from the
//! paper and the textbook equations (no load-flow code was translated), one module per phase:
//! `admittance` (bus admittance matrix of π branches) → `islands` (which buses a slack
//! supplies) → `mismatch` (power injections and their mismatch) → `jacobian` (sparse Jacobian
//! in polar coordinates) → `newton` (the iteration, reactive limits) → `flows` (branch flows).
//! The alternatives share those phases: `decoupled` (fast-decoupled XB/BX, Stott & Alsaç 1974,
//! van Amerongen 1989) and `dc` (the linear DC approximation), both on the real matrices of
//! `susceptance`; `run` picks one.
//! Everything is per unit on one system base; the caller converts physical data.

pub mod admittance;
pub mod dc;
pub mod decoupled;
pub mod flows;
pub mod islands;
pub mod jacobian;
pub mod mismatch;
pub mod newton;
pub mod susceptance;

use crate::complex::Complex;
use crate::error::Result;
use flows::{branch_flows, BranchFlow};
use newton::Solution;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// Newton–Raphson in polar coordinates.
    Nr = 0,
    /// Fast-decoupled, r ignored in B'.
    FdXb = 1,
    /// Fast-decoupled, r ignored in B''.
    FdBx = 2,
    /// DC approximation.
    Dc = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusKind {
    /// Given P and Q.
    Pq,
    /// Given P and |V|; Q follows (within its limits when they are enforced).
    Pv,
    /// Given |V| and angle; P and Q follow.
    Slack,
}

/// A bus as the equations see it: net injections (generation − load) in per unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bus {
    pub kind: BusKind,
    pub p_spec: f64,
    pub q_spec: f64,
    /// |V| set-point of a PV or slack bus.
    pub v_set: f64,
    /// Angle of a slack bus, radians.
    pub va_set: f64,
    /// Shunt admittance to earth (bus shunts), per unit.
    pub y_shunt: Complex,
    /// Net reactive injection limits of a PV bus (generator limits minus load Q).
    pub q_min: f64,
    pub q_max: f64,
    /// Start values for a warm start (|V|, angle in radians); NaN: none, start flat there.
    pub vm0: f64,
    pub va0: f64,
}

/// A π branch between two ideal transformers: the series admittance `y` joins the internal
/// nodes V_f/t_f and V_t/t_t, and half the charging `b` sits at each internal node. A line has
/// t_f = t_t = 1; a transformer carries its off-nominal ratio and phase shift in t_f or t_t.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Branch {
    pub from: usize,
    pub to: usize,
    pub y: Complex,
    pub b: f64,
    pub t_from: Complex,
    pub t_to: Complex,
    pub in_service: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Convergence: max |ΔP|, |ΔQ| in per unit.
    pub tol: f64,
    pub max_iter: usize,
    /// |V| = 1 (set-points at PV/slack) and the no-load angles (slack angle plus phase
    /// shifts), instead of vm0/va0.
    pub flat_start: bool,
    /// Switch a PV bus to PQ at the violated limit (not in the DC approximation).
    pub q_limits: bool,
    pub algorithm: Algorithm,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tol: 1e-8,
            max_iter: 10,
            flat_start: true,
            q_limits: false,
            algorithm: Algorithm::Nr,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Converged = 0,
    MaxIterations = 1,
    /// The Jacobian could not be factorized (voltage collapse or a bad model).
    SingularJacobian = 2,
    /// The iterate left the finite numbers.
    Diverged = 3,
}

/// The load flow by the chosen algorithm, with the branch-end flows of its solution (the DC
/// approximation's own linear flows for `Dc`).
pub fn run(
    buses: &[Bus],
    branches: &[Branch],
    options: &Options,
) -> Result<(Solution, Vec<BranchFlow>)> {
    let sol = match options.algorithm {
        Algorithm::Dc => return dc::solve(buses, branches, options),
        Algorithm::Nr => newton::solve(buses, branches, options)?,
        Algorithm::FdXb => decoupled::solve(buses, branches, options, true)?,
        Algorithm::FdBx => decoupled::solve(buses, branches, options, false)?,
    };
    let flows = branch_flows(branches, &sol.vm, &sol.va);
    Ok((sol, flows))
}
