// SPDX-License-Identifier: LGPL-2.1-or-later
//! One row of the IEEE 1584-2018 procedure in the order of Annex D's steps: arcing currents
//! (full and reduced), then the enclosure correction, incident energies and boundaries for the
//! two arc durations. Inputs are checked by `range::check_row` first.

use super::arcing_current::{
    intermediate_arcing_current, interpolate, low_voltage_arcing_current, LOW_VOLTAGE_LIMIT_KV,
};
use super::coefficients::Config;
use super::enclosure::{enclosure_correction, EnclosureCorrection};
use super::incident_energy::{energy_and_boundary, EnergyBoundary, EnergyCurrents};
use super::range::ArcInput;
use super::variation::{reduced_arcing_current, variation_correction_factor};

const NAN3: [f64; 3] = [f64::NAN; 3];

/// Steps 1, 2, 8, 9 and 10 of Annex D: the final and reduced arcing currents (kA), VarCF, and
/// the intermediate currents at 600/2700/14 300 V (above 600 V both full and reduced; at or
/// below 600 V only Iarc_600 is used and the other entries are NaN).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArcingCurrents {
    pub iarc_ka: f64,
    pub iarc_min_ka: f64,
    pub varcf: f64,
    pub levels_ka: [f64; 3],
    pub levels_min_ka: [f64; 3],
}

fn is_low_voltage(voc_kv: f64) -> bool {
    voc_kv <= LOW_VOLTAGE_LIMIT_KV
}

pub fn arcing_currents(config: Config, r: &ArcInput) -> ArcingCurrents {
    let varcf = variation_correction_factor(config, r.voc_kv);
    let at = |level| intermediate_arcing_current(config, level, r.ibf_ka, r.gap_mm);
    if is_low_voltage(r.voc_kv) {
        let i600 = at(0);
        let iarc = low_voltage_arcing_current(r.voc_kv, r.ibf_ka, i600);
        return ArcingCurrents {
            iarc_ka: iarc,
            iarc_min_ka: reduced_arcing_current(iarc, varcf),
            varcf,
            levels_ka: [i600, f64::NAN, f64::NAN],
            levels_min_ka: NAN3,
        };
    }
    let levels = [at(0), at(1), at(2)];
    // Annex D.1 step 9 reduces each intermediate current (D.45–D.47), then interpolates.
    let levels_min = levels.map(|i| reduced_arcing_current(i, varcf));
    ArcingCurrents {
        iarc_ka: interpolate(r.voc_kv, levels),
        iarc_min_ka: interpolate(r.voc_kv, levels_min),
        varcf,
        levels_ka: levels,
        levels_min_ka: levels_min,
    }
}

/// The energy and boundary of one case (full or reduced), with the intermediate values at the
/// three test voltages above 600 V (NaN at or below 600 V, where eq. 6 and 10 give them directly).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CaseEnergy {
    pub total: EnergyBoundary,
    pub levels: [EnergyBoundary; 3],
}

/// Steps 3–7 and 11–14 of Annex D for both cases.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IncidentEnergies {
    pub enclosure: EnclosureCorrection,
    pub full: CaseEnergy,
    pub reduced: CaseEnergy,
}

const NAN_ENERGY: EnergyBoundary = EnergyBoundary {
    e_j_cm2: f64::NAN,
    afb_mm: f64::NAN,
};

/// One case: `levels_ka` the intermediate currents above 600 V; `iarc_ka` the final current at
/// or below 600 V, where the k3 term keeps the full Iarc_600 in both cases (eq. 6 and 10 take
/// Iarc_600 from step 1; Annex D.2 step 10 reuses it for Iarc_min, D.103).
fn case_energy(
    config: Config,
    r: &ArcInput,
    c: &ArcingCurrents,
    reduced: bool,
    cf: f64,
    time_ms: f64,
) -> CaseEnergy {
    let energy = |level, iarc_k3_ka, iarc_ka| {
        let currents = EnergyCurrents {
            ibf_ka: r.ibf_ka,
            iarc_k3_ka,
            iarc_ka,
        };
        energy_and_boundary(
            config,
            level,
            r.gap_mm,
            r.distance_mm,
            currents,
            cf,
            time_ms,
        )
    };
    if is_low_voltage(r.voc_kv) {
        let iarc = if reduced { c.iarc_min_ka } else { c.iarc_ka };
        return CaseEnergy {
            total: energy(0, c.levels_ka[0], iarc),
            levels: [NAN_ENERGY; 3],
        };
    }
    let currents = if reduced {
        c.levels_min_ka
    } else {
        c.levels_ka
    };
    let levels = [0, 1, 2].map(|l| energy(l, currents[l], currents[l]));
    // Eq. (19)–(21) for the energy, eq. (22)–(24) for the boundary.
    let total = EnergyBoundary {
        e_j_cm2: interpolate(r.voc_kv, levels.map(|l| l.e_j_cm2)),
        afb_mm: interpolate(r.voc_kv, levels.map(|l| l.afb_mm)),
    };
    CaseEnergy { total, levels }
}

pub fn incident_energies(
    config: Config,
    r: &ArcInput,
    c: &ArcingCurrents,
    time_ms: f64,
    time_min_ms: f64,
) -> IncidentEnergies {
    let enclosure = enclosure_correction(config, r.voc_kv, r.height_mm, r.width_mm, r.depth_mm);
    IncidentEnergies {
        enclosure,
        full: case_energy(config, r, c, false, enclosure.cf, time_ms),
        reduced: case_energy(config, r, c, true, enclosure.cf, time_min_ms),
    }
}
