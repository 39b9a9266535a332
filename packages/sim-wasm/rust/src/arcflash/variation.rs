// SPDX-License-Identifier: LGPL-2.1-or-later
//! Arcing current variation, IEEE 1584-2018 §4.9: the correction factor VarCF of eq. (2) and
//! the reduced arcing current Iarc_min = Iarc · (1 − 0.5 · VarCF) a second arc duration is
//! found for, because a lower arcing current can trip the protection later.

use super::coefficients::{variation_coefficients, Config};

/// Eq. (2): VarCF = k1·Voc⁶ + k2·Voc⁵ + k3·Voc⁴ + k4·Voc³ + k5·Voc² + k6·Voc + k7 (Voc in kV).
pub fn variation_correction_factor(config: Config, voc_kv: f64) -> f64 {
    variation_coefficients(config)
        .iter()
        .fold(0.0, |acc, &c| acc * voc_kv + c)
}

/// The reduced arcing current of §4.9: Iarc_min = Iarc · (1 − 0.5 · VarCF).
pub fn reduced_arcing_current(iarc_ka: f64, varcf: f64) -> f64 {
    iarc_ka * (1.0 - 0.5 * varcf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_d_variation_factors() {
        // Annex D.1 (4.16 kV, VCB): VarCF = 0.047 (D.43), 1 − 0.5·VarCF = 0.977 (D.44).
        let d1 = variation_correction_factor(Config::Vcb, 4.16);
        assert!((d1 - 0.047).abs() < 0.0005, "{}", d1);
        assert!((reduced_arcing_current(1.0, d1) - 0.977).abs() < 0.0005);
        // Annex D.2 (0.48 kV, VCB): VarCF = 0.247 (D.96), 0.877 (D.97); Iarc_min = 25.244 kA
        // from Iarc = 28.793 kA (D.99).
        let d2 = variation_correction_factor(Config::Vcb, 0.48);
        assert!((d2 - 0.247).abs() < 0.0005, "{}", d2);
        assert!((reduced_arcing_current(1.0, d2) - 0.877).abs() < 0.0005);
    }
}
