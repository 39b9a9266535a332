// SPDX-License-Identifier: LGPL-2.1-or-later
//! What a circuit breaker must interrupt at contact parting, and what it is rated to interrupt.

use std::f64::consts::{PI, SQRT_2};

/// D.c. component of the short-circuit current at time t, IEC 60909-0:2016 eq. (64):
/// i_DC = √2 · I''k · e^(−2π f t R/X), with the R/X the κ method gives at the fault.
pub fn dc_component(ikss: f64, f_hz: f64, t_s: f64, r_over_x: f64) -> f64 {
    SQRT_2 * ikss * (-2.0 * PI * f_hz * t_s * r_over_x).exp()
}

/// Asymmetrical breaking current, the r.m.s. of the symmetrical a.c. part and the d.c. part at
/// contact parting: I_b,asym = √(Ib² + i_DC²) (IEC 62271-100:2021 §4.101.2 / §6.106.5).
pub fn asymmetrical_breaking(ib: f64, i_dc: f64) -> f64 {
    ib.hypot(i_dc)
}

/// The percentage d.c. component a breaker is rated for at contact parting (IEC 62271-100 §4.101.2,
/// Figure 9 with its time constant): DC% = 100 · e^(−t_op/τ); τ is 45 ms unless the breaker
/// states another one.
pub fn rated_dc_percent(t_op_s: f64, tau_s: f64) -> f64 {
    100.0 * (-t_op_s / tau_s).exp()
}

/// Rated asymmetrical breaking current (IEC 62271-100 §4.101.2): Isc · √(1 + 2·(DC%/100)²).
pub fn rated_asymmetrical_breaking(isc: f64, dc_percent: f64) -> f64 {
    let d = dc_percent / 100.0;
    isc * (1.0 + 2.0 * d * d).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn dc_component_by_hand() {
        // I''k = 10 kA, 50 Hz, t = 0.05 s, R/X = 0.07: 2π·50·0.05·0.07 = 1.0995574,
        // e^(−1.0995574) = 0.3330184, i_DC = √2 · 10 · 0.3330184 = 4.7095919 kA.
        let i_dc = dc_component(10.0, 50.0, 0.05, 0.07);
        assert!((i_dc - 4.709_591_9).abs() < 1e-6, "{}", i_dc);
        // At t = 0 the d.c. component is the full offset √2·I''k.
        assert!(close(dc_component(10.0, 50.0, 0.0, 0.07), SQRT_2 * 10.0));
    }

    #[test]
    fn asymmetrical_current_adds_in_quadrature() {
        assert!(close(asymmetrical_breaking(3.0, 4.0), 5.0));
        assert!(close(asymmetrical_breaking(7.0, 0.0), 7.0));
    }

    #[test]
    fn rated_asymmetry_of_a_standard_breaker() {
        // τ = 45 ms, t_op = 45 ms: DC% = 100/e = 36.788 %; Isc·√(1 + 2·0.36788²) = 1.1268·Isc.
        let dc = rated_dc_percent(0.045, 0.045);
        assert!(close(dc, 100.0 / std::f64::consts::E));
        let d = 1.0 / std::f64::consts::E;
        assert!(close(
            rated_asymmetrical_breaking(16.0, dc),
            16.0 * (1.0 + 2.0 * d * d).sqrt()
        ));
        // With no d.c. component the asymmetrical rating is the symmetrical one.
        assert!(close(rated_asymmetrical_breaking(16.0, 0.0), 16.0));
    }

    #[test]
    fn missing_values_stay_missing() {
        assert!(rated_asymmetrical_breaking(f64::NAN, 30.0).is_nan());
        assert!(asymmetrical_breaking(f64::NAN, 1.0).is_nan());
    }
}
