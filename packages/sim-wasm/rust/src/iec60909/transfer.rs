// SPDX-License-Identifier: LGPL-2.1-or-later
//! Quantities that need the transfer impedances Z(1)fj between every fault bus f and the few
//! buses j where machines or converters connect: one solve per such bus, in batches. Y(1) is
//! complex symmetric (no phase shift in the bus-level model), so column j of Z holds Z_fj.

use super::factors::{mu, q};
use crate::complex::Complex;
use crate::error::{try_vec, Result, SolverError};
use crate::solver::Solver;

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
    let mut next = 0;
    for_each_column(solver, &buses, |b, column| {
        while next < order.len() && machines[order[next]].bus == buses[b] {
            accumulate_decay(&machines[order[next]], column, &source, c, t_min_s, out);
            next += 1;
        }
    })
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
        let z = column[f];
        let i_machine = (z.re * z.re + z.im * z.im).sqrt() * source[f] * per_transfer;
        let ratio = i_machine / m.i_rated;
        // μ = 1 up to I''kG/IrG = 2: a synchronous machine that far away does not decay.
        if q_factor.is_none() && ratio <= 2.0 {
            continue;
        }
        let decay = mu(ratio, t_min_s) * q_factor.unwrap_or(1.0);
        out[f] += (m.z.im.abs() * i_machine / c[f]) * (1.0 - decay) * i_machine;
    }
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
