// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary of the IEC 60909 core, same conventions as `ffi`: host buffers,
//! explicit lengths, status 0 or an error code. Impedances and currents are per unit.

use crate::complex::Complex;
use crate::error::{Result, SolverError};
use crate::ffi::{
    complex_slice, dimension, indices, slice, slice_mut, status, with_solver, with_solver_pair,
};
use crate::iec60909::bus_results::{bus_result, BusInput, KappaMethod, StudyParams};
use crate::iec60909::factors::{k_g, k_s, k_so, k_t, m_factor, mu, q, voltage_factor};
use crate::iec60909::fault::FaultType;
use crate::iec60909::outage_screening::{
    screen_outages, Cut, Outage, PositiveInput, Term, Worst, ZeroInput,
};
use crate::iec60909::transfer::{breaking_decay, source_voltage, CurrentSource, Machine};

/// Values written per bus by `ampflux_sc_bus_results`.
pub const BUS_RESULT_STRIDE: usize = 13;

/// x > 0, false for NaN: the check every physical quantity crossing the FFI must pass.
fn is_positive(x: f64) -> bool {
    x > 0.0
}

fn study_params(
    fault: i32,
    kappa_method: i32,
    f_hz: f64,
    tk_s: f64,
    rx_flag: i32,
) -> Result<StudyParams> {
    let fault = FaultType::from_code(fault)
        .ok_or_else(|| SolverError::invalid(format!("unknown fault type {}", fault)))?;
    let kappa_method = match kappa_method {
        0 => KappaMethod::B,
        1 => KappaMethod::C,
        other => {
            return Err(SolverError::invalid(format!(
                "unknown kappa method {}",
                other
            )))
        }
    };
    if !is_positive(f_hz) || !is_positive(tk_s) {
        return Err(SolverError::invalid("frequency and tk must be positive"));
    }
    Ok(StudyParams {
        fault,
        kappa_method,
        f_hz,
        tk_s,
        all_branches_r_over_x_below_0_3: rx_flag != 0,
    })
}

/// Per-bus results for n buses. Inputs: Z(1), Z(2), Z(0) (a non-finite entry: no earth path) and
/// Z(1) of the peak-current network (see `BusInput::z_peak`), 2n f64 each, and n f64
/// each of c, converter source voltage, low-voltage flag (≠ 0) and machine decay, and the fault
/// impedance Z_f per bus (2n f64; zeros for IEC 60909's bolted faults). Output per bus
/// (BUS_RESULT_STRIDE f64): I''k, earth current, κ, ip, Ib, Ith, I1, I2, I0 (re, im), and the
/// R/X the κ method used (for the d.c. component of the duty study).
///
/// # Safety
/// Every non-null pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_sc_bus_results(
    n: usize,
    fault: i32,
    kappa_method: i32,
    f_hz: f64,
    tk_s: f64,
    rx_flag: i32,
    z1: *const f64,
    z2: *const f64,
    z0: *const f64,
    z_peak: *const f64,
    c: *const f64,
    source_volts: *const f64,
    low_voltage: *const f64,
    decay: *const f64,
    zf: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        let p = study_params(fault, kappa_method, f_hz, tk_s, rx_flag)?;
        let zf = complex_slice(zf, n)?;
        if zf.iter().any(|z| !(z.re >= 0.0 && z.im.is_finite())) {
            return Err(SolverError::invalid(
                "fault impedance: resistance must be ≥ 0 and reactance finite",
            ));
        }
        let (z1, z2, z0) = (
            complex_slice(z1, n)?,
            complex_slice(z2, n)?,
            complex_slice(z0, n)?,
        );
        let z_peak = complex_slice(z_peak, n)?;
        let (c, src, lv, decay) = (
            slice(c, n)?,
            slice(source_volts, n)?,
            slice(low_voltage, n)?,
            slice(decay, n)?,
        );
        let out = slice_mut(out, n * BUS_RESULT_STRIDE)?;
        for (f, o) in out.chunks_mut(BUS_RESULT_STRIDE).enumerate() {
            let input = BusInput {
                z1: z1[f],
                z2: z2[f],
                z0: if z0[f].is_finite() { Some(z0[f]) } else { None },
                z_peak: z_peak[f],
                c: c[f],
                source_voltage: src[f],
                low_voltage: lv[f] != 0.0,
                decay: decay[f],
                zf: zf[f],
            };
            let r = bus_result(&p, &input);
            let s = r.sequence;
            o.copy_from_slice(&[
                r.ikss, r.ike, r.kappa, r.ip, r.ib, r.ith, s.i1.re, s.i1.im, s.i2.re, s.i2.im,
                s.i0.re, s.i0.im, r.r_over_x,
            ]);
        }
        Ok(())
    })
}

/// Machine decay of eq. (75) for every bus into `out` (n f64), using the factorized Y(1) of
/// `handle`. Machines: bus (i32), corrected impedance (2 f64), rated current, MW per pole pair
/// (≤ 0 for synchronous machines); `zff` = diag Z(1) (2n f64), `c` (n f64).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_sc_breaking_decay(
    handle: u32,
    n: usize,
    zff: *const f64,
    c: *const f64,
    t_min_s: f64,
    count: usize,
    bus: *const i32,
    z: *const f64,
    i_rated: *const f64,
    mw_per_pole_pair: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        let (buses, z, ir, mw) = (
            indices(slice(bus, count)?)?,
            complex_slice(z, count)?,
            slice(i_rated, count)?,
            slice(mw_per_pole_pair, count)?,
        );
        let machines: Vec<Machine> = (0..count)
            .map(|k| Machine {
                bus: buses[k],
                z: z[k],
                i_rated: ir[k],
                mw_per_pole_pair: if mw[k] > 0.0 { Some(mw[k]) } else { None },
            })
            .collect();
        if machines
            .iter()
            .any(|m| !is_positive(m.i_rated) || !is_positive(m.z.abs()))
        {
            return Err(SolverError::invalid(
                "machines need a positive rated current and impedance",
            ));
        }
        let (zff, c, out) = (complex_slice(zff, n)?, slice(c, n)?, slice_mut(out, n)?);
        with_solver(handle, |s| {
            breaking_decay(s, &machines, zff, c, t_min_s, out)
        })
    })
}

/// Σ_j |Z_fj| I_j of converter current sources (bus: i32, current: f64) into `out` (n f64).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_sc_source_voltage(
    handle: u32,
    n: usize,
    count: usize,
    bus: *const i32,
    current: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        let buses = indices(slice(bus, count)?)?;
        let current = slice(current, count)?;
        let sources: Vec<CurrentSource> = (0..count)
            .map(|k| CurrentSource {
                bus: buses[k],
                current: current[k],
            })
            .collect();
        let out = slice_mut(out, n)?;
        with_solver(handle, |s| source_voltage(s, &sources, out))
    })
}

/// c_max (`which` = 0) or c_min (1) of Table 1 for a nominal voltage.
#[no_mangle]
pub extern "C" fn ampflux_iec_voltage_factor(
    vn_kv: f64,
    lv_tolerance_10_percent: i32,
    which: i32,
) -> f64 {
    let c = voltage_factor(vn_kv, lv_tolerance_10_percent != 0);
    if which == 0 {
        c.c_max
    } else {
        c.c_min
    }
}

/// K_T, eq. (12a).
#[no_mangle]
pub extern "C" fn ampflux_iec_k_t(c_max: f64, x_t_pu: f64) -> f64 {
    k_t(c_max, x_t_pu)
}

/// K_G, eq. (18).
#[no_mangle]
pub extern "C" fn ampflux_iec_k_g(
    un_kv: f64,
    urg_kv: f64,
    c_max: f64,
    xdss_pu: f64,
    sin_phi: f64,
) -> f64 {
    k_g(un_kv, urg_kv, c_max, xdss_pu, sin_phi)
}

/// K_S, eq. (22).
#[no_mangle]
pub extern "C" fn ampflux_iec_k_s(
    unq_kv: f64,
    urg_kv: f64,
    ur_lv_kv: f64,
    ur_hv_kv: f64,
    c_max: f64,
    xdss_pu: f64,
    x_t_pu: f64,
    sin_phi: f64,
) -> f64 {
    k_s(
        unq_kv, urg_kv, ur_lv_kv, ur_hv_kv, c_max, xdss_pu, x_t_pu, sin_phi,
    )
}

/// K_SO, eq. (24).
#[no_mangle]
pub extern "C" fn ampflux_iec_k_so(
    unq_kv: f64,
    urg_kv: f64,
    p_g: f64,
    ur_lv_kv: f64,
    ur_hv_kv: f64,
    tap_factor: f64,
    c_max: f64,
    xdss_pu: f64,
    sin_phi: f64,
) -> f64 {
    k_so(
        unq_kv, urg_kv, p_g, ur_lv_kv, ur_hv_kv, tap_factor, c_max, xdss_pu, sin_phi,
    )
}

/// μ of synchronous machines for the breaking current, eq. (70): the same function the eq. (75)
/// kernel applies, so an explanation of Ib shows the factor the result used.
#[no_mangle]
pub extern "C" fn ampflux_iec_mu(ikss_over_ir: f64, t_min_s: f64) -> f64 {
    mu(ikss_over_ir, t_min_s)
}

/// q of asynchronous motors for the breaking current, eq. (73).
#[no_mangle]
pub extern "C" fn ampflux_iec_q(mw_per_pole_pair: f64, t_min_s: f64) -> f64 {
    q(mw_per_pole_pair, t_min_s)
}

/// m of the thermal equivalent current, eq. (A.1); I_th uses n = 1 (eq. 100, far from generator).
#[no_mangle]
pub extern "C" fn ampflux_iec_m_factor(kappa: f64, f_hz: f64, tk_s: f64) -> f64 {
    m_factor(kappa, f_hz, tk_s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_codes() {
        assert!(study_params(7, 0, 50.0, 1.0, 0).is_err());
        assert!(study_params(0, 2, 50.0, 1.0, 0).is_err());
        assert!(study_params(0, 0, 0.0, 1.0, 0).is_err());
        assert!(study_params(3, 1, 60.0, 0.5, 1).is_ok());
    }
}

/// Flags per outage of `ampflux_sc_outage_screening`.
pub const OUTAGE_CUT: i32 = 2;
pub const OUTAGE_CUT_INSIDE: i32 = 4;
pub const OUTAGE_ZERO_CUT: i32 = 8;
pub const OUTAGE_ZERO_CUT_INSIDE: i32 = 16;
/// Terms per outage and sequence at most (a three-winding transformer: the unit shunt at its
/// star point and its three windings; a two-winding one's zero sequence: a series element and
/// two earthing shunts).
pub const OUTAGE_TERMS: usize = 4;

fn cut_of(flags: i32, cut: i32, inside: i32, c: &[usize]) -> Option<Cut> {
    if flags & cut == 0 {
        return None;
    }
    Some(Cut {
        island: (c[0], c[1]),
        sub: (c[2], c[3]),
        inside: flags & inside != 0,
    })
}

fn term_of(i: i32, j: i32, ratio: f64, y: Complex, update: bool, outage: usize) -> Result<Term> {
    if i < 0 || j < -1 {
        return Err(SolverError::invalid(format!(
            "outage {}: negative node index",
            outage
        )));
    }
    Ok(Term {
        i: i as usize,
        j: if j < 0 { None } else { Some(j as usize) },
        ratio,
        y,
        update,
    })
}

/// One sequence's terms of `count` outages in OUTAGE_TERMS slots each (per outage the count,
/// per slot ends 2 i32, ratio f64, admittance 2 f64, update i32).
struct TermSlots<'a> {
    count: &'a [i32],
    ends: &'a [i32],
    ratio: &'a [f64],
    y: &'a [Complex],
    update: &'a [i32],
}

impl<'a> TermSlots<'a> {
    unsafe fn new(
        m: usize,
        count: *const i32,
        ends: *const i32,
        ratio: *const f64,
        y: *const f64,
        update: *const i32,
    ) -> Result<TermSlots<'a>> {
        Ok(TermSlots {
            count: slice(count, m)?,
            ends: slice(ends, 2 * OUTAGE_TERMS * m)?,
            ratio: slice(ratio, OUTAGE_TERMS * m)?,
            y: complex_slice(y, OUTAGE_TERMS * m)?,
            update: slice(update, OUTAGE_TERMS * m)?,
        })
    }

    fn terms(&self, k: usize, what: &str) -> Result<Vec<Term>> {
        let terms = self.count[k];
        if terms < 0 || terms as usize > OUTAGE_TERMS {
            return Err(SolverError::invalid(format!(
                "outage {}: {} {} terms",
                k, terms, what
            )));
        }
        (0..terms as usize)
            .map(|t| {
                let slot = OUTAGE_TERMS * k + t;
                term_of(
                    self.ends[2 * slot],
                    self.ends[2 * slot + 1],
                    self.ratio[slot],
                    self.y[slot],
                    self.update[slot] != 0,
                    k,
                )
            })
            .collect()
    }
}

/// Per outage its listed nodes: `start` (count + 1 offsets into `nodes`).
unsafe fn node_lists(
    count: usize,
    start: *const i32,
    nodes: *const i32,
) -> Result<Vec<Vec<usize>>> {
    let start = indices(slice(start, count + 1)?)?;
    let total = start[count];
    let nodes = indices(slice(nodes, total)?)?;
    (0..count)
        .map(|k| {
            let (a, b) = (start[k], start[k + 1]);
            if a > b || b > total {
                return Err(SolverError::invalid(format!(
                    "outage {}: invalid node list",
                    k
                )));
            }
            Ok(nodes[a..b].to_vec())
        })
        .collect()
}

/// N-1 screening (`outage_screening`) of `fault` on the factorized positive-sequence Ybus
/// `handle` (n nodes: diag Z `zff` 2n f64, c n f64, preorder numbers `pre` n i32) and, for earth
/// faults, the zero-sequence one `zero_handle` (0: no earth path anywhere; n0 nodes: `z0ff` 2·n0
/// f64, `pre0` n0 i32, the zero node of each positive node `zero_of` n i32, −1: none). Per outage
/// (`count`): flags (i32: OUTAGE_*), the cuts' island and subtree preorder ranges (4 i32
/// positive, 4 i32 zero), the node it removes (`removed` i32, −1: none), up to OUTAGE_TERMS
/// positive-sequence terms (`term_count` i32; per slot ends 2 i32, j = −1 for a shunt, ratio
/// f64, admittance 2 f64, update i32) and the nodes it leaves unfed besides its cut
/// (`unfed_start` count + 1 i32 offsets into `unfed_nodes`), and for earth faults the same for
/// the zero sequence (`zero_count` …, nodes without an earth path `zero_unfed_*`). `highest` ≠
/// 0: the worst is the highest current. Writes the intact network's current (`out_base`), the
/// worst current and its outage (−1: intact network) per node, per outage the largest relative
/// change, its node (−1: none) and the count of nodes left unfed, and unless `out_last` is null
/// the current per node with the last outage (n f64, NaN: unfed by it).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc` (the zero-sequence
/// ones may be null with zero_handle 0).
#[no_mangle]
pub unsafe extern "C" fn ampflux_sc_outage_screening(
    handle: u32,
    n: usize,
    zff: *const f64,
    c: *const f64,
    pre: *const i32,
    fault: i32,
    zero_handle: u32,
    n0: usize,
    z0ff: *const f64,
    pre0: *const i32,
    zero_of: *const i32,
    count: usize,
    flags: *const i32,
    cuts: *const i32,
    zero_cuts: *const i32,
    removed: *const i32,
    term_count: *const i32,
    term_ends: *const i32,
    term_ratio: *const f64,
    term_y: *const f64,
    term_update: *const i32,
    unfed_start: *const i32,
    unfed_nodes: *const i32,
    zero_count: *const i32,
    zero_ends: *const i32,
    zero_ratio: *const f64,
    zero_y: *const f64,
    zero_update: *const i32,
    zero_unfed_start: *const i32,
    zero_unfed_nodes: *const i32,
    highest: i32,
    out_base: *mut f64,
    out_worst: *mut f64,
    out_outage: *mut i32,
    out_change: *mut f64,
    out_at: *mut i32,
    out_unfed: *mut i32,
    out_last: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        dimension(count)?;
        let fault = FaultType::from_code(fault)
            .ok_or_else(|| SolverError::invalid(format!("unknown fault type {}", fault)))?;
        let (zff, c, pre) = (
            complex_slice(zff, n)?,
            slice(c, n)?,
            indices(slice(pre, n)?)?,
        );
        let (flags, cuts) = (slice(flags, count)?, indices(slice(cuts, 4 * count)?)?);
        let removed = slice(removed, count)?;
        let positive_terms = TermSlots::new(
            count,
            term_count,
            term_ends,
            term_ratio,
            term_y,
            term_update,
        )?;
        let mut unfed = node_lists(count, unfed_start, unfed_nodes)?;
        let earth = zero_handle != 0;
        let m = if earth { count } else { 0 };
        let zero_cuts = indices(slice(zero_cuts, 4 * m)?)?;
        let zero_terms = TermSlots::new(m, zero_count, zero_ends, zero_ratio, zero_y, zero_update)?;
        let mut zero_unfed = if earth {
            node_lists(count, zero_unfed_start, zero_unfed_nodes)?
        } else {
            Vec::new()
        };
        let mut outages = Vec::with_capacity(count);
        for k in 0..count {
            let f = flags[k];
            outages.push(Outage {
                positive: positive_terms.terms(k, "positive-sequence")?,
                cut: cut_of(f, OUTAGE_CUT, OUTAGE_CUT_INSIDE, &cuts[4 * k..4 * k + 4]),
                unfed: std::mem::take(&mut unfed[k]),
                removed: if removed[k] < 0 {
                    None
                } else {
                    Some(removed[k] as usize)
                },
                zero: if earth {
                    zero_terms.terms(k, "zero-sequence")?
                } else {
                    Vec::new()
                },
                zero_cut: if earth {
                    cut_of(
                        f,
                        OUTAGE_ZERO_CUT,
                        OUTAGE_ZERO_CUT_INSIDE,
                        &zero_cuts[4 * k..4 * k + 4],
                    )
                } else {
                    None
                },
                zero_unfed: if earth {
                    std::mem::take(&mut zero_unfed[k])
                } else {
                    Vec::new()
                },
            });
        }
        let (z0ff, pre0, zero_of) = if earth {
            (
                complex_slice(z0ff, n0)?,
                indices(slice(pre0, n0)?)?,
                slice(zero_of, n)?
                    .iter()
                    .map(|&k| if k < 0 { None } else { Some(k as usize) })
                    .collect(),
            )
        } else {
            (&[][..], Vec::new(), Vec::new())
        };
        let worst_is = if highest != 0 {
            Worst::Highest
        } else {
            Worst::Lowest
        };
        let screening = with_solver_pair(handle, zero_handle, |positive, zero| {
            let positive = PositiveInput {
                solver: positive,
                zff,
                c,
                pre: &pre,
            };
            let zero = zero.map(|solver| ZeroInput {
                solver,
                zff: z0ff,
                of_positive: &zero_of,
                pre: &pre0,
            });
            screen_outages(&positive, zero.as_ref(), fault, &outages, worst_is)
        })?;
        slice_mut(out_base, n)?.copy_from_slice(&screening.base);
        slice_mut(out_worst, n)?.copy_from_slice(&screening.worst);
        let as_i32 = |v: Option<usize>| v.map_or(-1, |k| k as i32);
        for (o, w) in slice_mut(out_outage, n)?
            .iter_mut()
            .zip(&screening.worst_outage)
        {
            *o = as_i32(*w);
        }
        let (change, at, unfed) = (
            slice_mut(out_change, count)?,
            slice_mut(out_at, count)?,
            slice_mut(out_unfed, count)?,
        );
        for (k, s) in screening.summaries.iter().enumerate() {
            change[k] = s.largest_change;
            at[k] = as_i32(s.at_node);
            unfed[k] = s.unfed as i32;
        }
        if !out_last.is_null() {
            slice_mut(out_last, n)?.copy_from_slice(&screening.last);
        }
        Ok(())
    })
}
