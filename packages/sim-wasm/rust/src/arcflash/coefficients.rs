// SPDX-License-Identifier: LGPL-2.1-or-later
//! Coefficients of the IEEE 1584-2018 model: Table 1 (intermediate arcing currents, eq. 1),
//! Table 2 (arcing current variation, eq. 2), Tables 3–5 (incident energy and arc-flash
//! boundary at 600, 2700 and 14 300 V, eq. 3–10), the constants A and B of eq. 11/12 and
//! Table 7 (enclosure size correction, eq. 14/15).
//!
//! Typed from IEEE Std 1584-2018 and cross-checked value by value against the MIT-licensed
//! tables of LiaungYip/arcflash (`arcflash/ieee_1584/tables.py`, commit 9681cf2), which were
//! copied from the standard. Only the data is shared; the code here is our own.

/// Electrode configurations in the order of contracts' ELECTRODE_CONFIGS (the FFI index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Config {
    /// Vertical conductors in a box.
    Vcb = 0,
    /// Vertical conductors terminated in an insulating barrier, in a box.
    Vcbb = 1,
    /// Horizontal conductors in a box.
    Hcb = 2,
    /// Vertical conductors in open air.
    Voa = 3,
    /// Horizontal conductors in open air.
    Hoa = 4,
}

impl Config {
    pub fn from_index(i: i32) -> Option<Config> {
        match i {
            0 => Some(Config::Vcb),
            1 => Some(Config::Vcbb),
            2 => Some(Config::Hcb),
            3 => Some(Config::Voa),
            4 => Some(Config::Hoa),
            _ => None,
        }
    }

    /// VOA and HOA have no enclosure: no size correction (CF = 1) and no box dimensions.
    pub fn is_open_air(self) -> bool {
        matches!(self, Config::Voa | Config::Hoa)
    }

    fn row(self) -> usize {
        self as usize
    }
}

/// The three voltages the model was fitted at (kV), the columns of Table 1 and Tables 3/4/5.
pub const LEVELS_KV: [f64; 3] = [0.6, 2.7, 14.3];

/// Table 1: k1…k10 of eq. (1) per configuration, at 600 V, 2700 V and 14 300 V.
const TABLE_1: [[[f64; 10]; 3]; 5] = [
    // VCB
    [
        [
            -0.04287, 1.035, -0.083, 0.0, 0.0, -4.783e-9, 1.962e-6, -0.000229, 0.003141, 1.092,
        ],
        [
            0.0065, 1.001, -0.024, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5, -0.003191,
            0.9729,
        ],
        [
            0.005795, 1.015, -0.011, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729,
        ],
    ],
    // VCBB
    [
        [
            -0.017432, 0.98, -0.05, 0.0, 0.0, -5.767e-9, 2.524e-6, -0.00034, 0.01187, 1.013,
        ],
        [
            0.002823, 0.995, -0.0125, 0.0, -9.204e-11, 2.901e-8, -3.262e-6, 0.0001569, -0.004003,
            0.9825,
        ],
        [
            0.014827, 1.01, -0.01, 0.0, -9.204e-11, 2.901e-8, -3.262e-6, 0.0001569, -0.004003,
            0.9825,
        ],
    ],
    // HCB
    [
        [
            0.054922, 0.988, -0.11, 0.0, 0.0, -5.382e-9, 2.316e-6, -0.000302, 0.0091, 0.9725,
        ],
        [
            0.001011, 1.003, -0.0249, 0.0, 0.0, 4.859e-10, -1.814e-7, -9.128e-6, -0.0007, 0.9881,
        ],
        [
            0.008693, 0.999, -0.02, 0.0, -5.043e-11, 2.233e-8, -3.046e-6, 0.000116, -0.001145,
            0.9839,
        ],
    ],
    // VOA
    [
        [
            0.043785, 1.04, -0.18, 0.0, 0.0, -4.783e-9, 1.962e-6, -0.000229, 0.003141, 1.092,
        ],
        [
            -0.02395, 1.006, -0.0188, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729,
        ],
        [
            0.005371, 1.0102, -0.029, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729,
        ],
    ],
    // HOA
    [
        [
            0.111147, 1.008, -0.24, 0.0, 0.0, -3.895e-9, 1.641e-6, -0.000197, 0.002615, 1.1,
        ],
        [
            0.000435, 1.006, -0.038, 0.0, 0.0, 7.859e-10, -1.914e-7, -9.128e-6, -0.0007, 0.9981,
        ],
        [
            0.000904, 0.999, -0.02, 0.0, 0.0, 7.859e-10, -1.914e-7, -9.128e-6, -0.0007, 0.9981,
        ],
    ],
];

/// Table 2: k1…k7 of eq. (2), the arcing current variation correction factor.
const TABLE_2: [[f64; 7]; 5] = [
    [
        0.0, -1.4269e-6, 8.3137e-5, -0.0019382, 0.022366, -0.12645, 0.30226,
    ],
    [
        1.138e-6, -6.0287e-5, 0.0012758, -0.013778, 0.080217, -0.24066, 0.33524,
    ],
    [
        0.0, -3.097e-6, 0.00016405, -0.0033609, 0.033308, -0.16182, 0.34627,
    ],
    [
        9.5606e-7, -5.1543e-5, 0.0011161, -0.01242, 0.075125, -0.23584, 0.33696,
    ],
    [
        0.0, -3.1555e-6, 0.0001682, -0.0034607, 0.034124, -0.1599, 0.34629,
    ],
];

/// Tables 3, 4 and 5: k1…k13 of eq. (3)–(10) at 600 V (also used ≤ 600 V), 2700 V, 14 300 V.
const TABLES_3_4_5: [[[f64; 13]; 3]; 5] = [
    // VCB
    [
        [
            0.753364, 0.566, 1.752636, 0.0, 0.0, -4.783e-9, 1.962e-6, -0.000229, 0.003141, 1.092,
            0.0, -1.598, 0.957,
        ],
        [
            2.40021, 0.165, 0.354202, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729, 0.0, -1.569, 0.9778,
        ],
        [
            3.825917, 0.11, -0.999749, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729, 0.0, -1.568, 0.99,
        ],
    ],
    // VCBB
    [
        [
            3.068459, 0.26, -0.098107, 0.0, 0.0, -5.767e-9, 2.524e-6, -0.00034, 0.01187, 1.013,
            -0.06, -1.809, 1.19,
        ],
        [
            3.870592, 0.185, -0.736618, 0.0, -9.204e-11, 2.901e-8, -3.262e-6, 0.0001569, -0.004003,
            0.9825, 0.0, -1.742, 1.09,
        ],
        [
            3.644309, 0.215, -0.585522, 0.0, -9.204e-11, 2.901e-8, -3.262e-6, 0.0001569, -0.004003,
            0.9825, 0.0, -1.677, 1.06,
        ],
    ],
    // HCB
    [
        [
            4.073745, 0.344, -0.370259, 0.0, 0.0, -5.382e-9, 2.316e-6, -0.000302, 0.0091, 0.9725,
            0.0, -2.03, 1.036,
        ],
        [
            3.486391, 0.177, -0.193101, 0.0, 0.0, 4.859e-10, -1.814e-7, -9.128e-6, -0.0007, 0.9881,
            0.027, -1.723, 1.055,
        ],
        [
            3.044516, 0.125, 0.245106, 0.0, -5.043e-11, 2.233e-8, -3.046e-6, 0.000116, -0.001145,
            0.9839, 0.0, -1.655, 1.084,
        ],
    ],
    // VOA
    [
        [
            0.679294, 0.746, 1.222636, 0.0, 0.0, -4.783e-9, 1.962e-6, -0.000229, 0.003141, 1.092,
            0.0, -1.598, 0.997,
        ],
        [
            3.880724, 0.105, -1.906033, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729, 0.0, -1.515, 1.115,
        ],
        [
            3.405454, 0.12, -0.93245, -1.557e-12, 4.556e-10, -4.186e-8, 8.346e-7, 5.482e-5,
            -0.003191, 0.9729, 0.0, -1.534, 0.979,
        ],
    ],
    // HOA
    [
        [
            3.470417, 0.465, -0.261863, 0.0, 0.0, -3.895e-9, 1.641e-6, -0.000197, 0.002615, 1.1,
            0.0, -1.99, 1.04,
        ],
        [
            3.616266, 0.149, -0.761561, 0.0, 0.0, 7.859e-10, -1.914e-7, -9.128e-6, -0.0007, 0.9981,
            0.0, -1.639, 1.078,
        ],
        [
            2.04049, 0.177, 1.005092, 0.0, 0.0, 7.859e-10, -1.914e-7, -9.128e-6, -0.0007, 0.9981,
            -0.05, -1.633, 1.151,
        ],
    ],
];

/// Table 7: b1, b2, b3 of eq. (14) (typical enclosures) per enclosed configuration.
const TABLE_7_TYPICAL: [[f64; 3]; 3] = [
    [-0.000302, 0.03441, 0.4325],
    [-0.0002976, 0.032, 0.479],
    [-0.0001923, 0.01935, 0.6899],
];

/// Table 7: b1, b2, b3 of eq. (15) (shallow enclosures) per enclosed configuration.
const TABLE_7_SHALLOW: [[f64; 3]; 3] = [
    [0.002222, -0.02556, 0.6222],
    [-0.002778, 0.1194, -0.2778],
    [-0.0005556, 0.03722, 0.4778],
];

/// The constants A and B of eq. (11) and (12) (§4.8, Table 6): VCB 4/20, VCBB 10/24, HCB 10/22.
const EQ_11_12_A_B: [[f64; 2]; 3] = [[4.0, 20.0], [10.0, 24.0], [10.0, 22.0]];

/// Table 1 row for `config` at level `level` (0: 600 V, 1: 2700 V, 2: 14 300 V).
pub fn arcing_current_coefficients(config: Config, level: usize) -> &'static [f64; 10] {
    &TABLE_1[config.row()][level]
}

pub fn variation_coefficients(config: Config) -> &'static [f64; 7] {
    &TABLE_2[config.row()]
}

/// Table 3 (level 0), 4 (level 1) or 5 (level 2) row for `config`.
pub fn energy_coefficients(config: Config, level: usize) -> &'static [f64; 13] {
    &TABLES_3_4_5[config.row()][level]
}

/// Table 7 row for an enclosed configuration; None in open air.
pub fn enclosure_coefficients(config: Config, shallow: bool) -> Option<&'static [f64; 3]> {
    let table = if shallow {
        &TABLE_7_SHALLOW
    } else {
        &TABLE_7_TYPICAL
    };
    table.get(config.row()).filter(|_| !config.is_open_air())
}

/// A and B of eq. (11)/(12) for an enclosed configuration; None in open air.
pub fn equivalent_size_constants(config: Config) -> Option<(f64, f64)> {
    EQ_11_12_A_B
        .get(config.row())
        .filter(|_| !config.is_open_air())
        .map(|ab| (ab[0], ab[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_indices_follow_the_contract_order() {
        for (i, c) in [
            Config::Vcb,
            Config::Vcbb,
            Config::Hcb,
            Config::Voa,
            Config::Hoa,
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(Config::from_index(i as i32), Some(*c));
        }
        assert_eq!(Config::from_index(5), None);
        assert_eq!(Config::from_index(-1), None);
    }

    #[test]
    fn open_air_has_no_enclosure_coefficients() {
        assert!(enclosure_coefficients(Config::Voa, false).is_none());
        assert!(equivalent_size_constants(Config::Hoa).is_none());
        assert_eq!(
            enclosure_coefficients(Config::Hcb, true),
            Some(&[-0.0005556, 0.03722, 0.4778])
        );
    }
}
