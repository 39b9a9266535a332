// SPDX-License-Identifier: LGPL-2.1-or-later
//! Incident energy and arc-flash boundary, IEEE 1584-2018 §4.6–§4.7 and §4.10: the
//! intermediate energies at 600, 2700 and 14 300 V (eq. 3–5) or the energy at Voc ≤ 600 V
//! (eq. 6), and the matching boundaries (eq. 7–10), all of one exponent form.

use super::coefficients::{energy_coefficients, Config};

/// 12.552/50 J/cm² per ms of arc: the time factor of eq. (3)–(6), T in ms.
const ENERGY_PER_MS: f64 = 12.552 / 50.0;
/// The boundary is where the energy is 1.2 cal/cm² = 5.0208 J/cm²; with the time factor it is
/// the 20/T of eq. (7)–(10) (5.0208 · 50 / 12.552 = 20).
const BOUNDARY_TIME_NUMERATOR: f64 = 20.0;

/// The currents a row's energy at one test level (or ≤ 600 V) is computed from.
#[derive(Clone, Copy, Debug)]
pub struct EnergyCurrents {
    pub ibf_ka: f64,
    /// Iarc of the k3 term: the level's own intermediate current for eq. (3)–(5), Iarc_600 for
    /// eq. (6) (also for the reduced case: the standard keeps the 600 V value there).
    pub iarc_k3_ka: f64,
    /// Iarc of the k13 term: the level's intermediate current, or the final Iarc for eq. (6).
    pub iarc_ka: f64,
}

/// The exponent of eq. (3)–(6) without its distance term k12·lg D:
/// k1 + k2·lg G + k3·Iarc/(k4·Ibf⁷ + … + k10·Ibf) + k11·lg Ibf + k13·lg Iarc + lg(1/CF).
fn exponent_without_distance(k: &[f64; 13], gap_mm: f64, i: EnergyCurrents, cf: f64) -> f64 {
    // k4·Ibf⁷ + k5·Ibf⁶ + … + k10·Ibf in Horner form.
    let denominator = k[3..10].iter().fold(0.0, |acc, &c| acc * i.ibf_ka + c) * i.ibf_ka;
    k[0] + k[1] * gap_mm.log10()
        + k[2] * i.iarc_k3_ka / denominator
        + k[10] * i.ibf_ka.log10()
        + k[12] * i.iarc_ka.log10()
        + (1.0 / cf).log10()
}

/// Energy (J/cm²) and boundary (mm) of one exponent form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EnergyBoundary {
    pub e_j_cm2: f64,
    pub afb_mm: f64,
}

/// Eq. (3)/(4)/(5) for level 0/1/2 (Tables 3/4/5), or eq. (6) with level 0 for Voc ≤ 600 V:
/// E = 12.552/50 · T · 10^(exponent + k12·lg D); and eq. (7)–(10):
/// AFB = 10^((exponent − lg(20/T)) / −k12). T in ms, G and D in mm.
pub fn energy_and_boundary(
    config: Config,
    level: usize,
    gap_mm: f64,
    distance_mm: f64,
    currents: EnergyCurrents,
    cf: f64,
    time_ms: f64,
) -> EnergyBoundary {
    let k = energy_coefficients(config, level);
    let x = exponent_without_distance(k, gap_mm, currents, cf);
    let k12 = k[11];
    EnergyBoundary {
        e_j_cm2: ENERGY_PER_MS * time_ms * 10f64.powf(x + k12 * distance_mm.log10()),
        afb_mm: 10f64.powf((x - (BOUNDARY_TIME_NUMERATOR / time_ms).log10()) / -k12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_is_where_the_energy_is_1_2_cal_cm2() {
        let i = EnergyCurrents {
            ibf_ka: 20.0,
            iarc_k3_ka: 15.0,
            iarc_ka: 15.0,
        };
        for (config, level) in [(Config::Vcb, 0), (Config::Hcb, 1), (Config::Hoa, 2)] {
            let at = energy_and_boundary(config, level, 50.0, 600.0, i, 1.1, 150.0);
            let there = energy_and_boundary(config, level, 50.0, at.afb_mm, i, 1.1, 150.0);
            assert!((there.e_j_cm2 - 1.2 * 4.184).abs() < 1e-9, "{:?}", there);
        }
    }

    #[test]
    fn energy_is_proportional_to_time() {
        let i = EnergyCurrents {
            ibf_ka: 10.0,
            iarc_k3_ka: 8.0,
            iarc_ka: 8.0,
        };
        let one = energy_and_boundary(Config::Voa, 0, 25.0, 457.2, i, 1.0, 100.0);
        let two = energy_and_boundary(Config::Voa, 0, 25.0, 457.2, i, 1.0, 200.0);
        assert!((two.e_j_cm2 / one.e_j_cm2 - 2.0).abs() < 1e-12);
        assert!(two.afb_mm > one.afb_mm);
    }
}
