// SPDX-License-Identifier: LGPL-2.1-or-later
//! DC load flow: the linear approximation of the active-power equations with |V| = 1 at every
//! bus, r ≪ x (r ignored), sin(θ_f − θ_t − φ) ≈ θ_f − θ_t − φ and no reactive power
//! (A. J. Wood, B. F. Wollenberg, "Power Generation, Operation and Control", 2nd ed., 1996,
//! §4.1.4). Per branch P_ft = w·(θ_f − θ_t − φ) with w = 1/(x·|t_f|·|t_t|) and φ its phase
//! shift (`susceptance::dc_weights`), so at each bus
//!   B_dc θ = P_spec − G_shunt − P_shift,  P_shift,i = −Σ_{from = i} w φ + Σ_{to = i} w φ,
//! with the slack angles known (moved to the right-hand side). Bus shunt conductance draws
//! G·|V|² = G; charging and shunt susceptance carry no active power. One linear solve: the
//! report has one iteration and, as "mismatch", the largest equation residual before (at the
//! start angles) and after it. Q, losses and reactive limits are not modelled: Q is 0, every
//! |V| is 1, a branch's current is |P| (at 1 pu).

use super::admittance::bus_admittance;
use super::flows::BranchFlow;
use super::islands::{find_islands, no_load_angles};
use super::newton::{check_inputs, Solution};
use super::susceptance::{dc_matrix, dc_weights, reduced};
use super::{Branch, Bus, BusKind, Options, Outcome};
use crate::complex::Complex;
use crate::error::{ErrorCode, Result};
use crate::real_lu::RealSolver;
use crate::solver::DEFAULT_PIVOT_TOLERANCE;

/// Branch flows P_ft = w·(θ_f − θ_t − φ) and each bus's net injection Σ P out + G.
fn flows_and_injections(
    buses: &[Bus],
    branches: &[Branch],
    weights: &[(f64, f64)],
    va: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let mut p_bus: Vec<f64> = buses.iter().map(|b| b.y_shunt.re).collect();
    let flows: Vec<f64> = branches
        .iter()
        .zip(weights)
        .map(|(br, &(w, phi))| {
            if !br.in_service {
                return 0.0;
            }
            let p = w * (va[br.from] - va[br.to] - phi);
            p_bus[br.from] += p;
            p_bus[br.to] -= p;
            p
        })
        .collect();
    (flows, p_bus)
}

fn worst_residual(active: &[bool], p_bus: &[f64], buses: &[Bus]) -> f64 {
    (0..buses.len())
        .filter(|&i| active[i])
        .map(|i| (p_bus[i] - buses[i].p_spec).abs())
        .fold(0.0, f64::max)
}

pub fn solve(
    buses: &[Bus],
    branches: &[Branch],
    options: &Options,
) -> Result<(Solution, Vec<BranchFlow>)> {
    check_inputs(buses, options)?;
    let n = buses.len();
    let y = bus_admittance(buses, branches)?;
    let islands = find_islands(buses, branches);
    let kinds: Vec<BusKind> = buses.iter().map(|b| b.kind).collect();
    let active: Vec<bool> = (0..n)
        .map(|i| islands.supplied[i] && kinds[i] != BusKind::Slack)
        .collect();
    let mut index = vec![None; n];
    let mut bus_of = Vec::new();
    for i in (0..n).filter(|&i| active[i]) {
        index[i] = Some(bus_of.len());
        bus_of.push(i);
    }
    let weights = dc_weights(branches);
    let b_dc = dc_matrix(n, branches, &weights)?;
    // Start angles (slack angles, and the no-load angles elsewhere) only for the first residual.
    let mut va = no_load_angles(buses, branches, &islands);
    for (i, b) in buses.iter().enumerate() {
        if !islands.supplied[i] {
            va[i] = 0.0;
        } else if b.kind == BusKind::Slack {
            va[i] = b.va_set;
        }
    }
    let (_, p_start) = flows_and_injections(buses, branches, &weights, &va);
    let mut history = vec![worst_residual(&active, &p_start, buses)];
    let mut iterations = 0;
    let outcome = if bus_of.is_empty() {
        Outcome::Converged
    } else if options.max_iter == 0 {
        Outcome::MaxIterations
    } else {
        // Right-hand side: P_spec − G − P_shift − Σ_slack B_ij θ_j, from the residual at the
        // start angles with the unknown angles set to 0: B θ = B θ₀ − r₀ with θ₀ = 0 on them.
        for &b in &bus_of {
            va[b] = 0.0;
        }
        let (_, p_zero) = flows_and_injections(buses, branches, &weights, &va);
        let mut rhs: Vec<f64> = bus_of
            .iter()
            .map(|&b| buses[b].p_spec - p_zero[b])
            .collect();
        let (pattern, values) = reduced(&b_dc, &index, |z| z.re)?;
        let mut lu = RealSolver::analyze(pattern)?;
        match lu.factorize(&values, DEFAULT_PIVOT_TOLERANCE) {
            Ok(()) => {
                lu.solve(&mut rhs)?;
                for (k, &b) in bus_of.iter().enumerate() {
                    va[b] = rhs[k];
                }
                iterations = 1;
                let (_, p_bus) = flows_and_injections(buses, branches, &weights, &va);
                let residual = worst_residual(&active, &p_bus, buses);
                history.push(residual);
                if residual <= options.tol {
                    Outcome::Converged
                } else if residual.is_finite() {
                    Outcome::MaxIterations
                } else {
                    Outcome::Diverged
                }
            }
            Err(e) if e.code == ErrorCode::OutOfMemory => return Err(e),
            Err(_) => Outcome::SingularJacobian,
        }
    };
    let (p_flow, p_bus) = flows_and_injections(buses, branches, &weights, &va);
    let vm: Vec<f64> = (0..n)
        .map(|i| if islands.supplied[i] { 1.0 } else { 0.0 })
        .collect();
    let s: Vec<Complex> = (0..n)
        .map(|i| {
            if islands.supplied[i] {
                Complex::new(p_bus[i], 0.0)
            } else {
                Complex::ZERO
            }
        })
        .collect();
    let flows = p_flow
        .iter()
        .map(|&p| BranchFlow {
            s_from: Complex::new(p, 0.0),
            s_to: Complex::new(-p, 0.0),
            i_from: Complex::new(p.abs(), 0.0),
            i_to: Complex::new(p.abs(), 0.0),
        })
        .collect();
    let solution = Solution {
        outcome,
        iterations,
        history,
        vm,
        va,
        s,
        kinds,
        islands,
        y,
    };
    Ok((solution, flows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bus(kind: BusKind, p: f64) -> Bus {
        Bus {
            kind,
            p_spec: p,
            q_spec: 0.0,
            v_set: 1.0,
            va_set: 0.0,
            y_shunt: Complex::ZERO,
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
            b: 0.05,
            t_from: Complex::ONE,
            t_to: Complex::ONE,
            in_service: true,
        }
    }

    /// Hand calculation, 3 buses in a triangle, x01 = 0.1, x02 = 0.2, x12 = 0.25 (r ignored),
    /// slack 0, P1 = −1.0, P2 = +0.5 pu. B = [[10 + 4, −4], [−4, 5 + 4]] on (1, 2):
    /// det = 14·9 − 16 = 110; θ1 = (9·(−1.0) + 4·0.5)/110 = −7/110,
    /// θ2 = (14·0.5 + 4·(−1.0))/110 = 3/110; P01 = −θ1/0.1 = 0.63636, P02 = −θ2/0.2 = −0.13636,
    /// P12 = (θ1 − θ2)/0.25 = −0.36364; the slack feeds 0.5 pu.
    #[test]
    fn three_buses_by_hand() {
        let buses = vec![
            bus(BusKind::Slack, 0.0),
            bus(BusKind::Pq, -1.0),
            bus(BusKind::Pv, 0.5),
        ];
        let branches = vec![
            line(0, 1, 0.01, 0.1),
            line(0, 2, 0.03, 0.2),
            line(1, 2, 0.02, 0.25),
        ];
        let (sol, flows) = solve(&buses, &branches, &Options::default()).unwrap();
        assert_eq!(sol.outcome, Outcome::Converged);
        assert!((sol.va[1] + 7.0 / 110.0).abs() < 1e-14);
        assert!((sol.va[2] - 3.0 / 110.0).abs() < 1e-14);
        let want = [70.0 / 110.0, -15.0 / 110.0, -40.0 / 110.0];
        for (f, w) in flows.iter().zip(want) {
            assert!((f.s_from.re - w).abs() < 1e-13 && f.s_from.im == 0.0);
            assert!((f.s_to.re + w).abs() < 1e-13);
        }
        assert!((sol.s[0].re - 0.5).abs() < 1e-13);
        assert_eq!(sol.vm, vec![1.0; 3]);
    }

    /// A phase shifter alone between two buses with no load: the angle difference equals the
    /// shift (P_ft = w·(θ_f − θ_t − φ) = 0 ⇒ θ_t = θ_f − φ) and no power flows.
    #[test]
    fn a_phase_shifter_at_no_load_shifts_the_angle() {
        let buses = vec![bus(BusKind::Slack, 0.0), bus(BusKind::Pq, 0.0)];
        let mut shifter = line(0, 1, 0.0, 0.1);
        shifter.t_from = Complex::new((0.1f64).cos(), (0.1f64).sin());
        let (sol, flows) = solve(&buses, &[shifter], &Options::default()).unwrap();
        assert!((sol.va[1] + 0.1).abs() < 1e-14);
        assert!(flows[0].s_from.re.abs() < 1e-14);
    }
}
