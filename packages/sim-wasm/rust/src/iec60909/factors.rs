// SPDX-License-Identifier: LGPL-2.1-or-later
//! Factors of IEC 60909-0:2016 that turn impedances and Ik'' into the currents engineers rate
//! equipment with. Equation and table numbers refer to that edition.

/// Voltage factor c of the equivalent voltage source (Table 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VoltageFactor {
    pub c_max: f64,
    pub c_min: f64,
}

/// Table 1. Low voltage (≤ 1 kV) depends on the system's voltage tolerance: +6 % gives
/// c_max 1.05 / c_min 0.95, +10 % gives 1.10 / 0.90. Above 1 kV: 1.10 / 1.00.
pub fn voltage_factor(vn_kv: f64, low_voltage_tolerance_10_percent: bool) -> VoltageFactor {
    if vn_kv > 1.0 {
        VoltageFactor {
            c_max: 1.10,
            c_min: 1.00,
        }
    } else if low_voltage_tolerance_10_percent {
        VoltageFactor {
            c_max: 1.10,
            c_min: 0.90,
        }
    } else {
        VoltageFactor {
            c_max: 1.05,
            c_min: 0.95,
        }
    }
}

/// K_T for network transformers, eq. (12a): 0.95 · c_max / (1 + 0.6 x_T), x_T in per unit of the
/// transformer's rating. Applied to the positive, negative and zero-sequence impedances.
pub fn k_t(c_max: f64, x_t_pu: f64) -> f64 {
    0.95 * c_max / (1.0 + 0.6 * x_t_pu)
}

/// K_G for generators connected directly to the network, eq. (18):
/// (U_n / U_rG) · c_max / (1 + x''_d · sin φ_rG).
pub fn k_g(un_kv: f64, urg_kv: f64, c_max: f64, xdss_pu: f64, sin_phi_rg: f64) -> f64 {
    (un_kv / urg_kv) * c_max / (1.0 + xdss_pu * sin_phi_rg)
}

/// K_S for power station units with an on-load tap changer, eq. (22):
/// (U_nQ² / U_rG²) · (U_rTLV² / U_rTHV²) · c_max / (1 + |x''_d − x_T| · sin φ_rG).
// One argument per quantity of the equation, named as there; the FFI passes them one by one.
#[allow(clippy::too_many_arguments)]
pub fn k_s(
    unq_kv: f64,
    urg_kv: f64,
    ur_lv_kv: f64,
    ur_hv_kv: f64,
    c_max: f64,
    xdss_pu: f64,
    x_t_pu: f64,
    sin_phi_rg: f64,
) -> f64 {
    (unq_kv * unq_kv) / (urg_kv * urg_kv) * (ur_lv_kv * ur_lv_kv) / (ur_hv_kv * ur_hv_kv) * c_max
        / (1.0 + (xdss_pu - x_t_pu).abs() * sin_phi_rg)
}

/// K_SO for power station units without an on-load tap changer, eq. (24):
/// U_nQ / (U_rG (1 + p_G)) · (U_rTLV / U_rTHV) · (1 ± p_T) · c_max / (1 + x''_d · sin φ_rG),
/// where `tap_factor` is (1 ± p_T) for the chosen tap position (1 at the main tap).
// One argument per quantity of the equation, named as there; the FFI passes them one by one.
#[allow(clippy::too_many_arguments)]
pub fn k_so(
    unq_kv: f64,
    urg_kv: f64,
    p_g: f64,
    ur_lv_kv: f64,
    ur_hv_kv: f64,
    tap_factor: f64,
    c_max: f64,
    xdss_pu: f64,
    sin_phi_rg: f64,
) -> f64 {
    unq_kv / (urg_kv * (1.0 + p_g)) * (ur_lv_kv / ur_hv_kv) * tap_factor * c_max
        / (1.0 + xdss_pu * sin_phi_rg)
}

/// Peak factor κ from the R/X ratio at the fault, eq. (55): 1.02 + 0.98 e^(−3 R/X).
pub fn kappa(r_over_x: f64) -> f64 {
    1.02 + 0.98 * (-3.0 * r_over_x).exp()
}

/// Method B (uniform ratio R/X of the meshed network's impedance at the fault), eq. (58):
/// κ_b = 1.15 · κ(R/X), where 1.15·κ is capped at 1.8 in low-voltage and 2.0 in higher-voltage
/// networks, and the 1.15 safety factor is not needed when R/X < 0.3 in every branch.
pub fn kappa_method_b(
    r_over_x: f64,
    low_voltage: bool,
    all_branches_r_over_x_below_0_3: bool,
) -> f64 {
    let k = kappa(r_over_x);
    if all_branches_r_over_x_below_0_3 {
        return k;
    }
    let cap = if low_voltage { 1.8 } else { 2.0 };
    (1.15 * k).min(cap)
}

/// Method C (equivalent frequency), eq. (59a–c): R/X = (R_c / X_c) · (f_c / f), where Z_c is the
/// impedance at the fault computed at f_c = 20 Hz (50 Hz systems) or 24 Hz (60 Hz systems).
pub fn r_over_x_method_c(rc: f64, xc: f64, f_c_hz: f64, f_hz: f64) -> f64 {
    (rc / xc) * (f_c_hz / f_hz)
}

/// The equivalent frequency of method C for a system frequency.
pub fn equivalent_frequency_hz(f_hz: f64) -> f64 {
    0.4 * f_hz
}

/// The tabulated minimum time delay (0.02, 0.05, 0.10 or 0.25 s) whose formula applies to t_min:
/// the largest one not above it, which errs towards larger breaking currents.
#[derive(Clone, Copy, PartialEq, Debug)]
enum DelayBracket {
    Ms20,
    Ms50,
    Ms100,
    Ms250,
}

fn delay_bracket(t_min_s: f64) -> DelayBracket {
    if t_min_s < 0.05 {
        DelayBracket::Ms20
    } else if t_min_s < 0.10 {
        DelayBracket::Ms50
    } else if t_min_s < 0.25 {
        DelayBracket::Ms100
    } else {
        DelayBracket::Ms250
    }
}

/// Decay factor μ of synchronous machines for the symmetrical breaking current, eq. (70):
/// μ depends on the minimum time delay t_min and on I''_kG / I_rG; μ = 1 when that ratio ≤ 2.
pub fn mu(ikss_over_ir: f64, t_min_s: f64) -> f64 {
    if ikss_over_ir <= 2.0 {
        return 1.0;
    }
    let x = ikss_over_ir;
    let value = match delay_bracket(t_min_s) {
        DelayBracket::Ms20 => 0.84 + 0.26 * (-0.26 * x).exp(),
        DelayBracket::Ms50 => 0.71 + 0.51 * (-0.30 * x).exp(),
        DelayBracket::Ms100 => 0.62 + 0.72 * (-0.32 * x).exp(),
        DelayBracket::Ms250 => 0.56 + 0.94 * (-0.38 * x).exp(),
    };
    value.min(1.0)
}

/// Factor q of asynchronous motors for the symmetrical breaking current, eq. (73), with
/// m = rated active power per pair of poles in MW; 0 ≤ q ≤ 1.
pub fn q(mw_per_pole_pair: f64, t_min_s: f64) -> f64 {
    let ln_m = mw_per_pole_pair.ln();
    let value = match delay_bracket(t_min_s) {
        DelayBracket::Ms20 => 1.03 + 0.12 * ln_m,
        DelayBracket::Ms50 => 0.79 + 0.12 * ln_m,
        DelayBracket::Ms100 => 0.57 + 0.12 * ln_m,
        DelayBracket::Ms250 => 0.26 + 0.10 * ln_m,
    };
    value.max(0.0).min(1.0)
}

/// Factor m for the heat effect of the d.c. component, eq. (A.1) of Annex A:
/// m = (e^(4 f T_k ln(κ − 1)) − 1) / (2 f T_k ln(κ − 1)).
pub fn m_factor(kappa: f64, f_hz: f64, tk_s: f64) -> f64 {
    let ln = (kappa - 1.0).ln();
    if !ln.is_finite() || ln == 0.0 {
        return 0.0;
    }
    ((4.0 * f_hz * tk_s * ln).exp() - 1.0) / (2.0 * f_hz * tk_s * ln)
}

/// Thermal equivalent short-circuit current, eq. (100): I_th = I''_k · √(m + n), with n = 1 for
/// far-from-generator faults (the a.c. component does not decay).
pub fn thermal_current(ikss: f64, m: f64, n: f64) -> f64 {
    ikss * (m + n).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn voltage_factors_follow_table_1() {
        assert_eq!(
            voltage_factor(0.4, false),
            VoltageFactor {
                c_max: 1.05,
                c_min: 0.95
            }
        );
        assert_eq!(
            voltage_factor(0.4, true),
            VoltageFactor {
                c_max: 1.10,
                c_min: 0.90
            }
        );
        assert_eq!(
            voltage_factor(20.0, false),
            VoltageFactor {
                c_max: 1.10,
                c_min: 1.00
            }
        );
    }

    #[test]
    fn kappa_spans_2_to_1_02() {
        assert!(close(kappa(0.0), 2.0, 1e-12));
        assert!(close(kappa(100.0), 1.02, 1e-12));
        // R/X = 0.1: 1.02 + 0.98 e^-0.3 = 1.746 (Figure 16 of the standard reads ≈ 1.75).
        assert!(close(kappa(0.1), 1.746, 1e-3));
    }

    #[test]
    fn method_b_caps_and_skips_the_safety_factor() {
        assert!(close(kappa_method_b(0.1, false, true), kappa(0.1), 1e-12));
        assert!(close(
            kappa_method_b(0.2, false, false),
            1.15 * kappa(0.2),
            1e-12
        ));
        assert_eq!(kappa_method_b(0.0, true, false), 1.8);
        assert_eq!(kappa_method_b(0.0, false, false), 2.0);
    }

    #[test]
    fn k_t_of_a_typical_distribution_transformer() {
        // x_T = 0.06 p.u., c_max = 1.05: 0.95·1.05/1.036 = 0.9628
        assert!(close(k_t(1.05, 0.06), 0.9628, 1e-4));
    }

    #[test]
    fn mu_is_one_near_rated_current_and_decreases_with_the_ratio() {
        assert_eq!(mu(1.5, 0.1), 1.0);
        assert!(mu(6.0, 0.02) > mu(6.0, 0.25));
        assert!(mu(6.0, 0.1) < mu(3.0, 0.1));
        // Between tabulated delays the shorter delay's (larger) μ applies.
        assert_eq!(mu(6.0, 0.07), mu(6.0, 0.05));
    }

    #[test]
    fn q_grows_with_power_per_pole_pair_and_is_capped() {
        assert!(q(0.5, 0.02) < q(2.0, 0.02));
        assert_eq!(q(10.0, 0.02), 1.0);
    }

    #[test]
    fn m_factor_vanishes_for_small_kappa_and_grows_with_it() {
        assert!(m_factor(1.02, 50.0, 1.0) < 0.01);
        assert!(m_factor(1.8, 50.0, 0.1) > m_factor(1.8, 50.0, 1.0));
        let ith = thermal_current(10.0, m_factor(1.8, 50.0, 1.0), 1.0);
        assert!(ith > 10.0 && ith < 10.5);
    }
}
