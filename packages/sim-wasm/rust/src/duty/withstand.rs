// SPDX-License-Identifier: LGPL-2.1-or-later
//! Thermal withstand over the fault duration tk: short-time ratings and the adiabatic limit of
//! a conductor, both in terms of the Joule integral I²t.

/// A short-time withstand current I_r rated for t_r, referred to the fault duration tk by equal
/// I²t (IEC 60909-0:2016 §9.1 / eq. 102; IEC 62271-1:2017 §5.7 and §5.8), and never above I_r:
/// IEC 60865-1:2011 §7.1 allows Ith ≤ I_r for tk ≤ t_r and Ith ≤ I_r·√(t_r/tk) for tk ≥ t_r — a
/// shorter fault does not let the equipment carry more than its rated r.m.s. current.
pub fn short_time_rating_at(i_rated: f64, t_rated_s: f64, tk_s: f64) -> f64 {
    i_rated * (t_rated_s / tk_s).sqrt().min(1.0)
}

/// The Joule integral of the thermal equivalent current Ith over tk (kA²s).
pub fn joule_integral_ka2s(ith_ka: f64, tk_s: f64) -> f64 {
    ith_ka * ith_ka * tk_s
}

/// The adiabatic limit of a conductor, k²S² (IEC 60364-4-43:2008 §434.5.2, IEC 60949):
/// k in A·√s/mm², S in mm², so k²S² is in A²s; returned in kA²s (÷ 10⁶).
pub fn adiabatic_limit_ka2s(k: f64, s_mm2: f64) -> f64 {
    let ks = k * s_mm2;
    ks * ks * 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_time_rating_by_equal_i2t() {
        // 25 kA for 1 s over a 0.5 s fault: equal I²t would allow √1250 = 35.4 kA, but
        // IEC 60865-1 §7.1 keeps the rated 25 kA for tk ≤ t_r.
        assert_eq!(short_time_rating_at(25.0, 1.0, 0.5), 25.0);
        // 25 kA for 3 s over a 1 s fault: still 25 kA.
        assert_eq!(short_time_rating_at(25.0, 3.0, 1.0), 25.0);
        // Over 3 s: 25·√(1/3) = 14.434 kA.
        assert!((short_time_rating_at(25.0, 1.0, 3.0) - 25.0 / 3f64.sqrt()).abs() < 1e-12);
        assert_eq!(short_time_rating_at(16.0, 1.0, 1.0), 16.0);
    }

    #[test]
    fn adiabatic_limit_of_a_240_mm2_al_xlpe_cable() {
        // k = 94 (Al, XLPE, IEC 60364-4-43 Table 43A), S = 240 mm²:
        // (94·240)² = 22560² = 508 953 600 A²s = 508.9536 kA²s.
        assert!((adiabatic_limit_ka2s(94.0, 240.0) - 508.9536).abs() < 1e-9);
        assert!((joule_integral_ka2s(15.0, 1.0) - 225.0).abs() < 1e-12);
    }
}
