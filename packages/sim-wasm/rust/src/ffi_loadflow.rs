// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary of the load flow, same conventions as `ffi`: host buffers with
//! explicit lengths, status 0 or an error code. Everything is per unit on the caller's base;
//! angles are radians. Non-convergence is a result (the outcome in the summary), not an error.

use crate::complex::Complex;
use crate::error::{Result, SolverError};
use crate::ffi::{dimension, slice, slice_mut, status};
use crate::loadflow::{run, Algorithm, Branch, Bus, BusKind, Options};

/// f64 per bus in: kind (0 PQ, 1 PV, 2 slack), P, Q, |V| set-point, slack angle, shunt G, B,
/// Q min, Q max, |V| and angle to start from (NaN: none).
pub const LF_BUS_STRIDE: usize = 11;
/// f64 per branch in: from, to, y (re, im), b, t_from (re, im), t_to (re, im), in service.
pub const LF_BRANCH_STRIDE: usize = 10;
/// f64 per bus out: |V|, angle, P, Q, island, kind at the end (−1: unsupplied).
pub const LF_BUS_OUT_STRIDE: usize = 6;
/// f64 per branch out: P, Q, |I| at the from end, then at the to end.
pub const LF_BRANCH_OUT_STRIDE: usize = 6;
/// Summary: outcome, iterations, island count, history length, then max_iter + 1 slots.
pub const LF_SUMMARY_HEAD: usize = 4;

fn index(x: f64, n: usize, what: &str) -> Result<usize> {
    if x >= 0.0 && x.fract() == 0.0 && (x as usize) < n {
        Ok(x as usize)
    } else {
        Err(SolverError::invalid(format!(
            "{} {} is not a bus index",
            what, x
        )))
    }
}

fn read_bus(row: &[f64], i: usize) -> Result<Bus> {
    let kind = match row[0] as i32 {
        0 => BusKind::Pq,
        1 => BusKind::Pv,
        2 => BusKind::Slack,
        _ => {
            return Err(SolverError::invalid(format!(
                "bus {} has kind {}",
                i, row[0]
            )))
        }
    };
    Ok(Bus {
        kind,
        p_spec: row[1],
        q_spec: row[2],
        v_set: row[3],
        va_set: row[4],
        y_shunt: Complex::new(row[5], row[6]),
        q_min: row[7],
        q_max: row[8],
        vm0: row[9],
        va0: row[10],
    })
}

fn read_branch(row: &[f64], n: usize) -> Result<Branch> {
    Ok(Branch {
        from: index(row[0], n, "branch from")?,
        to: index(row[1], n, "branch to")?,
        y: Complex::new(row[2], row[3]),
        b: row[4],
        t_from: Complex::new(row[5], row[6]),
        t_to: Complex::new(row[7], row[8]),
        in_service: row[9] != 0.0,
    })
}

/// Solves the load flow of n buses and m branches; `algorithm`: 0 Newton–Raphson, 1
/// fast-decoupled XB, 2 fast-decoupled BX, 3 DC.
///
/// # Safety
/// Every non-null pointer must address a buffer of the stated size from `ampflux_alloc`:
/// buses n·LF_BUS_STRIDE, branches m·LF_BRANCH_STRIDE, bus_out n·LF_BUS_OUT_STRIDE,
/// branch_out m·LF_BRANCH_OUT_STRIDE, summary LF_SUMMARY_HEAD + max_iter + 1.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // a flat C signature: one argument per buffer and option
pub unsafe extern "C" fn ampflux_lf_solve(
    n: usize,
    m: usize,
    buses: *const f64,
    branches: *const f64,
    tol: f64,
    max_iter: usize,
    flat_start: i32,
    q_limits: i32,
    algorithm: i32,
    bus_out: *mut f64,
    branch_out: *mut f64,
    summary: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        dimension(m)?;
        if max_iter > 10_000 {
            return Err(SolverError::invalid("max_iter above 10000"));
        }
        let bus_in = slice(buses, n * LF_BUS_STRIDE)?;
        let branch_in = slice(branches, m * LF_BRANCH_STRIDE)?;
        let bus_out = slice_mut(bus_out, n * LF_BUS_OUT_STRIDE)?;
        let branch_out = slice_mut(branch_out, m * LF_BRANCH_OUT_STRIDE)?;
        let summary = slice_mut(summary, LF_SUMMARY_HEAD + max_iter + 1)?;
        let buses = bus_in
            .chunks(LF_BUS_STRIDE)
            .enumerate()
            .map(|(i, row)| read_bus(row, i))
            .collect::<Result<Vec<Bus>>>()?;
        let branches = branch_in
            .chunks(LF_BRANCH_STRIDE)
            .map(|row| read_branch(row, n))
            .collect::<Result<Vec<Branch>>>()?;
        let algorithm = match algorithm {
            0 => Algorithm::Nr,
            1 => Algorithm::FdXb,
            2 => Algorithm::FdBx,
            3 => Algorithm::Dc,
            _ => return Err(SolverError::invalid(format!("algorithm {}", algorithm))),
        };
        let options = Options {
            tol,
            max_iter,
            flat_start: flat_start != 0,
            q_limits: q_limits != 0,
            algorithm,
        };
        let (sol, flows) = run(&buses, &branches, &options)?;
        for (i, out) in bus_out.chunks_mut(LF_BUS_OUT_STRIDE).enumerate() {
            let kind = match (sol.islands.supplied[i], sol.kinds[i]) {
                (false, _) => -1.0,
                (true, BusKind::Pq) => 0.0,
                (true, BusKind::Pv) => 1.0,
                (true, BusKind::Slack) => 2.0,
            };
            out.copy_from_slice(&[
                sol.vm[i],
                sol.va[i],
                sol.s[i].re,
                sol.s[i].im,
                sol.islands.island[i] as f64,
                kind,
            ]);
        }
        for (f, out) in flows
            .iter()
            .zip(branch_out.chunks_mut(LF_BRANCH_OUT_STRIDE))
        {
            out.copy_from_slice(&[
                f.s_from.re,
                f.s_from.im,
                f.i_from.abs(),
                f.s_to.re,
                f.s_to.im,
                f.i_to.abs(),
            ]);
        }
        summary[0] = sol.outcome as i32 as f64;
        summary[1] = sol.iterations as f64;
        summary[2] = sol.islands.count as f64;
        summary[3] = sol.history.len() as f64;
        summary[LF_SUMMARY_HEAD..LF_SUMMARY_HEAD + sol.history.len()].copy_from_slice(&sol.history);
        Ok(())
    })
}
