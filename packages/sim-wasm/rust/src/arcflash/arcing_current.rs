// SPDX-License-Identifier: LGPL-2.1-or-later
//! Arcing current, IEEE 1584-2018 §4.4 and §4.10: the intermediate values at the three test
//! voltages (eq. 1), the interpolation between them for 600 V < Voc ≤ 15 kV (eq. 16–18) and
//! the final value for Voc ≤ 600 V (eq. 25).

use super::coefficients::{arcing_current_coefficients, Config, LEVELS_KV};

/// Voc above this (kV) uses the interpolated model; at or below it, eq. (25).
pub const LOW_VOLTAGE_LIMIT_KV: f64 = 0.6;

/// Intermediate average arcing current at test voltage `level` (0: 600 V, 1: 2700 V,
/// 2: 14 300 V), eq. (1): Iarc_Voc = 10^(k1 + k2·lg Ibf + k3·lg G) · (k4·Ibf⁶ + k5·Ibf⁵ + k6·Ibf⁴
/// + k7·Ibf³ + k8·Ibf² + k9·Ibf + k10), Ibf in kA, G in mm, result in kA.
pub fn intermediate_arcing_current(config: Config, level: usize, ibf_ka: f64, gap_mm: f64) -> f64 {
    let k = arcing_current_coefficients(config, level);
    let power = k[0] + k[1] * ibf_ka.log10() + k[2] * gap_mm.log10();
    // Horner form of the sixth-degree polynomial k4·Ibf⁶ + … + k10.
    let poly = k[3..].iter().fold(0.0, |acc, &c| acc * ibf_ka + c);
    10f64.powf(power) * poly
}

/// The interpolation of eq. (16)–(18) (also eq. 19–21 for energies, eq. 22–24 for boundaries)
/// of a quantity x known at 600, 2700 and 14 300 V, for 0.6 kV < Voc ≤ 15 kV:
/// x1 = (x2700 − x600)/2.1·(Voc − 2.7) + x2700, x2 = (x14300 − x2700)/11.6·(Voc − 14.3) + x14300,
/// x3 = x1·(2.7 − Voc)/2.1 + x2·(Voc − 0.6)/2.1; the result is x3 up to 2.7 kV, x2 above.
pub fn interpolate(voc_kv: f64, x: [f64; 3]) -> f64 {
    let [v600, v2700, v14300] = LEVELS_KV;
    let x1 = (x[1] - x[0]) / (v2700 - v600) * (voc_kv - v2700) + x[1];
    let x2 = (x[2] - x[1]) / (v14300 - v2700) * (voc_kv - v14300) + x[2];
    if voc_kv > v2700 {
        return x2;
    }
    x1 * (v2700 - voc_kv) / (v2700 - v600) + x2 * (voc_kv - v600) / (v2700 - v600)
}

/// Final arcing current for Voc ≤ 600 V, eq. (25):
/// Iarc = 1 / √((0.6/Voc)² · (1/Iarc_600² − (0.6² − Voc²)/(0.6² · Ibf²))).
pub fn low_voltage_arcing_current(voc_kv: f64, ibf_ka: f64, iarc_600_ka: f64) -> f64 {
    let v = LOW_VOLTAGE_LIMIT_KV;
    let ratio = (v / voc_kv).powi(2);
    let inner =
        1.0 / (iarc_600_ka * iarc_600_ka) - (v * v - voc_kv * voc_kv) / (v * v * ibf_ka * ibf_ka);
    1.0 / (ratio * inner).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arcflash::tests::printed;

    #[test]
    fn annex_d1_intermediate_and_interpolated_currents() {
        // IEEE 1584-2018 Annex D.1: VCB, 4.16 kV, Ibf 15 kA, G 104 mm — eq. (D.9), (D.11),
        // (D.13) and (D.17).
        let at = |level| intermediate_arcing_current(Config::Vcb, level, 15.0, 104.0);
        printed("D.9", at(0), 11.117, 3);
        printed("D.11", at(1), 12.816, 3);
        printed("D.13", at(2), 14.116, 3);
        printed("D.17", interpolate(4.16, [at(0), at(1), at(2)]), 12.979, 3);
    }

    #[test]
    fn annex_d2_low_voltage_current() {
        // Annex D.2: VCB, 0.48 kV, Ibf 45 kA, G 32 mm — eq. (D.82) and (D.84).
        let i600 = intermediate_arcing_current(Config::Vcb, 0, 45.0, 32.0);
        printed("D.82", i600, 32.449, 3);
        printed(
            "D.84",
            low_voltage_arcing_current(0.48, 45.0, i600),
            28.793,
            3,
        );
    }

    #[test]
    fn interpolation_meets_the_test_voltages() {
        let x = [1.0, 2.0, 4.0];
        assert!((interpolate(2.7, x) - 2.0).abs() < 1e-12);
        assert!((interpolate(14.3, x) - 4.0).abs() < 1e-12);
        // Just above 600 V eq. (18) tends to the 600 V value.
        assert!((interpolate(0.6 + 1e-12, x) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn low_voltage_current_is_the_600_v_value_at_600_v() {
        assert!((low_voltage_arcing_current(0.6, 20.0, 13.0) - 13.0).abs() < 1e-12);
    }
}
