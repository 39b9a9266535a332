// SPDX-License-Identifier: LGPL-2.1-or-later
//! Enclosure size correction, IEEE 1584-2018 §4.8: whether a box is "typical" or "shallow",
//! the equivalent height and width of Table 6 (eq. 11/12), the equivalent enclosure size EES
//! (eq. 13) and the correction factor CF (eq. 14 typical, eq. 15 shallow, Table 7). Open-air
//! configurations (VOA, HOA) take CF = 1: the model's open-air coefficients need none.

use super::coefficients::{enclosure_coefficients, equivalent_size_constants, Config};

/// Table 6's mm → in factor, 0.03937 as printed; it rounds 1/25.4, and Annex D's printed
/// equivalent sizes follow it.
const MM_TO_IN: f64 = 0.03937;
/// Table 6 thresholds: 20 in, 26 in and 49 in (mm).
const SMALL_MM: f64 = 508.0;
const MEDIUM_MM: f64 = 660.4;
/// The largest dimension the model covers; Table 6 takes anything larger as 1244.6 mm (49 in).
pub const LARGEST_MM: f64 = 1244.6;
/// §4.8: a low-voltage box no deeper than 8 in is "shallow".
const SHALLOW_DEPTH_MM: f64 = 203.2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnclosureKind {
    Typical = 0,
    Shallow = 1,
    OpenAir = 2,
}

/// The enclosure correction of one row: Width1 and Height1 (in, NaN in open air), EES (in) and CF.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EnclosureCorrection {
    pub kind: EnclosureKind,
    pub width_in: f64,
    pub height_in: f64,
    pub ees_in: f64,
    pub cf: f64,
}

/// §4.8: shallow when Voc < 600 V and the opening is less than 508 mm high and wide and the
/// box no more than 203.2 mm deep; every other box is typical.
pub fn enclosure_kind(
    config: Config,
    voc_kv: f64,
    height_mm: f64,
    width_mm: f64,
    depth_mm: f64,
) -> EnclosureKind {
    if config.is_open_air() {
        EnclosureKind::OpenAir
    } else if voc_kv < 0.6
        && height_mm < SMALL_MM
        && width_mm < SMALL_MM
        && depth_mm <= SHALLOW_DEPTH_MM
    {
        EnclosureKind::Shallow
    } else {
        EnclosureKind::Typical
    }
}

/// Eq. (11)/(12): (660.4 + (d − 660.4) · (Voc + A)/B) · 25.4⁻¹, in inches.
fn scaled_dimension_in(d_mm: f64, voc_kv: f64, (a, b): (f64, f64)) -> f64 {
    (MEDIUM_MM + (d_mm - MEDIUM_MM) * (voc_kv + a) / b) / 25.4
}

/// Table 6's equivalent width (in), with `scales_above_26_in` false for the height of VCB,
/// whose equivalent height is the actual height (up to 49 in).
fn equivalent_dimension_in(
    d_mm: f64,
    voc_kv: f64,
    ab: (f64, f64),
    shallow: bool,
    scales_above_26_in: bool,
) -> f64 {
    if d_mm < SMALL_MM {
        // Typical boxes smaller than 20 in count as 20 in; shallow ones as they are.
        return if shallow { MM_TO_IN * d_mm } else { 20.0 };
    }
    if d_mm <= MEDIUM_MM {
        return MM_TO_IN * d_mm;
    }
    if !scales_above_26_in {
        // VCB height: 0.03937 · Height up to 1244.6 mm, 49 in above it.
        return if d_mm > LARGEST_MM {
            49.0
        } else {
            MM_TO_IN * d_mm
        };
    }
    scaled_dimension_in(d_mm.min(LARGEST_MM), voc_kv, ab)
}

/// The enclosure correction (Table 6, eq. 13–15) of a row with valid inputs.
pub fn enclosure_correction(
    config: Config,
    voc_kv: f64,
    height_mm: f64,
    width_mm: f64,
    depth_mm: f64,
) -> EnclosureCorrection {
    let kind = enclosure_kind(config, voc_kv, height_mm, width_mm, depth_mm);
    let (ab, b) = match (
        equivalent_size_constants(config),
        enclosure_coefficients(config, kind == EnclosureKind::Shallow),
    ) {
        (Some(ab), Some(b)) => (ab, b),
        _ => {
            return EnclosureCorrection {
                kind,
                width_in: f64::NAN,
                height_in: f64::NAN,
                ees_in: f64::NAN,
                cf: 1.0,
            }
        }
    };
    let shallow = kind == EnclosureKind::Shallow;
    let width_in = equivalent_dimension_in(width_mm, voc_kv, ab, shallow, true);
    let height_in = equivalent_dimension_in(height_mm, voc_kv, ab, shallow, config != Config::Vcb);
    // Eq. (13).
    let ees_in = (height_in + width_in) / 2.0;
    let quadratic = b[0] * ees_in * ees_in + b[1] * ees_in + b[2];
    // Eq. (14) for typical boxes, eq. (15) for shallow ones.
    let cf = if shallow { 1.0 / quadratic } else { quadratic };
    EnclosureCorrection {
        kind,
        width_in,
        height_in,
        ees_in,
        cf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arcflash::tests::{annex_d1, annex_d2, printed};

    #[test]
    fn annex_d_typical_boxes() {
        // Annex D.1: 1143 × 762 × 508 mm at 4.16 kV, VCB: Width1 27.632 in (D.19), Height1
        // 45 in (D.20), EES 36.316 in (D.21), CF 1.284 (D.22). Annex D.2: 610 × 610 × 254 mm
        // at 0.48 kV: 24.016 in (D.86–D.88), CF 1.085 (D.89).
        let cases = [
            (
                annex_d1(),
                ["D.19", "D.20", "D.21", "D.22"],
                [27.632, 45.0, 36.316, 1.284],
            ),
            (
                annex_d2(),
                ["D.86", "D.87", "D.88", "D.89"],
                [24.016, 24.016, 24.016, 1.085],
            ),
        ];
        for (r, equations, values) in cases {
            let c =
                enclosure_correction(Config::Vcb, r.voc_kv, r.height_mm, r.width_mm, r.depth_mm);
            assert_eq!(c.kind, EnclosureKind::Typical);
            let computed = [c.width_in, c.height_in, c.ees_in, c.cf];
            for ((what, actual), value) in equations.iter().zip(computed).zip(values) {
                printed(what, actual, value, 3);
            }
        }
    }

    #[test]
    fn shallow_only_below_600_v_and_small_and_shallow() {
        // (config, Voc kV, height, width, depth mm) → §4.8's kind: each row changes one thing
        // of the first, the shallow box at its limits (< 600 V, < 508 mm, ≤ 203.2 mm deep).
        let cases = [
            (
                (Config::Vcb, 0.48, 355.6, 304.8, 203.2),
                EnclosureKind::Shallow,
            ),
            (
                (Config::Vcb, 0.6, 355.6, 304.8, 150.0),
                EnclosureKind::Typical,
            ),
            (
                (Config::Vcb, 0.48, 508.0, 304.8, 150.0),
                EnclosureKind::Typical,
            ),
            (
                (Config::Vcb, 0.48, 355.6, 304.8, 203.3),
                EnclosureKind::Typical,
            ),
            (
                (Config::Hoa, 0.48, 355.6, 304.8, 100.0),
                EnclosureKind::OpenAir,
            ),
        ];
        for ((config, voc_kv, height, width, depth), kind) in cases {
            let got = enclosure_kind(config, voc_kv, height, width, depth);
            assert_eq!(
                got, kind,
                "{} kV, {} × {} × {} mm",
                voc_kv, height, width, depth
            );
        }
    }

    #[test]
    fn small_typical_boxes_count_as_20_in_and_shallow_ones_as_they_are() {
        let typical = enclosure_correction(Config::Hcb, 0.48, 355.6, 304.8, 254.0);
        assert_eq!(
            (typical.width_in, typical.height_in, typical.ees_in),
            (20.0, 20.0, 20.0)
        );
        // Eq. (14), HCB: −0.0001923·400 + 0.01935·20 + 0.6899.
        printed(
            "eq. 14 CF",
            typical.cf,
            -0.0001923 * 400.0 + 0.01935 * 20.0 + 0.6899,
            12,
        );
        let shallow = enclosure_correction(Config::Hcb, 0.48, 355.6, 304.8, 100.0);
        let ees = (0.03937 * 355.6 + 0.03937 * 304.8) / 2.0;
        printed("EES", shallow.ees_in, ees, 12);
        // Eq. (15): the reciprocal of Table 7's shallow quadratic.
        printed(
            "eq. 15 CF",
            shallow.cf,
            1.0 / (-0.0005556 * ees * ees + 0.03722 * ees + 0.4778),
            12,
        );
    }

    #[test]
    fn dimensions_above_49_in_are_taken_as_49_in() {
        // Table 6: widths over 1244.6 mm use eq. (11) with 1244.6 mm; VCB heights over it are 49 in.
        let big = enclosure_correction(Config::Vcb, 4.16, 2000.0, 2000.0, 1000.0);
        let at_limit = enclosure_correction(Config::Vcb, 4.16, 1244.6, 1244.6, 1000.0);
        assert_eq!(big.width_in, at_limit.width_in);
        assert_eq!(big.height_in, 49.0);
        let vcbb = enclosure_correction(Config::Vcbb, 13.8, 1500.0, 900.0, 1000.0);
        // VCBB heights above 26 in scale by eq. (12) with A = 10, B = 24, at most 1244.6 mm.
        printed(
            "VCBB height",
            vcbb.height_in,
            (660.4 + (1244.6 - 660.4) * (13.8 + 10.0) / 24.0) / 25.4,
            12,
        );
        printed(
            "VCBB width",
            vcbb.width_in,
            (660.4 + (900.0 - 660.4) * (13.8 + 10.0) / 24.0) / 25.4,
            12,
        );
    }

    #[test]
    fn open_air_is_not_corrected() {
        let c = enclosure_correction(Config::Voa, 13.8, f64::NAN, f64::NAN, f64::NAN);
        assert_eq!(c.kind, EnclosureKind::OpenAir);
        assert_eq!(c.cf, 1.0);
        assert!(c.ees_in.is_nan());
    }
}
