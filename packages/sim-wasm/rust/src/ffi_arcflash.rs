// SPDX-License-Identifier: LGPL-2.1-or-later
//! The WebAssembly boundary of the IEEE 1584-2018 model (`arcflash`), vectorised over rows
//! with the conventions of `ffi`: host buffers, explicit lengths, status 0 or an error code.
//! A row outside the model's range is not an error of the call: it gets a per-row status code
//! (`arcflash::range`) and NaN results. Units: kV, kA, mm, ms, J/cm².

use crate::arcflash::incident_energy::EnergyBoundary;
use crate::arcflash::model::{
    arcing_currents, incident_energies, ArcingCurrents, CaseEnergy, IncidentEnergies,
};
use crate::arcflash::range::{check_row, check_times, ArcInput, ENCLOSURE_TOO_SMALL, NOT_FINITE};
use crate::error::Result;
use crate::ffi::{dimension, slice, slice_mut, status};

/// Values per row written by `ampflux_arcflash_currents`: Iarc, Iarc_min, VarCF, then the
/// intermediate currents at 600/2700/14 300 V, full then reduced (NaN where unused).
pub const CURRENT_STRIDE: usize = 9;
/// Values per row written by `ampflux_arcflash_energies`: E, AFB, E_min, AFB_min, CF, EES,
/// Width1, Height1 (in), then E and AFB at 600/2700/14 300 V for the full case and the same
/// for the reduced case (NaN at or below 600 V).
pub const ENERGY_STRIDE: usize = 20;

/// The n rows' inputs, borrowed from host buffers.
struct Rows<'a> {
    voc: &'a [f64],
    ibf: &'a [f64],
    config: &'a [i32],
    gap: &'a [f64],
    distance: &'a [f64],
    height: &'a [f64],
    width: &'a [f64],
    depth: &'a [f64],
}

impl Rows<'_> {
    fn row(&self, k: usize) -> ArcInput {
        ArcInput {
            voc_kv: self.voc[k],
            ibf_ka: self.ibf[k],
            config: self.config[k],
            gap_mm: self.gap[k],
            distance_mm: self.distance[k],
            height_mm: self.height[k],
            width_mm: self.width[k],
            depth_mm: self.depth[k],
        }
    }
}

#[allow(clippy::too_many_arguments)]
unsafe fn rows<'a>(
    n: usize,
    voc_kv: *const f64,
    ibf_ka: *const f64,
    config: *const i32,
    gap_mm: *const f64,
    distance_mm: *const f64,
    height_mm: *const f64,
    width_mm: *const f64,
    depth_mm: *const f64,
) -> Result<Rows<'a>> {
    Ok(Rows {
        voc: slice(voc_kv, n)?,
        ibf: slice(ibf_ka, n)?,
        config: slice(config, n)?,
        gap: slice(gap_mm, n)?,
        distance: slice(distance_mm, n)?,
        height: slice(height_mm, n)?,
        width: slice(width_mm, n)?,
        depth: slice(depth_mm, n)?,
    })
}

fn write_currents(o: &mut [f64], c: &ArcingCurrents) {
    o[0] = c.iarc_ka;
    o[1] = c.iarc_min_ka;
    o[2] = c.varcf;
    o[3..6].copy_from_slice(&c.levels_ka);
    o[6..9].copy_from_slice(&c.levels_min_ka);
}

fn read_currents(o: &[f64]) -> ArcingCurrents {
    ArcingCurrents {
        iarc_ka: o[0],
        iarc_min_ka: o[1],
        varcf: o[2],
        levels_ka: [o[3], o[4], o[5]],
        levels_min_ka: [o[6], o[7], o[8]],
    }
}

fn write_case_levels(o: &mut [f64], case: &CaseEnergy) {
    for (l, level) in case.levels.iter().enumerate() {
        o[l] = level.e_j_cm2;
        o[3 + l] = level.afb_mm;
    }
}

fn write_energies(o: &mut [f64], e: &IncidentEnergies) {
    let enc = &e.enclosure;
    o[..8].copy_from_slice(&[
        e.full.total.e_j_cm2,
        e.full.total.afb_mm,
        e.reduced.total.e_j_cm2,
        e.reduced.total.afb_mm,
        enc.cf,
        enc.ees_in,
        enc.width_in,
        enc.height_in,
    ]);
    write_case_levels(&mut o[8..14], &e.full);
    write_case_levels(&mut o[14..20], &e.reduced);
}

/// One row's energies, or the range code that leaves it without a number: inputs or arc
/// durations outside the model, an enclosure too small for eq. (15) (no positive CF), or a
/// non-finite energy or boundary.
fn row_energies(
    r: &ArcInput,
    currents: &[f64],
    time_ms: f64,
    time_min_ms: f64,
) -> core::result::Result<IncidentEnergies, i32> {
    let config = check_row(r)?;
    check_times(time_ms, time_min_ms)?;
    let e = incident_energies(config, r, &read_currents(currents), time_ms, time_min_ms);
    let cf = e.enclosure.cf;
    if !(cf > 0.0 && cf.is_finite()) {
        return Err(ENCLOSURE_TOO_SMALL);
    }
    let finite = |t: &EnergyBoundary| t.e_j_cm2.is_finite() && t.afb_mm.is_finite();
    if !(finite(&e.full.total) && finite(&e.reduced.total)) {
        return Err(NOT_FINITE);
    }
    Ok(e)
}

/// One row's outputs: its values (`write`) and status 0, or NaN values and its range code.
fn write_row<T>(
    o: &mut [f64],
    row_status: &mut i32,
    row: &core::result::Result<T, i32>,
    write: fn(&mut [f64], &T),
) {
    match row {
        Ok(values) => {
            write(o, values);
            *row_status = 0;
        }
        Err(code) => {
            o.fill(f64::NAN);
            *row_status = *code;
        }
    }
}

/// Arcing currents of n rows (Annex D steps 1, 2, 8–10). Inputs, n each: Voc (kV), Ibf (kA),
/// configuration index (i32, contracts' ELECTRODE_CONFIGS order), gap, working distance,
/// enclosure height, width, depth (mm; NaN in open air). Writes CURRENT_STRIDE f64 per row
/// into `out` and a status per row (0 or a range code) into `row_status` (n i32).
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_arcflash_currents(
    n: usize,
    voc_kv: *const f64,
    ibf_ka: *const f64,
    config: *const i32,
    gap_mm: *const f64,
    distance_mm: *const f64,
    height_mm: *const f64,
    width_mm: *const f64,
    depth_mm: *const f64,
    out: *mut f64,
    row_status: *mut i32,
) -> i32 {
    status(|| {
        dimension(n)?;
        let rows = rows(
            n,
            voc_kv,
            ibf_ka,
            config,
            gap_mm,
            distance_mm,
            height_mm,
            width_mm,
            depth_mm,
        )?;
        let out = slice_mut(out, n * CURRENT_STRIDE)?;
        let codes = slice_mut(row_status, n)?;
        for (k, o) in out.chunks_mut(CURRENT_STRIDE).enumerate() {
            let r = rows.row(k);
            let row = check_row(&r).map(|config| arcing_currents(config, &r));
            write_row(o, &mut codes[k], &row, write_currents);
        }
        Ok(())
    })
}

/// Incident energies and arc-flash boundaries of n rows (Annex D steps 3–7, 11–14) from the
/// rows' inputs (as for `ampflux_arcflash_currents`), their currents (CURRENT_STRIDE f64 per
/// row, that function's output) and the arc durations of the full and the reduced current
/// (ms). Writes ENERGY_STRIDE f64 per row into `out`, the enclosure kind per row (0 typical,
/// 1 shallow, 2 open air, −1 no result) into `enclosure` and a status per row into `row_status`.
///
/// # Safety
/// Every pointer must address a buffer of the stated size from `ampflux_alloc`.
#[no_mangle]
pub unsafe extern "C" fn ampflux_arcflash_energies(
    n: usize,
    voc_kv: *const f64,
    ibf_ka: *const f64,
    config: *const i32,
    gap_mm: *const f64,
    distance_mm: *const f64,
    height_mm: *const f64,
    width_mm: *const f64,
    depth_mm: *const f64,
    currents: *const f64,
    time_ms: *const f64,
    time_min_ms: *const f64,
    out: *mut f64,
    enclosure: *mut i32,
    row_status: *mut i32,
) -> i32 {
    status(|| {
        dimension(n)?;
        let rows = rows(
            n,
            voc_kv,
            ibf_ka,
            config,
            gap_mm,
            distance_mm,
            height_mm,
            width_mm,
            depth_mm,
        )?;
        let currents = slice(currents, n * CURRENT_STRIDE)?;
        let (time, time_min) = (slice(time_ms, n)?, slice(time_min_ms, n)?);
        let out = slice_mut(out, n * ENERGY_STRIDE)?;
        let (kinds, codes) = (slice_mut(enclosure, n)?, slice_mut(row_status, n)?);
        for (k, o) in out.chunks_mut(ENERGY_STRIDE).enumerate() {
            let c = &currents[k * CURRENT_STRIDE..(k + 1) * CURRENT_STRIDE];
            let row = row_energies(&rows.row(k), c, time[k], time_min[k]);
            kinds[k] = row.as_ref().map_or(-1, |e| e.enclosure.kind as i32);
            write_row(o, &mut codes[k], &row, write_energies);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arcflash::range::{GAP_OUT_OF_RANGE, INVALID_TIME};

    /// Rows of inputs for both entry points; the openings are square (height = width).
    struct Inputs {
        voc: Vec<f64>,
        ibf: Vec<f64>,
        config: Vec<i32>,
        gap: Vec<f64>,
        distance: Vec<f64>,
        height_width: Vec<f64>,
        depth: Vec<f64>,
    }

    impl Inputs {
        /// `ampflux_arcflash_currents` over the first n rows: (call status, out, row statuses).
        fn currents(&self, n: usize) -> (i32, Vec<f64>, Vec<i32>) {
            let (mut out, mut codes) = (vec![0.0; n * CURRENT_STRIDE], vec![9; n]);
            let code = unsafe {
                ampflux_arcflash_currents(
                    n,
                    self.voc.as_ptr(),
                    self.ibf.as_ptr(),
                    self.config.as_ptr(),
                    self.gap.as_ptr(),
                    self.distance.as_ptr(),
                    self.height_width.as_ptr(),
                    self.height_width.as_ptr(),
                    self.depth.as_ptr(),
                    out.as_mut_ptr(),
                    codes.as_mut_ptr(),
                )
            };
            (code, out, codes)
        }

        /// `ampflux_arcflash_energies` over the first n rows: (call status, out, enclosure
        /// kinds, row statuses).
        fn energies(&self, n: usize, cur: &[f64], t: &[f64], tmin: &[f64]) -> Energies {
            let (mut out, mut kinds, mut codes) =
                (vec![0.0; n * ENERGY_STRIDE], vec![9; n], vec![9; n]);
            let code = unsafe {
                ampflux_arcflash_energies(
                    n,
                    self.voc.as_ptr(),
                    self.ibf.as_ptr(),
                    self.config.as_ptr(),
                    self.gap.as_ptr(),
                    self.distance.as_ptr(),
                    self.height_width.as_ptr(),
                    self.height_width.as_ptr(),
                    self.depth.as_ptr(),
                    cur.as_ptr(),
                    t.as_ptr(),
                    tmin.as_ptr(),
                    out.as_mut_ptr(),
                    kinds.as_mut_ptr(),
                    codes.as_mut_ptr(),
                )
            };
            (code, out, kinds, codes)
        }
    }

    type Energies = (i32, Vec<f64>, Vec<i32>, Vec<i32>);

    #[test]
    fn rows_out_of_range_get_a_code_and_nan() {
        // Annex D.2, then the same row with a 100 mm gap (outside 6.35–76.2 mm at 480 V).
        let rows = Inputs {
            voc: vec![0.48, 0.48],
            ibf: vec![45.0, 45.0],
            config: vec![0, 0],
            gap: vec![32.0, 100.0],
            distance: vec![609.6, 609.6],
            height_width: vec![610.0, 610.0],
            depth: vec![254.0, 254.0],
        };
        let (code, cur, codes) = rows.currents(2);
        assert_eq!(code, 0);
        assert_eq!(codes, [0, GAP_OUT_OF_RANGE]);
        assert!((cur[0] - 28.793).abs() < 0.0005);
        assert!(cur[CURRENT_STRIDE].is_nan());
        let (t, tmin) = ([61.3, 61.3], [319.0, 319.0]);
        let (code, out, kinds, codes) = rows.energies(2, &cur, &t, &tmin);
        assert_eq!(code, 0);
        assert_eq!(codes, [0, GAP_OUT_OF_RANGE]);
        assert_eq!(kinds, [0, -1]);
        // D.91, D.103.
        assert!((out[0] - 11.585).abs() < 0.0005 && (out[2] - 53.156).abs() < 0.0005);
        assert!(out[ENERGY_STRIDE].is_nan());
        let (code, _, _, codes) = rows.energies(1, &cur, &[0.0], &tmin);
        assert_eq!((code, codes[0]), (0, INVALID_TIME));
    }

    #[test]
    fn a_shallow_box_too_small_for_eq_15_has_no_number() {
        // VCBB, 480 V, a 60 × 60 × 100 mm box: EES = 0.03937 · 60 = 2.36 in, where Table 7's
        // shallow quadratic −0.002778·EES² + 0.1194·EES − 0.2778 is negative.
        let rows = Inputs {
            voc: vec![0.48],
            ibf: vec![10.0],
            config: vec![1],
            gap: vec![10.0],
            distance: vec![457.2],
            height_width: vec![60.0],
            depth: vec![100.0],
        };
        let (code, cur, _) = rows.currents(1);
        assert_eq!(code, 0);
        let (code, out, kinds, codes) = rows.energies(1, &cur, &[100.0], &[100.0]);
        assert_eq!((code, codes[0], kinds[0]), (0, ENCLOSURE_TOO_SMALL, -1));
        assert!(out[0].is_nan());
    }
}
