// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary of the duty kernels (`duty`), vectorised over the checks of a study
//! with the conventions of `ffi`: host buffers, explicit lengths, status 0 or an error code.
//! Currents in kA, times in s. A NaN input (a rating or a current that is missing) gives NaN
//! outputs for that row, which the caller reports as missing.

use crate::duty::breaking::{
    asymmetrical_breaking, dc_component, rated_asymmetrical_breaking, rated_dc_percent,
};
use crate::duty::withstand::{adiabatic_limit_ka2s, joule_integral_ka2s, short_time_rating_at};
use crate::error::{Result, SolverError};
use crate::ffi::{dimension, slice, slice_mut, status};

/// Values written per row by `ampflux_duty_breaking`.
pub const BREAKING_STRIDE: usize = 4;

fn positive_time(name: &str, x: f64) -> Result<()> {
    if x > 0.0 && x.is_finite() {
        Ok(())
    } else {
        Err(SolverError::invalid(format!("{} must be positive", name)))
    }
}

/// Breaking duty of n circuit breakers. Inputs, n f64 each: I''k and Ib through the breaker
/// (kA), the κ method's R/X at its fault bus, contact parting time t_op (s), the breaker's d.c.
/// time constant τ (s) and its rated breaking current Isc (kA). Output per row
/// (BREAKING_STRIDE f64): i_DC at t_op, I_b,asym, the rated DC% at t_op, the rated
/// asymmetrical breaking current.
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_duty_breaking(
    n: usize,
    f_hz: f64,
    ikss: *const f64,
    ib: *const f64,
    r_over_x: *const f64,
    t_op_s: *const f64,
    tau_s: *const f64,
    isc: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        positive_time("frequency", f_hz)?;
        let (ikss, ib, rx) = (slice(ikss, n)?, slice(ib, n)?, slice(r_over_x, n)?);
        let (t_op, tau, isc) = (slice(t_op_s, n)?, slice(tau_s, n)?, slice(isc, n)?);
        let out = slice_mut(out, n * BREAKING_STRIDE)?;
        for (k, o) in out.chunks_mut(BREAKING_STRIDE).enumerate() {
            let i_dc = dc_component(ikss[k], f_hz, t_op[k], rx[k]);
            let dc_percent = rated_dc_percent(t_op[k], tau[k]);
            o.copy_from_slice(&[
                i_dc,
                asymmetrical_breaking(ib[k], i_dc),
                dc_percent,
                rated_asymmetrical_breaking(isc[k], dc_percent),
            ]);
        }
        Ok(())
    })
}

/// Short-time ratings I_r (kA) for t_r (s), n f64 each, referred to the fault duration tk:
/// I_r·√(t_r/tk) into `out` (n f64).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_duty_short_time(
    n: usize,
    tk_s: f64,
    rating_ka: *const f64,
    rating_s: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        positive_time("tk", tk_s)?;
        let (ir, tr) = (slice(rating_ka, n)?, slice(rating_s, n)?);
        for (k, o) in slice_mut(out, n)?.iter_mut().enumerate() {
            *o = short_time_rating_at(ir[k], tr[k], tk_s);
        }
        Ok(())
    })
}

/// Cable thermal duty of n conductors: Ith per conductor (kA), k (A·√s/mm²) and S (mm²), n f64
/// each. Output per row (2 f64): Ith²·tk and k²S², both kA²s.
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_duty_cable(
    n: usize,
    tk_s: f64,
    ith_ka: *const f64,
    k: *const f64,
    s_mm2: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        positive_time("tk", tk_s)?;
        let (ith, k, s) = (slice(ith_ka, n)?, slice(k, n)?, slice(s_mm2, n)?);
        for (r, o) in slice_mut(out, 2 * n)?.chunks_mut(2).enumerate() {
            o.copy_from_slice(&[
                joule_integral_ka2s(ith[r], tk_s),
                adiabatic_limit_ka2s(k[r], s[r]),
            ]);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaking_rows_with_a_missing_rating() {
        let (ikss, ib, rx) = ([10.0, 10.0], [9.0, 9.0], [0.07, 0.07]);
        let (t, tau, isc) = ([0.05, 0.05], [0.045, 0.045], [16.0, f64::NAN]);
        let mut out = [0.0; 2 * BREAKING_STRIDE];
        let code = unsafe {
            ampflux_duty_breaking(
                2,
                50.0,
                ikss.as_ptr(),
                ib.as_ptr(),
                rx.as_ptr(),
                t.as_ptr(),
                tau.as_ptr(),
                isc.as_ptr(),
                out.as_mut_ptr(),
            )
        };
        assert_eq!(code, 0);
        let i_dc = dc_component(10.0, 50.0, 0.05, 0.07);
        assert_eq!(out[0], i_dc);
        assert!((out[1] - (81.0 + i_dc * i_dc).sqrt()).abs() < 1e-12);
        assert!(out[3] > 16.0);
        assert!(out[7].is_nan() && out[5] == out[1]);
    }

    #[test]
    fn rejects_a_non_positive_tk() {
        let mut out = [0.0];
        let code = unsafe {
            ampflux_duty_short_time(1, 0.0, [1.0].as_ptr(), [1.0].as_ptr(), out.as_mut_ptr())
        };
        assert_ne!(code, 0);
    }
}
