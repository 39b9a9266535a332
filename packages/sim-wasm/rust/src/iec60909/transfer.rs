// SPDX-License-Identifier: LGPL-2.1-or-later
//! Quantities that need the transfer impedances Z(1)fj between every fault bus f and the few
//! buses j where machines or converters connect: one solve per such bus, in batches. Y(1) is
//! complex symmetric (no phase shift in the bus-level model), so column j of Z holds Z_fj.

use super::bounded_columns::{BoundedColumns, SubtreeBounds};
use super::factors::{mu, q};
use crate::complex::Complex;
use crate::error::{try_vec, Result, SolverError};
use crate::lu::Ldu;
use crate::solver::{Factors, Solver};

/// Columns solved together: enough to amortise the solve's setup, small enough for memory.
const BATCH: usize = 32;

/// A rotating machine as seen by eq. (75) of IEC 60909-0:2016.
#[derive(Clone, Copy, Debug)]
pub struct Machine {
    pub bus: usize,
    /// Corrected subtransient impedance in the positive-sequence network (per unit).
    pub z: Complex,
    /// Rated current (per unit of the bus's base current).
    pub i_rated: f64,
    /// Asynchronous motors: rated power per pair of poles (MW) for q; None for synchronous machines.
    pub mw_per_pole_pair: Option<f64>,
}

/// A converter source: a current source of `current` (per unit) at `bus` (§6.10).
#[derive(Clone, Copy, Debug)]
pub struct CurrentSource {
    pub bus: usize,
    pub current: f64,
}

/// Calls `visit(k, column)` with column `buses[k]` of Z = Y⁻¹ for every k.
fn for_each_column(
    solver: &Solver,
    buses: &[usize],
    mut visit: impl FnMut(usize, &[Complex]),
) -> Result<()> {
    let n = solver.symbolic.n();
    if let Some(&bad) = buses.iter().find(|&&b| b >= n) {
        return Err(SolverError::invalid(format!(
            "bus index {} is out of range 0..{}",
            bad, n
        )));
    }
    let mut rhs = try_vec(n * BATCH.min(buses.len()), Complex::ZERO)?;
    for (first, chunk) in buses.chunks(BATCH).enumerate() {
        let block = &mut rhs[..n * chunk.len()];
        block.iter_mut().for_each(|z| *z = Complex::ZERO);
        for (k, &bus) in chunk.iter().enumerate() {
            block[k * n + bus] = Complex::ONE;
        }
        solver.solve(block)?;
        for (k, column) in block.chunks(n).enumerate() {
            visit(first * BATCH + k, column);
        }
    }
    Ok(())
}

/// Σ_i (ΔU''_i / (c Un/√3)) · (1 − μ_i q_i) · I''_ki for every fault bus f, eq. (75): how much
/// the machines' decay lowers the symmetrical breaking current below I''k. Machine i feeds a
/// fault at f with I''_ki = |Z_fi| · (c_f / |Z_ff|) / |Z_i|, and ΔU''_i = X_i · I''_ki.
pub fn breaking_decay(
    solver: &Solver,
    machines: &[Machine],
    zff: &[Complex],
    c: &[f64],
    t_min_s: f64,
    out: &mut [f64],
) -> Result<()> {
    out.iter_mut().for_each(|v| *v = 0.0);
    // Per fault bus: the source current c_f / |Z_ff| (0 where no fault current flows).
    let mut source = try_vec(out.len(), 0.0)?;
    for (s, (z, c)) in source.iter_mut().zip(zff.iter().zip(c)) {
        let z_ff = z.abs();
        if z_ff > 0.0 && z_ff.is_finite() {
            *s = c / z_ff;
        }
    }
    // Machines at the same bus share one column of Z.
    let mut order: Vec<usize> = (0..machines.len()).collect();
    order.sort_by_key(|&k| machines[k].bus);
    let mut buses: Vec<usize> = order.iter().map(|&k| machines[k].bus).collect();
    buses.dedup();
    if let Some(Factors::Static(ldu)) = &solver.factors {
        if buses.iter().all(|&b| b < solver.symbolic.n()) && source.len() == solver.symbolic.n() {
            return bounded_decay(
                solver, ldu, machines, &order, &buses, &source, c, t_min_s, out,
            );
        }
    }
    let mut next = 0;
    for_each_column(solver, &buses, |b, column| {
        while next < order.len() && machines[order[next]].bus == buses[b] {
            accumulate_decay(&machines[order[next]], column, &source, c, t_min_s, out);
            next += 1;
        }
    })
}

/// The largest K = 2 · |Z_i| · IrG over the machines at one bus below which their column can
/// be left out (`bounded_columns`): None when one of them decays even at I''kG/IrG ≤ 2 (an
/// asynchronous motor with q < 1) or the values give no finite threshold.
fn skip_threshold(machines: &[Machine], at_bus: &[usize], t_min_s: f64) -> Option<f64> {
    let mut k = f64::INFINITY;
    for &i in at_bus {
        let m = &machines[i];
        if let Some(p) = m.mw_per_pole_pair {
            if q(p, t_min_s) != 1.0 {
                return None;
            }
        }
        k = k.min(2.0 * m.i_rated * m.z.abs());
    }
    (k.is_finite() && k > 0.0).then(|| k)
}

/// breaking_decay on static LDU factors: each machine bus's column only where it can matter.
#[allow(clippy::too_many_arguments)]
fn bounded_decay(
    solver: &Solver,
    ldu: &Ldu,
    machines: &[Machine],
    order: &[usize],
    buses: &[usize],
    source: &[f64],
    c: &[f64],
    t_min_s: f64,
    out: &mut [f64],
) -> Result<()> {
    let per_source: Vec<f64> = source
        .iter()
        .map(|&s| if s > 0.0 { 1.0 / s } else { f64::INFINITY })
        .collect();
    let bounds = SubtreeBounds::new(&solver.symbolic, ldu, &per_source)?;
    let mut columns = BoundedColumns::new(&solver.symbolic, ldu, &bounds)?;
    let mut full = try_vec(0, Complex::ZERO)?;
    let mut next = 0;
    for &bus in buses {
        let first = next;
        while next < order.len() && machines[order[next]].bus == bus {
            next += 1;
        }
        let at_bus = &order[first..next];
        match skip_threshold(machines, at_bus, t_min_s) {
            Some(k) => {
                columns.solve(bus, k);
                for &i in at_bus {
                    let m = &machines[i];
                    let per_transfer = 1.0 / m.z.abs();
                    let q_factor = m.mw_per_pole_pair.map(|p| q(p, t_min_s));
                    for &j in &columns.computed {
                        let f = columns.bus_of(j);
                        let term = decay_term(
                            m,
                            columns.value(j),
                            source[f],
                            c[f],
                            per_transfer,
                            q_factor,
                            t_min_s,
                        );
                        if let Some(term) = term {
                            out[f] += term;
                        }
                    }
                }
            }
            None => {
                if full.is_empty() {
                    full = try_vec(out.len(), Complex::ZERO)?;
                }
                full.iter_mut().for_each(|z| *z = Complex::ZERO);
                full[bus] = Complex::ONE;
                solver.solve(&mut full)?;
                for &i in at_bus {
                    accumulate_decay(&machines[i], &full, source, c, t_min_s, out);
                }
            }
        }
    }
    Ok(())
}

/// Adds one machine's eq. (75) term at every fault bus, given column `bus` of Z.
fn accumulate_decay(
    m: &Machine,
    column: &[Complex],
    source: &[f64],
    c: &[f64],
    t_min_s: f64,
    out: &mut [f64],
) {
    let per_transfer = 1.0 / m.z.abs();
    let q_factor = m.mw_per_pole_pair.map(|p| q(p, t_min_s));
    for f in 0..out.len() {
        if let Some(term) = decay_term(
            m,
            column[f],
            source[f],
            c[f],
            per_transfer,
            q_factor,
            t_min_s,
        ) {
            out[f] += term;
        }
    }
}

/// Machine m's eq. (75) term at a fault bus with transfer impedance `z` to it; None where
/// μ = 1 leaves a synchronous machine without decay.
fn decay_term(
    m: &Machine,
    z: Complex,
    source: f64,
    c: f64,
    per_transfer: f64,
    q_factor: Option<f64>,
    t_min_s: f64,
) -> Option<f64> {
    let i_machine = (z.re * z.re + z.im * z.im).sqrt() * source * per_transfer;
    let ratio = i_machine / m.i_rated;
    // μ = 1 up to I''kG/IrG = 2: a synchronous machine that far away does not decay.
    if q_factor.is_none() && ratio <= 2.0 {
        return None;
    }
    let decay = mu(ratio, t_min_s) * q_factor.unwrap_or(1.0);
    Some((m.z.im.abs() * i_machine / c) * (1.0 - decay) * i_machine)
}

/// Σ_j |Z_fj| · I_j for every fault bus f: the voltage converter sources add at the fault,
/// summed in magnitude (conservative, IEC 60909-0:2016 eq. 41).
pub fn source_voltage(solver: &Solver, sources: &[CurrentSource], out: &mut [f64]) -> Result<()> {
    out.iter_mut().for_each(|v| *v = 0.0);
    let buses: Vec<usize> = sources.iter().map(|s| s.bus).collect();
    for_each_column(solver, &buses, |k, column| {
        for (o, z) in out.iter_mut().zip(column) {
            *o += z.abs() * sources[k].current;
        }
    })
}
