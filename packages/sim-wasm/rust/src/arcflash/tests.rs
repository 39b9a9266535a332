// SPDX-License-Identifier: LGPL-2.1-or-later
//! IEEE 1584-2018 Annex D.1 and D.2, every intermediate and final value to its printed
//! precision (the printed values as reproduced in LiaungYip/arcflash
//! `arcflash/ieee_1584/test_example_calcs.py`); equation numbers are Annex D's.

use super::model::{arcing_currents, incident_energies};
use super::range::{check_row, ArcInput};

/// |a − b| below half a unit of the last printed digit; `what` names the value (an Annex D
/// equation number). Shared by the step modules' tests.
pub(super) fn printed(what: &str, a: f64, b: f64, decimals: i32) {
    assert!(
        (a - b).abs() < 0.5 * 10f64.powi(-decimals),
        "{}: {} vs printed {}",
        what,
        a,
        b
    );
}

/// Annex D.1's inputs: VCB (config 0), 4.16 kV, Ibf 15 kA, G 104 mm, D 914.4 mm,
/// 1143 × 762 × 508 mm. Shared by the step modules' tests.
pub(super) fn annex_d1() -> ArcInput {
    ArcInput {
        voc_kv: 4.16,
        ibf_ka: 15.0,
        config: 0,
        gap_mm: 104.0,
        distance_mm: 914.4,
        height_mm: 1143.0,
        width_mm: 762.0,
        depth_mm: 508.0,
    }
}

/// Annex D.2's inputs: VCB, 0.48 kV, Ibf 45 kA, G 32 mm, D 609.6 mm, 610 × 610 × 254 mm.
pub(super) fn annex_d2() -> ArcInput {
    ArcInput {
        voc_kv: 0.48,
        ibf_ka: 45.0,
        config: 0,
        gap_mm: 32.0,
        distance_mm: 609.6,
        height_mm: 610.0,
        width_mm: 610.0,
        depth_mm: 254.0,
    }
}

#[test]
fn annex_d1_medium_voltage() {
    let r = annex_d1();
    let config = check_row(&r).unwrap();
    let c = arcing_currents(config, &r);
    printed("D.9", c.levels_ka[0], 11.117, 3);
    printed("D.11", c.levels_ka[1], 12.816, 3);
    printed("D.13", c.levels_ka[2], 14.116, 3);
    printed("D.17", c.iarc_ka, 12.979, 3);
    printed("D.43", c.varcf, 0.047, 3);
    printed("D.45", c.levels_min_ka[0], 10.856, 3);
    printed("D.46", c.levels_min_ka[1], 12.515, 3);
    printed("D.47", c.levels_min_ka[2], 13.786, 3);
    printed("D.51", c.iarc_min_ka, 12.675, 3);
    let e = incident_energies(config, &r, &c, 197.0, 223.0);
    printed("D.19", e.enclosure.width_in, 27.632, 3);
    printed("D.20", e.enclosure.height_in, 45.0, 3);
    printed("D.21", e.enclosure.ees_in, 36.316, 3);
    printed("D.22", e.enclosure.cf, 1.284, 3);
    let f = e.full;
    printed("D.24", f.levels[0].e_j_cm2, 8.652, 3);
    printed("D.26", f.levels[1].e_j_cm2, 11.977, 3);
    printed("D.28", f.levels[2].e_j_cm2, 13.367, 3);
    printed("D.32", f.total.e_j_cm2, 12.152, 3);
    printed("D.34", f.levels[0].afb_mm, 1285.0, 0);
    printed("D.36", f.levels[1].afb_mm, 1591.0, 0);
    printed("D.38", f.levels[2].afb_mm, 1707.0, 0);
    printed("D.42", f.total.afb_mm, 1606.0, 0);
    let m = e.reduced;
    printed("D.54", m.levels[0].e_j_cm2, 8.980, 3);
    printed("D.56", m.levels[1].e_j_cm2, 13.018, 3);
    printed("D.58", m.levels[2].e_j_cm2, 15.602, 3);
    printed("D.62", m.total.e_j_cm2, 13.343, 3);
    printed("D.64", m.levels[0].afb_mm, 1316.0, 0);
    printed("D.66", m.levels[1].afb_mm, 1678.0, 0);
    printed("D.68", m.levels[2].afb_mm, 1884.0, 0);
    printed("D.72", m.total.afb_mm, 1704.0, 0);
}

#[test]
fn annex_d2_low_voltage() {
    let r = annex_d2();
    let config = check_row(&r).unwrap();
    let c = arcing_currents(config, &r);
    printed("D.82", c.levels_ka[0], 32.449, 3);
    printed("D.84", c.iarc_ka, 28.793, 3);
    printed("D.96", c.varcf, 0.247, 3);
    printed("D.99", c.iarc_min_ka, 25.244, 3);
    let e = incident_energies(config, &r, &c, 61.3, 319.0);
    printed("D.86", e.enclosure.width_in, 24.016, 3);
    printed("D.87", e.enclosure.height_in, 24.016, 3);
    printed("D.88", e.enclosure.ees_in, 24.016, 3);
    printed("D.89", e.enclosure.cf, 1.085, 3);
    printed("D.91", e.full.total.e_j_cm2, 11.585, 3);
    printed("D.95", e.full.total.afb_mm, 1029.0, 0);
    printed("D.103", e.reduced.total.e_j_cm2, 53.156, 3);
    printed("D.106", e.reduced.total.afb_mm, 2669.0, 0);
}
