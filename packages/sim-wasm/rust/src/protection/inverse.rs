// SPDX-License-Identifier: LGPL-2.1-or-later
//! Dependent-time (inverse) overcurrent characteristics of one form,
//! t = TMS · (k / ((I/Is)^α − 1) + c) seconds:
//! IEC 60255-151:2009 Table 1 (c = 0): standard inverse (k 0.14, α 0.02), very inverse (13.5,
//! 1), extremely inverse (80, 2), and long-time inverse (120, 1) as listed with them;
//! IEEE C37.112-2018 (t = TD · (A / (M^p − 1) + B)): moderately inverse (A 0.0515, p 0.02,
//! B 0.114), very inverse (19.61, 2, 0.491), extremely inverse (28.2, 2, 0.1217).
//! The constants agree with relay manuals that quote both standards (e.g. Toshiba GR200
//! Table 2.6-2 "Constants for IDMT", DEIF PPM-300 Table 3.40, ABB REX610 "Standard
//! inverse-time characteristics").
//!
//! Operating region (decided here, conservative for arc durations — a longer time never
//! understates the energy):
//! - IEC curves: IEC 60255-151:2009 only requires a dependent-time relay to start at up to
//!   1.1·GS and defines the characteristic up to GD = 20·GS; relays "fully comply with the IEC
//!   curve definition" by holding the time at its 20·GS value above that (ABB REB650 technical
//!   manual, "Minimum time-lag operation for the IEC curves"). So no trip below 1.1·Is, and
//!   t(20·Is) above 20·Is.
//! - IEEE C37.112 curves: defined for M = I/Is > 1; no trip at or below the pickup.
/// The curves in the order of contracts' PROTECTION_CURVES (the FFI index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    IecStandardInverse = 0,
    IecVeryInverse = 1,
    IecExtremelyInverse = 2,
    IecLongTimeInverse = 3,
    IeeeModeratelyInverse = 4,
    IeeeVeryInverse = 5,
    IeeeExtremelyInverse = 6,
}

/// (k or A, α or p, c or B) per curve.
const CONSTANTS: [(f64, f64, f64); 7] = [
    (0.14, 0.02, 0.0),
    (13.5, 1.0, 0.0),
    (80.0, 2.0, 0.0),
    (120.0, 1.0, 0.0),
    (0.0515, 0.02, 0.114),
    (19.61, 2.0, 0.491),
    (28.2, 2.0, 0.1217),
];

impl Curve {
    pub fn from_index(i: i32) -> Option<Curve> {
        use Curve::*;
        [
            IecStandardInverse,
            IecVeryInverse,
            IecExtremelyInverse,
            IecLongTimeInverse,
            IeeeModeratelyInverse,
            IeeeVeryInverse,
            IeeeExtremelyInverse,
        ]
        .get(usize::try_from(i).ok()?)
        .copied()
    }
}

/// IEC 60255-151: the relay starts for sure from 1.1·GS; the characteristic ends at GD = 20·GS.
const IEC_START_MULTIPLE: f64 = 1.1;
const IEC_LAST_MULTIPLE: f64 = 20.0;

impl Curve {
    fn is_iec(self) -> bool {
        (self as usize) < 4
    }
}

/// Operating time (ms) at current `current_ka` for setting `pickup_ka` and multiplier `tms`;
/// +∞ where the relay does not operate (see the operating region above).
pub fn inverse_time_ms(curve: Curve, pickup_ka: f64, tms: f64, current_ka: f64) -> f64 {
    let mut m = current_ka / pickup_ka;
    let starts = if curve.is_iec() {
        m >= IEC_START_MULTIPLE
    } else {
        m > 1.0
    };
    if !starts {
        return f64::INFINITY;
    }
    if curve.is_iec() {
        m = m.min(IEC_LAST_MULTIPLE);
    }
    let (k, alpha, c) = CONSTANTS[curve as usize];
    1000.0 * tms * (k / (m.powf(alpha) - 1.0) + c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Curve::*;

    fn seconds(curve: Curve, m: f64, tms: f64) -> f64 {
        inverse_time_ms(curve, 1.0, tms, m) / 1000.0
    }

    #[test]
    fn iec_curves_against_a_published_table() {
        // LS Industrial Systems GIPAM user manual §"operating characteristic" (TD = 1),
        // printed to 3 decimals: SI 10.029 s at 2·Is and 2.971 s at 10·Is, VI 13.500 / 1.500,
        // EI 26.667 / 0.808, LTI 120.000 / 13.333; at 20·Is SI 2.267, VI 0.711, EI 0.201, LTI 6.316.
        let rows = [
            (IecStandardInverse, [10.029, 2.971, 2.267]),
            (IecVeryInverse, [13.5, 1.5, 0.711]),
            (IecExtremelyInverse, [26.667, 0.808, 0.201]),
            (IecLongTimeInverse, [120.0, 13.333, 6.316]),
        ];
        for (curve, times) in rows {
            for (m, t) in [2.0, 10.0, 20.0].iter().zip(times) {
                let got = seconds(curve, *m, 1.0);
                assert!((got - t).abs() < 0.0005, "{:?} at {}: {}", curve, m, got);
            }
        }
    }

    #[test]
    fn ieee_curves_against_a_published_table() {
        // GE Multilin M60 instruction manual, table "IEEE curve trip times" (TDM = 1):
        // MI 6.439 s at 1.5·Ipu, 3.803 at 2, 1.946 at 4, 1.207 at 10;
        // VI 16.179 at 1.5, 7.028 at 2, 1.798 at 4, 0.689 at 10.
        let rows = [
            (IeeeModeratelyInverse, [6.439, 3.803, 1.946, 1.207]),
            (IeeeVeryInverse, [16.179, 7.028, 1.798, 0.689]),
        ];
        for (curve, times) in rows {
            for (m, t) in [1.5, 2.0, 4.0, 10.0].iter().zip(times) {
                let got = seconds(curve, *m, 1.0);
                assert!((got - t).abs() < 0.0005, "{:?} at {}: {}", curve, m, got);
            }
        }
        // IEEE EI by the C37.112 formula: 28.2/(10² − 1) + 0.1217 = 0.40655 s at M = 10.
        assert!((seconds(IeeeExtremelyInverse, 10.0, 1.0) - (28.2 / 99.0 + 0.1217)).abs() < 1e-12);
    }

    #[test]
    fn time_scales_with_the_multiplier() {
        assert!((seconds(IecStandardInverse, 10.0, 0.1) - 0.2971).abs() < 0.00005);
        assert!((seconds(IeeeVeryInverse, 4.0, 0.5) - 0.899).abs() < 0.0005);
    }

    #[test]
    fn operating_region() {
        // IEEE: no trip at or below the pickup, the formula just above it.
        assert_eq!(
            inverse_time_ms(IeeeVeryInverse, 2.0, 1.0, 2.0),
            f64::INFINITY
        );
        assert!(inverse_time_ms(IeeeVeryInverse, 2.0, 1.0, 2.02).is_finite());
        // IEC: no trip below 1.1·Is, the formula from 1.1·Is (SI: 0.14/(1.1^0.02 − 1) = 73.37 s).
        assert_eq!(
            inverse_time_ms(IecVeryInverse, 2.0, 1.0, 2.1),
            f64::INFINITY
        );
        let at_start = seconds(IecStandardInverse, 1.1, 1.0);
        assert!((at_start - 0.14 / (1.1f64.powf(0.02) - 1.0)).abs() < 1e-9);
        // IEC above 20·Is: held at t(20·Is) (GIPAM table: EI 0.201 s).
        assert_eq!(
            seconds(IecExtremelyInverse, 50.0, 1.0),
            seconds(IecExtremelyInverse, 20.0, 1.0)
        );
        assert!((seconds(IecExtremelyInverse, 50.0, 1.0) - 0.201).abs() < 0.0005);
        // IEEE keeps following the formula.
        assert!(
            seconds(IeeeExtremelyInverse, 50.0, 1.0) < seconds(IeeeExtremelyInverse, 20.0, 1.0)
        );
        assert_eq!(
            inverse_time_ms(IeeeVeryInverse, 2.0, 1.0, f64::NAN),
            f64::INFINITY
        );
        assert_eq!(Curve::from_index(7), None);
        assert_eq!(Curve::from_index(-1), None);
    }
}
