// SPDX-License-Identifier: LGPL-2.1-or-later
//! Fast-decoupled load flow, XB and BX versions: B. Stott, O. Alsaç, "Fast decoupled load
//! flow", IEEE Trans. PAS-93(3), 1974, pp. 859–869; R. A. M. van Amerongen, "A general-purpose
//! version of the fast decoupled load flow", IEEE Trans. PWRS-4(2), 1989, pp. 760–770.
//!
//! Newton's Jacobian is replaced by two constant real matrices (`susceptance`): B' for the
//! P–θ half iteration and B'' for the Q–|V| half iteration, each factorized once per solution
//! (B'' again only when a generator is switched at a reactive limit):
//!   Δθ   = −B'⁻¹ (ΔP/|V|),   θ ← θ + Δθ, then at the new angles
//!   Δ|V| = −B''⁻¹ (ΔQ/|V|),  |V| ← |V| + Δ|V|.
//! The mismatches are the exact AC ones (`mismatch`), so the solution is Newton's; only the
//! rate is linear. One iteration is both halves; the history records the max mismatch before
//! each and at the end, in the same shape as Newton's.
//!
//! B'' keeps one row and column per supplied non-slack bus: a PV bus's row holds only its
//! diagonal with a zero right-hand side (Δ|V| = 0), so switching a bus between PV and PQ
//! changes values, not the pattern.

use super::admittance::bus_admittance;
use super::islands::find_islands;
use super::mismatch::{currents, injections, max_mismatch, polar};
use super::newton::{check_inputs, enforce_q_limits, start, Solution};
use super::susceptance::{b_double_prime, b_prime, reduced};
use super::{Branch, Bus, BusKind, Options, Outcome};
use crate::complex::Complex;
use crate::error::{ErrorCode, Result};
use crate::real_lu::RealSolver;
use crate::solver::DEFAULT_PIVOT_TOLERANCE;

/// B'' values for the current bus kinds: a PV bus's row keeps only its diagonal.
fn b_double_prime_values(
    pattern: &crate::csc::Pattern,
    full: &[f64],
    bus_of: &[usize],
    kinds: &[BusKind],
) -> Vec<f64> {
    let mut values = full.to_vec();
    for j in 0..pattern.n {
        for e in pattern.colptr[j]..pattern.colptr[j + 1] {
            let r = pattern.rowind[e];
            if kinds[bus_of[r]] == BusKind::Pv {
                values[e] = if r != j {
                    0.0
                } else if full[e].abs() > 1e-6 {
                    full[e]
                } else {
                    1.0
                };
            }
        }
    }
    values
}

/// A factorization failure other than running out of memory ends the solution as singular.
fn factorized(lu: &mut RealSolver, values: &[f64]) -> Result<bool> {
    match lu.factorize(values, DEFAULT_PIVOT_TOLERANCE) {
        Ok(()) => Ok(true),
        Err(e) if e.code == ErrorCode::OutOfMemory => Err(e),
        Err(_) => Ok(false),
    }
}

/// `xb`: the XB version (r ignored in B'), else BX (r ignored in B'').
pub fn solve(buses: &[Bus], branches: &[Branch], options: &Options, xb: bool) -> Result<Solution> {
    check_inputs(buses, options)?;
    let n = buses.len();
    let y = bus_admittance(buses, branches)?;
    let islands = find_islands(buses, branches);
    let mut kinds: Vec<BusKind> = buses.iter().map(|b| b.kind).collect();
    let active: Vec<bool> = (0..n)
        .map(|i| islands.supplied[i] && kinds[i] != BusKind::Slack)
        .collect();
    let mut index = vec![None; n];
    let mut bus_of = Vec::new();
    for i in (0..n).filter(|&i| active[i]) {
        index[i] = Some(bus_of.len());
        bus_of.push(i);
    }
    let mut spec: Vec<Complex> = buses
        .iter()
        .map(|b| Complex::new(b.p_spec, b.q_spec))
        .collect();
    let (mut vm, mut va) = start(buses, branches, &islands, options.flat_start);
    let negative_imag = |z: Complex| -z.im;
    let (bp_pattern, bp_values) = reduced(&b_prime(buses, branches, xb)?, &index, negative_imag)?;
    let (bpp_pattern, bpp_full) = reduced(
        &b_double_prime(buses, branches, !xb)?,
        &index,
        negative_imag,
    )?;
    let unknowns = bus_of.len();
    let state = |vm: &[f64], va: &[f64]| {
        let v: Vec<Complex> = vm.iter().zip(va).map(|(&m, &a)| polar(m, a)).collect();
        injections(&v, &currents(&y, &v))
    };
    let mut history = Vec::new();
    let mut iterations = 0;
    // B' and B'' factorized once (none when no bus is unknown or either is singular).
    let mut solvers = None;
    if unknowns > 0 {
        let mut bp = RealSolver::analyze(bp_pattern)?;
        let mut bpp = RealSolver::analyze(bpp_pattern)?;
        let bpp_values = b_double_prime_values(&bpp.symbolic.a, &bpp_full, &bus_of, &kinds);
        if factorized(&mut bp, &bp_values)? && factorized(&mut bpp, &bpp_values)? {
            solvers = Some((bp, bpp));
        }
    }
    let outcome = match solvers.as_mut() {
        None if unknowns == 0 => {
            history.push(0.0);
            Outcome::Converged
        }
        None => {
            let s = state(&vm, &va);
            history.push(max_mismatch(&kinds, &active, &s, &spec));
            Outcome::SingularJacobian
        }
        Some((bp, bpp)) => loop {
            let s = state(&vm, &va);
            let worst = max_mismatch(&kinds, &active, &s, &spec);
            history.push(worst);
            if !worst.is_finite() {
                break Outcome::Diverged;
            }
            if worst <= options.tol {
                if !(options.q_limits && enforce_q_limits(&mut kinds, &mut spec, buses, &s)) {
                    break Outcome::Converged;
                }
                let values = b_double_prime_values(&bpp.symbolic.a, &bpp_full, &bus_of, &kinds);
                if !factorized(bpp, &values)? {
                    break Outcome::SingularJacobian;
                }
            }
            if iterations >= options.max_iter {
                break Outcome::MaxIterations;
            }
            // P–θ half iteration.
            let mut rhs: Vec<f64> = bus_of
                .iter()
                .map(|&b| -(s[b].re - spec[b].re) / vm[b])
                .collect();
            bp.solve(&mut rhs)?;
            for (k, &b) in bus_of.iter().enumerate() {
                va[b] += rhs[k];
            }
            // Q–|V| half iteration at the new angles.
            let s = state(&vm, &va);
            let mut rhs: Vec<f64> = bus_of
                .iter()
                .map(|&b| match kinds[b] {
                    BusKind::Pq => -(s[b].im - spec[b].im) / vm[b],
                    _ => 0.0,
                })
                .collect();
            if rhs.iter().any(|x| !x.is_finite()) {
                history.push(f64::INFINITY);
                break Outcome::Diverged;
            }
            bpp.solve(&mut rhs)?;
            for (k, &b) in bus_of.iter().enumerate() {
                vm[b] += rhs[k];
            }
            iterations += 1;
        },
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
    use crate::loadflow::newton;

    fn bus(kind: BusKind, p: f64, q: f64) -> Bus {
        Bus {
            kind,
            p_spec: p,
            q_spec: q,
            v_set: 1.0,
            va_set: 0.0,
            y_shunt: Complex::new(0.0, 0.02),
            q_min: f64::NEG_INFINITY,
            q_max: f64::INFINITY,
            vm0: 1.0,
            va0: 0.0,
        }
    }

    fn line(from: usize, to: usize, r: f64, x: f64) -> Branch {
        Branch {
            from,
            to,
            y: Complex::ONE / Complex::new(r, x),
            b: 0.03,
            t_from: Complex::ONE,
            t_to: Complex::ONE,
            in_service: true,
        }
    }

    fn network() -> (Vec<Bus>, Vec<Branch>) {
        let mut pv = bus(BusKind::Pv, 0.4, 0.0);
        pv.v_set = 1.03;
        let buses = vec![
            bus(BusKind::Slack, 0.0, 0.0),
            bus(BusKind::Pq, -0.6, -0.25),
            pv,
            bus(BusKind::Pq, -0.3, -0.1),
        ];
        let mut shifter = line(2, 3, 0.01, 0.12);
        shifter.t_from = polar(1.02, (-3f64).to_radians());
        let branches = vec![
            line(0, 1, 0.02, 0.1),
            line(1, 2, 0.03, 0.15),
            shifter,
            line(3, 0, 0.04, 0.2),
        ];
        (buses, branches)
    }

    #[test]
    fn both_versions_reach_newtons_solution_with_a_phase_shifter() {
        let (buses, branches) = network();
        let options = Options {
            tol: 1e-10,
            max_iter: 40,
            ..Options::default()
        };
        let nr = newton::solve(&buses, &branches, &options).unwrap();
        for xb in [true, false] {
            let fd = solve(&buses, &branches, &options, xb).unwrap();
            assert_eq!(fd.outcome, Outcome::Converged, "xb {}", xb);
            assert!(fd.iterations > nr.iterations, "linear, not quadratic");
            for i in 0..buses.len() {
                assert!((fd.vm[i] - nr.vm[i]).abs() < 1e-9);
                assert!((fd.va[i] - nr.va[i]).abs() < 1e-9);
            }
            assert_eq!(fd.history.len(), fd.iterations + 1);
        }
    }

    #[test]
    fn reactive_limits_hold_as_in_newtons_method() {
        let (mut buses, branches) = network();
        buses[2].q_max = 0.05;
        let options = Options {
            q_limits: true,
            max_iter: 60,
            ..Options::default()
        };
        let nr = newton::solve(&buses, &branches, &options).unwrap();
        let fd = solve(&buses, &branches, &options, true).unwrap();
        assert_eq!(fd.outcome, Outcome::Converged);
        assert_eq!(fd.kinds[2], BusKind::Pq);
        assert!((fd.s[2].im - 0.05).abs() < 1e-8);
        assert!((fd.vm[2] - nr.vm[2]).abs() < 1e-7 && fd.vm[2] < 1.03);
    }
}
