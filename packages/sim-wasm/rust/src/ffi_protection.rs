// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary of the protection kernels (`protection`): total clearing times of
//! n devices, each at its own current, with the conventions of `ffi` (host buffers, explicit
//! lengths, status 0 or an error code). Currents in kA, times in ms; +∞ where a device does
//! not trip. An absent stage has a NaN pickup (inverse: curve index −1); an absent fixed
//! clearing time is NaN; curve points of device k are entries point_start[k]..point_start[k+1].

use crate::error::{Result, SolverError};
use crate::ffi::{dimension, slice, slice_mut, status};
use crate::protection::device::Device;
use crate::protection::inverse::Curve;
use crate::protection::stages::{DefiniteStage, InverseStage, RelayStages};

fn stage(pickup_ka: f64, delay_ms: f64) -> Option<DefiniteStage> {
    if pickup_ka.is_nan() {
        None
    } else {
        Some(DefiniteStage {
            pickup_ka,
            delay_ms,
        })
    }
}

fn inverse(k: usize, curve: i32, pickup_ka: f64, tms: f64) -> Result<Option<InverseStage>> {
    if curve < 0 {
        return Ok(None);
    }
    let curve = Curve::from_index(curve).ok_or_else(|| {
        SolverError::invalid(format!("device {}: unknown curve index {}", k, curve))
    })?;
    Ok(Some(InverseStage {
        curve,
        pickup_ka,
        tms,
    }))
}

/// The points range of device k, checked against the points buffer.
fn point_range(k: usize, start: &[i32], count: usize) -> Result<std::ops::Range<usize>> {
    let (a, b) = (start[k], start[k + 1]);
    if a < 0 || b < a || b as usize > count {
        return Err(SolverError::invalid(format!(
            "device {}: curve points {}..{} outside 0..{}",
            k, a, b, count
        )));
    }
    Ok(a as usize..b as usize)
}

/// Total clearing times (ms) of n devices into `out` (n f64). Per device: the current through
/// it (kA); a fixed clearing time (ms); the inverse stage's curve index (contracts'
/// PROTECTION_CURVES order, −1 none), pickup (kA) and TMS / time dial; the definite-time and
/// instantaneous stages' pickups (kA) and delays (ms); the breaker opening time added to relay
/// stages (ms); `point_start` (n + 1 i32) into `point_ka` / `point_ms` (`point_count` f64 each).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_protection_trip_times(
    n: usize,
    current_ka: *const f64,
    clearing_ms: *const f64,
    inverse_curve: *const i32,
    inverse_pickup_ka: *const f64,
    inverse_tms: *const f64,
    definite_pickup_ka: *const f64,
    definite_delay_ms: *const f64,
    instantaneous_pickup_ka: *const f64,
    instantaneous_delay_ms: *const f64,
    opening_ms: *const f64,
    point_start: *const i32,
    point_count: usize,
    point_ka: *const f64,
    point_ms: *const f64,
    out: *mut f64,
) -> i32 {
    status(|| {
        dimension(n)?;
        dimension(point_count)?;
        let (current, clearing) = (slice(current_ka, n)?, slice(clearing_ms, n)?);
        let (curve, inv_pickup, tms) = (
            slice(inverse_curve, n)?,
            slice(inverse_pickup_ka, n)?,
            slice(inverse_tms, n)?,
        );
        let (def_pickup, def_delay) = (slice(definite_pickup_ka, n)?, slice(definite_delay_ms, n)?);
        let (inst_pickup, inst_delay) = (
            slice(instantaneous_pickup_ka, n)?,
            slice(instantaneous_delay_ms, n)?,
        );
        let opening = slice(opening_ms, n)?;
        let start = slice(point_start, n + 1)?;
        let (pts_ka, pts_ms) = (slice(point_ka, point_count)?, slice(point_ms, point_count)?);
        let out = slice_mut(out, n)?;
        for k in 0..n {
            let points = point_range(k, start, point_count)?;
            let device = Device {
                clearing_ms: clearing[k],
                relay: RelayStages {
                    inverse: inverse(k, curve[k], inv_pickup[k], tms[k])?,
                    definite: stage(def_pickup[k], def_delay[k]),
                    instantaneous: stage(inst_pickup[k], inst_delay[k]),
                },
                opening_ms: opening[k],
                points_ka: &pts_ka[points.clone()],
                points_ms: &pts_ms[points],
            };
            out[k] = device.clearing_time_ms(current[k]);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_of_every_kind_in_one_call() {
        let nan = f64::NAN;
        // 0: fixed 83 ms; 1: IEC SI Is 1 kA TMS 0.1 + 50 ms at 10 kA; 2: fuse points at 30 kA;
        // 3: definite 0.5 kA/300 ms below its pickup.
        let current = [5.0, 10.0, 30.0, 0.4];
        let clearing = [83.0, nan, nan, nan];
        let curve = [-1, 0, -1, -1];
        let inv_pickup = [nan, 1.0, nan, nan];
        let tms = [nan, 0.1, nan, nan];
        let def_pickup = [nan, nan, nan, 0.5];
        let def_delay = [nan, nan, nan, 300.0];
        let inst = [nan; 4];
        let opening = [50.0, 50.0, 0.0, 50.0];
        let start = [0, 0, 0, 2, 2];
        let (pts_ka, pts_ms) = ([1.0, 100.0], [10_000.0, 10.0]);
        let mut out = [0.0; 4];
        let code = unsafe {
            ampflux_protection_trip_times(
                4,
                current.as_ptr(),
                clearing.as_ptr(),
                curve.as_ptr(),
                inv_pickup.as_ptr(),
                tms.as_ptr(),
                def_pickup.as_ptr(),
                def_delay.as_ptr(),
                inst.as_ptr(),
                inst.as_ptr(),
                opening.as_ptr(),
                start.as_ptr(),
                2,
                pts_ka.as_ptr(),
                pts_ms.as_ptr(),
                out.as_mut_ptr(),
            )
        };
        assert_eq!(code, 0);
        assert_eq!(out[0], 83.0);
        assert!((out[1] - (297.1 + 50.0)).abs() < 0.05, "{}", out[1]);
        // lg t = 4 − 3·lg 30/2 → t = 10⁴ · 30^−1.5 = 60.86 ms.
        assert!((out[2] - 1e4 * 30f64.powf(-1.5)).abs() < 1e-9);
        assert_eq!(out[3], f64::INFINITY);
    }

    #[test]
    fn a_bad_curve_index_or_point_range_is_an_error() {
        let one = [1.0];
        let nan = [f64::NAN];
        let call = |curve: i32, start: [i32; 2]| unsafe {
            let mut o = [0.0];
            let c = [curve];
            let code = ampflux_protection_trip_times(
                1,
                one.as_ptr(),
                nan.as_ptr(),
                c.as_ptr(),
                one.as_ptr(),
                one.as_ptr(),
                nan.as_ptr(),
                nan.as_ptr(),
                nan.as_ptr(),
                nan.as_ptr(),
                one.as_ptr(),
                start.as_ptr(),
                1,
                one.as_ptr(),
                one.as_ptr(),
                o.as_mut_ptr(),
            );
            (code, o[0])
        };
        assert_ne!(call(9, [0, 0]).0, 0);
        assert_ne!(call(-1, [0, 2]).0, 0);
        assert_eq!(call(-1, [0, 1]), (0, 1.0));
    }
}
