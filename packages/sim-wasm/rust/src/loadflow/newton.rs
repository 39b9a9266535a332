// SPDX-License-Identifier: LGPL-2.1-or-later
//! Newton's method (Tinney, Hart 1967): from the mismatch F(x) at the iterate x = (θ, |V|),
//! solve J(x)·Δx = −F(x) and update, until max|F| ≤ tol or the iteration budget is spent.
//! The LU's ordering and symbolic analysis are computed once (the pattern never changes);
//! each iteration only refactorizes with new values, in real arithmetic (`real_lu`).
//!
//! Reactive limits (option): once the mismatch has converged, every PV bus whose reactive
//! injection lies outside [q_min, q_max] becomes a PQ bus held at the violated limit and the
//! iteration continues; the iteration count and history run on across the switches.

use super::admittance::bus_admittance;
use super::islands::{find_islands, no_load_angles, Islands};
use super::jacobian::Jacobian;
use super::mismatch::{currents, injections, max_mismatch, polar};
use super::{Branch, Bus, BusKind, Options, Outcome};
use crate::complex::Complex;
use crate::csc::CscMatrix;
use crate::error::{ErrorCode, Result, SolverError};
use crate::real_lu::RealSolver;
use crate::solver::DEFAULT_PIVOT_TOLERANCE;

pub struct Solution {
    pub outcome: Outcome,
    pub iterations: usize,
    /// max |mismatch| before each Newton step and at the end (iterations + 1 values).
    pub history: Vec<f64>,
    pub vm: Vec<f64>,
    pub va: Vec<f64>,
    /// Net injection at each bus (zero for unsupplied buses).
    pub s: Vec<Complex>,
    /// Bus kinds at the end (PV buses switched at a limit report Pq).
    pub kinds: Vec<BusKind>,
    pub islands: Islands,
    pub y: CscMatrix,
}

pub(super) fn check_inputs(buses: &[Bus], options: &Options) -> Result<()> {
    if !(options.tol > 0.0 && options.tol.is_finite()) {
        return Err(SolverError::invalid("tolerance must be positive"));
    }
    for (i, b) in buses.iter().enumerate() {
        let fine = b.p_spec.is_finite()
            && b.q_spec.is_finite()
            && b.y_shunt.is_finite()
            && !b.vm0.is_infinite()
            && !b.va0.is_infinite()
            && b.va_set.is_finite()
            && !b.q_min.is_nan()
            && !b.q_max.is_nan();
        if !(fine && b.v_set > 0.0 && b.v_set.is_finite()) {
            return Err(SolverError::at_column(
                ErrorCode::InvalidInput,
                i,
                format!("bus {} has a non-finite value or a set-point ≤ 0", i),
            ));
        }
    }
    Ok(())
}

/// Start values: set-points at slack and PV buses; |V| = 1 and the no-load angles (the slack's
/// angle shifted by the phase shifters on the way) when flat, the given vm0/va0 when warm
/// (flat values where they are NaN).
pub(super) fn start(
    buses: &[Bus],
    branches: &[Branch],
    islands: &Islands,
    flat: bool,
) -> (Vec<f64>, Vec<f64>) {
    let mut vm = vec![0.0; buses.len()];
    let mut va = vec![0.0; buses.len()];
    let no_load = no_load_angles(buses, branches, islands);
    for (i, b) in buses.iter().enumerate() {
        if islands.reference[i].is_none() {
            continue;
        }
        // A warm start takes the flat value where a bus has none (NaN).
        let or_flat = |x: f64, flat_value: f64| if flat || x.is_nan() { flat_value } else { x };
        let (m, a) = (or_flat(b.vm0, 1.0), or_flat(b.va0, no_load[i]));
        vm[i] = if b.kind == BusKind::Pq { m } else { b.v_set };
        va[i] = if b.kind == BusKind::Slack {
            b.va_set
        } else {
            a
        };
    }
    (vm, va)
}

/// PV buses outside their limits become PQ at the limit; true if any did.
pub(super) fn enforce_q_limits(
    kinds: &mut [BusKind],
    spec: &mut [Complex],
    buses: &[Bus],
    s: &[Complex],
) -> bool {
    let mut switched = false;
    for i in 0..buses.len() {
        if kinds[i] != BusKind::Pv {
            continue;
        }
        let q = s[i].im;
        let limit = if q > buses[i].q_max {
            buses[i].q_max
        } else if q < buses[i].q_min {
            buses[i].q_min
        } else {
            continue;
        };
        kinds[i] = BusKind::Pq;
        spec[i] = Complex::new(spec[i].re, limit);
        switched = true;
    }
    switched
}

pub fn solve(buses: &[Bus], branches: &[Branch], options: &Options) -> Result<Solution> {
    check_inputs(buses, options)?;
    let n = buses.len();
    let y = bus_admittance(buses, branches)?;
    let islands = find_islands(buses, branches);
    let mut kinds: Vec<BusKind> = buses.iter().map(|b| b.kind).collect();
    let active: Vec<bool> = (0..n)
        .map(|i| islands.supplied[i] && kinds[i] != BusKind::Slack)
        .collect();
    let mut spec: Vec<Complex> = buses
        .iter()
        .map(|b| Complex::new(b.p_spec, b.q_spec))
        .collect();
    let (mut vm, mut va) = start(buses, branches, &islands, options.flat_start);
    let jac = Jacobian::layout(&y, &active)?;
    let unknowns = jac.pattern.n;
    let mut solver = if unknowns > 0 {
        Some(RealSolver::analyze_with(jac.pattern.clone(), |_| {
            jac.pair_ordering(&y.pattern)
        })?)
    } else {
        None
    };
    let mut values = vec![0.0; jac.pattern.nnz()];
    let mut history = Vec::new();
    let mut iterations = 0;
    let outcome = loop {
        let v: Vec<Complex> = vm.iter().zip(&va).map(|(&m, &a)| polar(m, a)).collect();
        let i = currents(&y, &v);
        let s = injections(&v, &i);
        let worst = max_mismatch(&kinds, &active, &s, &spec);
        history.push(worst);
        if !worst.is_finite() {
            break Outcome::Diverged;
        }
        if worst <= options.tol
            && !(options.q_limits && enforce_q_limits(&mut kinds, &mut spec, buses, &s))
        {
            break Outcome::Converged;
        }
        if iterations >= options.max_iter {
            break Outcome::MaxIterations;
        }
        let lu = match solver.as_mut() {
            Some(lu) => lu,
            None => break Outcome::Converged,
        };
        jac.values(&y, &kinds, &v, &i, &mut values);
        let mut rhs = vec![0.0; unknowns];
        for (bus, k) in jac.block.iter().enumerate() {
            if let Some(k) = *k {
                let d = s[bus] - spec[bus];
                rhs[2 * k] = -d.re;
                if kinds[bus] == BusKind::Pq {
                    rhs[2 * k + 1] = -d.im;
                }
            }
        }
        match lu.factorize(&values, DEFAULT_PIVOT_TOLERANCE) {
            Ok(()) => {}
            Err(e) if e.code == ErrorCode::OutOfMemory => return Err(e),
            Err(_) => break Outcome::SingularJacobian,
        }
        lu.solve(&mut rhs)?;
        for (bus, k) in jac.block.iter().enumerate() {
            if let Some(k) = *k {
                va[bus] += rhs[2 * k];
                vm[bus] += rhs[2 * k + 1];
            }
        }
        iterations += 1;
    };
    let v: Vec<Complex> = vm.iter().zip(&va).map(|(&m, &a)| polar(m, a)).collect();
    let s = injections(&v, &currents(&y, &v));
    Ok(Solution {
        outcome,
        iterations,
        history,
        vm,
        va,
        s,
        kinds,
        islands,
        y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bus(kind: BusKind, p: f64, q: f64) -> Bus {
        Bus {
            kind,
            p_spec: p,
            q_spec: q,
            v_set: 1.0,
            va_set: 0.0,
            y_shunt: Complex::ZERO,
            q_min: f64::NEG_INFINITY,
            q_max: f64::INFINITY,
            vm0: 1.0,
            va0: 0.0,
        }
    }

    fn line(from: usize, to: usize, x: f64) -> Branch {
        Branch {
            from,
            to,
            y: Complex::ONE / Complex::new(x / 10.0, x),
            b: 0.0,
            t_from: Complex::ONE,
            t_to: Complex::ONE,
            in_service: true,
        }
    }

    #[test]
    fn a_feeder_converges_quadratically_and_balances_power() {
        let buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -0.5, -0.2),
            bus(BusKind::Pv, 0.3, 0.0),
        ];
        let branches = vec![line(0, 1, 0.1), line(1, 2, 0.2)];
        let sol = solve(&buses, &branches, &Options::default()).unwrap();
        assert_eq!(sol.outcome, Outcome::Converged);
        assert!(sol.history.last().unwrap() <= &1e-8);
        // Quadratic convergence: each step at least squares the error once it is small.
        let h = &sol.history;
        assert!(h.len() >= 3 && h[h.len() - 2] < h[h.len() - 3].sqrt());
        assert!((sol.s[1].re + 0.5).abs() < 1e-8 && (sol.s[1].im + 0.2).abs() < 1e-8);
        assert!((sol.vm[2] - 1.0).abs() < 1e-15);
        // The slack covers the load net of the PV generation plus positive losses.
        let losses = sol.s.iter().fold(Complex::ZERO, |a, &b| a + b);
        assert!(losses.re > 0.0 && (sol.s[0].re - (0.2 + losses.re)).abs() < 1e-8);
    }

    #[test]
    fn an_impossible_load_is_reported_not_thrown() {
        let buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -50.0, -20.0),
        ];
        let sol = solve(&buses, &[line(0, 1, 0.1)], &Options::default()).unwrap();
        assert_ne!(sol.outcome, Outcome::Converged);
        assert!(sol.history.len() >= 2 && sol.history[0] > 1.0);
    }

    #[test]
    fn an_island_without_slack_is_unsupplied() {
        let buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -0.1, 0.0),
            bus(BusKind::Pq, -0.1, 0.0),
            bus(BusKind::Pv, 0.1, 0.0),
        ];
        let sol = solve(
            &buses,
            &[line(0, 1, 0.1), line(2, 3, 0.1)],
            &Options::default(),
        )
        .unwrap();
        assert_eq!(sol.outcome, Outcome::Converged);
        assert_eq!(sol.islands.supplied, vec![true, true, false, false]);
        assert_eq!(sol.vm[2], 0.0);
        assert_eq!(sol.islands.count, 2);
    }

    #[test]
    fn a_reactive_limit_turns_pv_into_pq_at_the_limit() {
        let mut pv = bus(BusKind::Pv, 0.0, 0.0);
        pv.v_set = 1.05;
        pv.q_max = 0.1;
        let buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -0.4, -0.3),
            pv,
        ];
        let branches = vec![line(0, 1, 0.1), line(1, 2, 0.1)];
        let free = solve(&buses, &branches, &Options::default()).unwrap();
        assert!(free.s[2].im > 0.1);
        let options = Options {
            q_limits: true,
            ..Options::default()
        };
        let limited = solve(&buses, &branches, &options).unwrap();
        assert_eq!(limited.outcome, Outcome::Converged);
        assert_eq!(limited.kinds[2], BusKind::Pq);
        assert!((limited.s[2].im - 0.1).abs() < 1e-8 && limited.vm[2] < 1.05);
    }

    #[test]
    fn a_150_degree_shift_converges_from_flat_and_from_missing_start_values() {
        let mut shifted = line(1, 2, 0.1);
        shifted.t_from = Complex::new((150f64).to_radians().cos(), (150f64).to_radians().sin());
        let mut buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -0.3, -0.1),
            bus(BusKind::Pq, -0.4, -0.1),
        ];
        let branches = vec![line(0, 1, 0.1), shifted];
        let flat = solve(&buses, &branches, &Options::default()).unwrap();
        assert_eq!(flat.outcome, Outcome::Converged);
        assert!(flat.va[2].to_degrees() < -150.0 && flat.va[2].to_degrees() > -170.0);
        for b in &mut buses {
            b.vm0 = f64::NAN;
            b.va0 = f64::NAN;
        }
        let warm = Options {
            flat_start: false,
            ..Options::default()
        };
        let sol = solve(&buses, &branches, &warm).unwrap();
        assert_eq!(sol.outcome, Outcome::Converged);
        assert!((sol.va[2] - flat.va[2]).abs() < 1e-9);
    }
}
