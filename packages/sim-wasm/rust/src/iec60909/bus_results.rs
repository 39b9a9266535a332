// SPDX-License-Identifier: LGPL-2.1-or-later
//! Per fault bus: I''k, ip, Ib and Ith from the impedances at the fault (IEC 60909-0:2016
//! §7–9 and Annex A). Everything is per unit; the caller scales by the bus's base current.

use super::factors::{
    equivalent_frequency_hz, kappa, kappa_method_b, m_factor, r_over_x_method_c, thermal_current,
};
use super::fault::{earth_current, fault_current, sequence_currents, FaultType, SequenceCurrents};
use crate::complex::Complex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KappaMethod {
    /// Uniform ratio R/X of the impedance at the fault, with the 1.15 safety factor, eq. (58).
    B,
    /// Equivalent frequency: R/X from Z(1) computed at f_c = 0.4 f, eq. (59).
    C,
}

#[derive(Clone, Copy, Debug)]
pub struct StudyParams {
    pub fault: FaultType,
    pub kappa_method: KappaMethod,
    pub f_hz: f64,
    pub tk_s: f64,
    /// Every branch has R/X < 0.3, so method B may omit its 1.15 factor.
    pub all_branches_r_over_x_below_0_3: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct BusInput {
    pub z1: Complex,
    /// Z(2): Z(1) unless a generator's negative-sequence data makes it differ (§6.6.1).
    pub z2: Complex,
    pub z0: Option<Complex>,
    /// Z(1) of the peak-current network: generators with their fictitious resistance R_Gf
    /// (§6.6.1), at the equivalent frequency f_c for method C, at f for method B.
    pub z_peak: Complex,
    pub c: f64,
    /// Σ |Z(1)fj| · I_j of converter current sources: the voltage they add at the fault (§7.1.2).
    pub source_voltage: f64,
    pub low_voltage: bool,
    /// Σ (ΔU''/c)(1 − μ q) I''k of the machines, eq. (75); 0 far from generators.
    pub decay: f64,
    /// Fault impedance Z_f (per unit of the bus's base); zero for IEC 60909's bolted fault.
    pub zf: Complex,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BusOutput {
    pub ikss: f64,
    pub ike: f64,
    pub kappa: f64,
    /// The R/X the κ method uses (method B without its 1.15 factor, method C (Rc/Xc)·(fc/f)):
    /// the d.c. component at contact parting decays with it (eq. 64).
    pub r_over_x: f64,
    pub ip: f64,
    pub ib: f64,
    pub ith: f64,
    pub sequence: SequenceCurrents,
}

/// R/X of an impedance; a net capacitive X (series-compensated data) counts by magnitude, so
/// κ stays within the standard's 1.02..2.0.
fn r_over_x(z: Complex) -> f64 {
    (z.re / z.im.abs()).max(0.0)
}

/// The R/X of the κ method at the fault: method B, R/X of the peak network's impedance (eq. 58
/// before its 1.15 factor); method C, (Rc/Xc)·(fc/f) of that network at f_c (eq. 59).
/// With a fault impedance the d.c. component decays with the R/X of the whole fault loop, so
/// Z_f joins the peak network's impedance (its reactance at f_c for method C).
fn kappa_r_over_x(p: &StudyParams, b: &BusInput) -> f64 {
    let zf = match p.kappa_method {
        KappaMethod::B => b.zf,
        KappaMethod::C => Complex::new(b.zf.re, b.zf.im * equivalent_frequency_hz(p.f_hz) / p.f_hz),
    };
    let loop_z = b.z_peak + zf;
    let z = Complex::new(loop_z.re, loop_z.im.abs());
    match p.kappa_method {
        KappaMethod::B => r_over_x(z),
        KappaMethod::C => {
            r_over_x_method_c(z.re.max(0.0), z.im, equivalent_frequency_hz(p.f_hz), p.f_hz)
        }
    }
}

fn peak_factor(p: &StudyParams, b: &BusInput, r_over_x: f64) -> f64 {
    match p.kappa_method {
        KappaMethod::B => {
            kappa_method_b(r_over_x, b.low_voltage, p.all_branches_r_over_x_below_0_3)
        }
        KappaMethod::C => kappa(r_over_x),
    }
}

/// One fault bus. Converter sources add a current without d.c. component, so their part of
/// I''k enters ip as √2·I''k (eq. 57 of the 2016 edition); Ib decays only for 3ph faults
/// (§9.1.1: unbalanced faults take Ib = I''k). With a fault impedance Ib = I''k as well: eq. (75)
/// is defined for bolted faults, and its μ and q grow as the machines' currents fall, so the
/// bolted-fault decay would understate Ib; I''k is the upper bound.
pub fn bus_result(p: &StudyParams, b: &BusInput) -> BusOutput {
    let from_source = fault_current(sequence_currents(p.fault, b.c, b.z1, b.z2, b.z0, b.zf));
    let from_converters = fault_current(sequence_currents(
        p.fault,
        b.source_voltage,
        b.z1,
        b.z2,
        b.z0,
        b.zf,
    ));
    let sequence = sequence_currents(p.fault, b.c + b.source_voltage, b.z1, b.z2, b.z0, b.zf);
    let ikss = from_source + from_converters;
    let rx = kappa_r_over_x(p, b);
    let k = peak_factor(p, b, rx);
    let ip = std::f64::consts::SQRT_2 * (k * from_source + from_converters);
    let bolted = b.zf == Complex::ZERO;
    let ib = match p.fault {
        FaultType::ThreePhase if bolted => (ikss - b.decay).max(0.0),
        _ => ikss,
    };
    let ith = thermal_current(ikss, m_factor(k, p.f_hz, p.tk_s), 1.0);
    BusOutput {
        ikss,
        ike: earth_current(sequence),
        kappa: k,
        r_over_x: rx,
        ip,
        ib,
        ith,
        sequence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(fault: FaultType, kappa_method: KappaMethod) -> StudyParams {
        StudyParams {
            fault,
            kappa_method,
            f_hz: 50.0,
            tk_s: 1.0,
            all_branches_r_over_x_below_0_3: false,
        }
    }

    fn input(z1: Complex) -> BusInput {
        BusInput {
            z1,
            z2: z1,
            z0: None,
            z_peak: z1,
            c: 1.1,
            source_voltage: 0.0,
            low_voltage: false,
            decay: 0.0,
            zf: Complex::ZERO,
        }
    }

    #[test]
    fn far_from_generator_three_phase_fault() {
        let z1 = Complex::new(0.2, 1.0);
        let out = bus_result(&params(FaultType::ThreePhase, KappaMethod::B), &input(z1));
        assert!((out.ikss - 1.1 / z1.abs()).abs() < 1e-12);
        assert_eq!(out.ib, out.ikss);
        assert!((out.ip - 1.15 * kappa(0.2) * 2f64.sqrt() * out.ikss).abs() < 1e-12);
        assert!(out.ith > out.ikss);
    }

    #[test]
    fn method_c_reads_the_equivalent_frequency_impedance() {
        // A pure R–L path: at f_c = 20 Hz, X is 0.4·X, so (Rc/Xc)·(fc/f) = R/X and κ_C = κ(R/X).
        let z1 = Complex::new(0.1, 1.0);
        let b = BusInput {
            z_peak: Complex::new(0.1, 0.4),
            ..input(z1)
        };
        let out = bus_result(&params(FaultType::ThreePhase, KappaMethod::C), &b);
        assert!((out.kappa - kappa(0.1)).abs() < 1e-12);
        assert!((out.r_over_x - 0.1).abs() < 1e-12);
    }

    #[test]
    fn method_b_reports_the_ratio_without_its_safety_factor() {
        let out = bus_result(
            &params(FaultType::ThreePhase, KappaMethod::B),
            &input(Complex::new(0.2, 1.0)),
        );
        assert!((out.r_over_x - 0.2).abs() < 1e-12);
        assert!((out.kappa - 1.15 * kappa(0.2)).abs() < 1e-12);
    }

    #[test]
    fn net_capacitive_reactance_keeps_kappa_in_range() {
        let b = BusInput {
            z_peak: Complex::new(0.01, -0.02),
            ..input(Complex::new(0.01, -0.02))
        };
        for method in [KappaMethod::B, KappaMethod::C] {
            let k = bus_result(&params(FaultType::ThreePhase, method), &b).kappa;
            assert!((1.02..=2.0).contains(&k), "{:?}: {}", method, k);
        }
    }

    #[test]
    fn converter_current_adds_without_dc_component() {
        let z1 = Complex::new(0.0, 1.0);
        let b = BusInput {
            source_voltage: 0.1,
            ..input(z1)
        };
        let out = bus_result(&params(FaultType::ThreePhase, KappaMethod::B), &b);
        assert!((out.ikss - 1.2).abs() < 1e-12);
        let sqrt2 = 2f64.sqrt();
        assert!((out.ip - sqrt2 * (out.kappa * 1.1 + 0.1)).abs() < 1e-12);
    }

    #[test]
    fn breaking_current_decays_for_balanced_faults_only() {
        let b = BusInput {
            decay: 0.2,
            z0: Some(Complex::new(0.0, 1.0)),
            ..input(Complex::new(0.0, 1.0))
        };
        assert!(
            (bus_result(&params(FaultType::ThreePhase, KappaMethod::B), &b).ib - 0.9).abs() < 1e-12
        );
        let one = bus_result(&params(FaultType::LineToEarth, KappaMethod::B), &b);
        assert_eq!(one.ib, one.ikss);
    }

    #[test]
    fn fault_impedance_joins_the_loop_for_i_k_and_kappa() {
        // Hand calculation: Z1 = 0.2 + j1.0, Z_f = 0.3 + j0: I''k = 1.1/|0.5 + j1.0| = 0.98387 pu;
        // method B: R/X of the loop 0.5, κ = 1.02 + 0.98 e^{−1.5} = 1.23867, times 1.15.
        let b = BusInput {
            zf: Complex::new(0.3, 0.0),
            decay: 0.2,
            ..input(Complex::new(0.2, 1.0))
        };
        let out = bus_result(&params(FaultType::ThreePhase, KappaMethod::B), &b);
        assert!((out.ikss - 1.1 / 1.25f64.sqrt()).abs() < 1e-12);
        assert!((out.r_over_x - 0.5).abs() < 1e-12);
        assert!((out.kappa - 1.15 * (1.02 + 0.98 * (-1.5f64).exp())).abs() < 1e-12);
        // Ib = I''k: the bolted-fault decay does not apply through a fault impedance.
        assert_eq!(out.ib, out.ikss);
    }

    #[test]
    fn method_c_takes_the_fault_reactance_at_the_equivalent_frequency() {
        // Peak network at f_c: 0.1 + j0.4 (a 0.1 + j1.0 R–L path); Z_f = j0.5 at f is j0.2 at f_c:
        // (Rc/Xc)(fc/f) = (0.1/0.6)(0.4) → the loop's own R/X at f, 0.1/1.5.
        let b = BusInput {
            z_peak: Complex::new(0.1, 0.4),
            zf: Complex::new(0.0, 0.5),
            ..input(Complex::new(0.1, 1.0))
        };
        let out = bus_result(&params(FaultType::ThreePhase, KappaMethod::C), &b);
        assert!((out.r_over_x - 0.1 / 1.5).abs() < 1e-12);
    }
}
