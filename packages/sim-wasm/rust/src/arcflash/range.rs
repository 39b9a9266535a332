// SPDX-License-Identifier: LGPL-2.1-or-later
//! The model's range, IEEE 1584-2018 §4.2: a row outside it gets a status code and no number;
//! the model is never extrapolated. Codes are shared with src/arcflash/kernels.ts (never
//! renumber, only append): 1–9 a value outside the range, 11–19 a value that is not a
//! positive finite number.

use super::coefficients::Config;

pub const OK: i32 = 0;
/// Voc outside 0.208–15 kV.
pub const VOC_OUT_OF_RANGE: i32 = 1;
/// Ibf outside 0.5–106 kA (Voc ≤ 0.6 kV) or 0.2–65 kA (Voc > 0.6 kV).
pub const IBF_OUT_OF_RANGE: i32 = 2;
/// Gap outside 6.35–76.2 mm (Voc ≤ 0.6 kV) or 19.05–254 mm (Voc > 0.6 kV).
pub const GAP_OUT_OF_RANGE: i32 = 3;
/// Working distance below 305 mm.
pub const DISTANCE_TOO_SHORT: i32 = 4;
/// Enclosure narrower than four gaps (enclosed configurations).
pub const WIDTH_BELOW_FOUR_GAPS: i32 = 5;
/// The configuration index is none of VCB, VCBB, HCB, VOA, HOA.
pub const UNKNOWN_CONFIG: i32 = 6;
/// Shallow box so small that eq. (15) gives no positive CF (VCBB below an EES of about 2.5 in).
pub const ENCLOSURE_TOO_SMALL: i32 = 7;
/// A result that is not a finite number (defensive: no row ever gets NaN with status 0).
pub const NOT_FINITE: i32 = 8;
pub const INVALID_VOC: i32 = 11;
pub const INVALID_IBF: i32 = 12;
pub const INVALID_GAP: i32 = 13;
pub const INVALID_DISTANCE: i32 = 14;
pub const INVALID_HEIGHT: i32 = 15;
pub const INVALID_WIDTH: i32 = 16;
pub const INVALID_DEPTH: i32 = 17;
pub const INVALID_TIME: i32 = 18;
pub const INVALID_TIME_REDUCED: i32 = 19;

/// The inputs of one row: Voc (kV), Ibf (kA), the configuration index, G, D and the enclosure
/// height, width and depth (mm; ignored in open air).
#[derive(Clone, Copy, Debug)]
pub struct ArcInput {
    pub voc_kv: f64,
    pub ibf_ka: f64,
    pub config: i32,
    pub gap_mm: f64,
    pub distance_mm: f64,
    pub height_mm: f64,
    pub width_mm: f64,
    pub depth_mm: f64,
}

fn positive(x: f64) -> bool {
    x > 0.0 && x.is_finite()
}

fn within(x: f64, lo: f64, hi: f64) -> bool {
    (lo..=hi).contains(&x)
}

/// The row's configuration when every input is valid and inside §4.2's range, else the code of
/// the first problem (invalid values before range violations, in field order).
pub fn check_row(r: &ArcInput) -> Result<Config, i32> {
    let config = Config::from_index(r.config);
    let enclosed = config.map_or(false, |c| !c.is_open_air());
    let values = [
        (r.voc_kv, INVALID_VOC, true),
        (r.ibf_ka, INVALID_IBF, true),
        (r.gap_mm, INVALID_GAP, true),
        (r.distance_mm, INVALID_DISTANCE, true),
        (r.height_mm, INVALID_HEIGHT, enclosed),
        (r.width_mm, INVALID_WIDTH, enclosed),
        (r.depth_mm, INVALID_DEPTH, enclosed),
    ];
    if let Some(&(_, code, _)) = values
        .iter()
        .find(|(x, _, needed)| *needed && !positive(*x))
    {
        return Err(code);
    }
    let config = config.ok_or(UNKNOWN_CONFIG)?;
    if !within(r.voc_kv, 0.208, 15.0) {
        return Err(VOC_OUT_OF_RANGE);
    }
    let low_voltage = r.voc_kv <= 0.6;
    let (ibf, gap) = if low_voltage {
        ((0.5, 106.0), (6.35, 76.2))
    } else {
        ((0.2, 65.0), (19.05, 254.0))
    };
    if !within(r.ibf_ka, ibf.0, ibf.1) {
        return Err(IBF_OUT_OF_RANGE);
    }
    if !within(r.gap_mm, gap.0, gap.1) {
        return Err(GAP_OUT_OF_RANGE);
    }
    if r.distance_mm < 305.0 {
        return Err(DISTANCE_TOO_SHORT);
    }
    if enclosed && r.width_mm < 4.0 * r.gap_mm {
        return Err(WIDTH_BELOW_FOUR_GAPS);
    }
    Ok(config)
}

/// Arc durations must be positive and finite (a device that never trips is the caller's case).
pub fn check_times(time_ms: f64, time_reduced_ms: f64) -> Result<(), i32> {
    if !positive(time_ms) {
        Err(INVALID_TIME)
    } else if !positive(time_reduced_ms) {
        Err(INVALID_TIME_REDUCED)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arcflash::tests::annex_d2;

    /// Annex D.2's row, which every check passes.
    fn row() -> ArcInput {
        annex_d2()
    }

    fn code(change: impl Fn(&mut ArcInput)) -> i32 {
        let mut r = row();
        change(&mut r);
        check_row(&r).err().unwrap_or(OK)
    }

    #[test]
    fn the_range_of_clause_4_2() {
        assert_eq!(code(|_| {}), OK);
        assert_eq!(code(|r| r.voc_kv = 0.207), VOC_OUT_OF_RANGE);
        assert_eq!(code(|r| r.voc_kv = 0.208), OK);
        assert_eq!(code(|r| r.voc_kv = 15.01), VOC_OUT_OF_RANGE);
        assert_eq!(code(|r| r.ibf_ka = 0.45), IBF_OUT_OF_RANGE);
        assert_eq!(code(|r| r.ibf_ka = 106.5), IBF_OUT_OF_RANGE);
        // Above 600 V the current range is 0.2–65 kA and the gap range 19.05–254 mm.
        assert_eq!(
            code(|r| {
                r.voc_kv = 4.16;
                r.ibf_ka = 70.0
            }),
            IBF_OUT_OF_RANGE
        );
        assert_eq!(
            code(|r| {
                r.voc_kv = 4.16;
                r.ibf_ka = 0.3
            }),
            OK
        );
        assert_eq!(
            code(|r| {
                r.voc_kv = 4.16;
                r.ibf_ka = 0.3;
                r.gap_mm = 13.0
            }),
            GAP_OUT_OF_RANGE
        );
        assert_eq!(code(|r| r.gap_mm = 6.0), GAP_OUT_OF_RANGE);
        assert_eq!(code(|r| r.gap_mm = 76.3), GAP_OUT_OF_RANGE);
        assert_eq!(code(|r| r.distance_mm = 304.9), DISTANCE_TOO_SHORT);
        assert_eq!(code(|r| r.width_mm = 127.0), WIDTH_BELOW_FOUR_GAPS);
        assert_eq!(code(|r| r.config = 7), UNKNOWN_CONFIG);
    }

    #[test]
    fn invalid_values_and_open_air() {
        assert_eq!(code(|r| r.ibf_ka = f64::NAN), INVALID_IBF);
        assert_eq!(code(|r| r.gap_mm = -1.0), INVALID_GAP);
        assert_eq!(code(|r| r.depth_mm = f64::NAN), INVALID_DEPTH);
        assert_eq!(code(|r| r.voc_kv = f64::INFINITY), INVALID_VOC);
        // Open air needs no enclosure and has no width rule.
        assert_eq!(
            code(|r| {
                r.config = 3;
                r.height_mm = f64::NAN;
                r.width_mm = f64::NAN;
                r.depth_mm = f64::NAN
            }),
            OK
        );
        assert_eq!(check_times(100.0, f64::INFINITY), Err(INVALID_TIME_REDUCED));
        assert_eq!(check_times(0.0, 1.0), Err(INVALID_TIME));
        assert_eq!(check_times(61.3, 319.0), Ok(()));
    }
}
