// SPDX-License-Identifier: LGPL-2.1-or-later
//! Connection of the sequence networks at the fault location, IEC 60909-0:2016 §7–8: the
//! equivalent voltage source E = c·Un/√3 (per unit: c) drives Z(1), Z(2) and Z(0) in series or
//! parallel according to the fault type. Z(2) differs from Z(1) only where a generator's X(2)G
//! is given (§6.6.1); every other element has Z(2) = Z(1) (§6, "in general Z(2) = Z(1)").
//!
//! A fault impedance Z_f (arc or earthing resistance) is outside IEC 60909, which treats bolted
//! faults (§1). It enters as in the classical connection of the sequence networks (Grainger and
//! Stevenson, *Power System Analysis*, 1994, §12.2–12.4; Anderson, *Analysis of Faulted Power
//! Systems*, 1973, ch. 3): Z_f in series with Z(1) for a balanced fault, between the two faulted
//! phases for a line-to-line fault, and 3·Z_f in the zero-sequence path of earth faults, the
//! faulted phases being joined to earth through Z_f.

use crate::complex::Complex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultType {
    ThreePhase,
    LineToLine,
    LineToEarth,
    LineToLineToEarth,
}

impl FaultType {
    pub fn from_code(code: i32) -> Option<FaultType> {
        match code {
            0 => Some(FaultType::ThreePhase),
            1 => Some(FaultType::LineToLine),
            2 => Some(FaultType::LineToEarth),
            3 => Some(FaultType::LineToLineToEarth),
            _ => None,
        }
    }
}

/// Positive-, negative- and zero-sequence currents flowing into the fault (phase a reference).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SequenceCurrents {
    pub i1: Complex,
    pub i2: Complex,
    pub i0: Complex,
}

/// Sequence currents for source voltage `e` (per unit) with Z(1) = `z1`, Z(2) = `z2` and
/// Z(0) = `z0`, through the fault impedance `zf` (zero for a bolted fault); `None` for Z(0) means
/// no earth path, so earth faults draw no zero-sequence current (and Z_f, which lies in the
/// earth path, none). IEC 60909-0:2016 eq. (44) (2ph) and (52) (1ph) with Z(2) in place of Z(1).
pub fn sequence_currents(
    fault: FaultType,
    e: f64,
    z1: Complex,
    z2: Complex,
    z0: Option<Complex>,
    zf: Complex,
) -> SequenceCurrents {
    let e = Complex::new(e, 0.0);
    let zero = Complex::ZERO;
    // Earth faults: Z_f carries 3·I0, so it appears as 3·Z_f in the zero-sequence network.
    let z0 = z0.map(|z0| z0 + zf * Complex::new(3.0, 0.0));
    match (fault, z0) {
        (FaultType::ThreePhase, _) => SequenceCurrents {
            i1: e / (z1 + zf),
            i2: zero,
            i0: zero,
        },
        (FaultType::LineToLine, _) => {
            let i1 = e / (z1 + z2 + zf);
            SequenceCurrents {
                i1,
                i2: -i1,
                i0: zero,
            }
        }
        // Phases b and c joined; without an earth path no current reaches Z_f.
        (FaultType::LineToLineToEarth, None) => {
            let i1 = e / (z1 + z2);
            SequenceCurrents {
                i1,
                i2: -i1,
                i0: zero,
            }
        }
        (FaultType::LineToEarth, None) => SequenceCurrents {
            i1: zero,
            i2: zero,
            i0: zero,
        },
        (FaultType::LineToEarth, Some(z0)) => {
            let i = e / (z1 + z2 + z0);
            SequenceCurrents {
                i1: i,
                i2: i,
                i0: i,
            }
        }
        (FaultType::LineToLineToEarth, Some(z0)) => {
            let z20 = z2 + z0;
            let i1 = e / (z1 + z2 * z0 / z20);
            SequenceCurrents {
                i1,
                i2: -(i1 * z0 / z20),
                i0: -(i1 * z2 / z20),
            }
        }
    }
}

/// Phase currents a, b, c from sequence currents (Fortescue): I_abc = A · I_012.
pub fn phase_currents(s: SequenceCurrents) -> [Complex; 3] {
    let a = Complex::new(-0.5, 0.75f64.sqrt());
    let a2 = a.conj();
    [
        s.i0 + s.i1 + s.i2,
        s.i0 + a2 * s.i1 + a * s.i2,
        s.i0 + a * s.i1 + a2 * s.i2,
    ]
}

/// The short-circuit current of the fault type: the largest faulted-phase current.
pub fn fault_current(s: SequenceCurrents) -> f64 {
    phase_currents(s).iter().fold(0.0, |m, i| m.max(i.abs()))
}

/// Earth current 3·I0.
pub fn earth_current(s: SequenceCurrents) -> f64 {
    3.0 * s.i0.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    const Z1: Complex = Complex::new(0.1, 1.0);
    const Z0: Complex = Complex::new(0.3, 2.5);

    #[test]
    fn textbook_magnitudes_of_each_fault_type() {
        let e = 1.1;
        // IEC 60909-0 eq. (29), (44), (52), (56) with Z(2) = Z(1).
        let k3 = fault_current(sequence_currents(
            FaultType::ThreePhase,
            e,
            Z1,
            Z1,
            Some(Z0),
            Complex::ZERO,
        ));
        assert!(close(k3, e / Z1.abs()));
        let k2 = fault_current(sequence_currents(
            FaultType::LineToLine,
            e,
            Z1,
            Z1,
            Some(Z0),
            Complex::ZERO,
        ));
        assert!(close(k2, 3f64.sqrt() * e / (Z1 + Z1).abs()));
        let k1 = fault_current(sequence_currents(
            FaultType::LineToEarth,
            e,
            Z1,
            Z1,
            Some(Z0),
            Complex::ZERO,
        ));
        assert!(close(k1, 3.0 * e / (Z1 + Z1 + Z0).abs()));
        let s = sequence_currents(
            FaultType::LineToLineToEarth,
            e,
            Z1,
            Z1,
            Some(Z0),
            Complex::ZERO,
        );
        // eq. (56): I''kE2E = √3 c Un / |Z(1) + 2 Z(0)| (per unit: 3 c / |Z1 + 2 Z0|).
        assert!(close(earth_current(s), 3.0 * e / (Z1 + Z0 + Z0).abs()));
        // eq. (52): I''k2EL2 = √3 c Un |Z(0) − a Z(2)| / |Z1 Z2 + Z1 Z0 + Z2 Z0|.
        let a = Complex::new(-0.5, 0.75f64.sqrt());
        let l2 = 3f64.sqrt() * e * (Z0 - a * Z1).abs() / (Z1 * Z1 + Z1 * Z0 + Z1 * Z0).abs();
        let l3 = 3f64.sqrt() * e * (Z0 - a.conj() * Z1).abs() / (Z1 * Z1 + Z1 * Z0 + Z1 * Z0).abs();
        assert!(close(fault_current(s), l2.max(l3)));
    }

    /// IEC 60909-0:2016 eq. (44) and (52), and I''kE2E in its general form (eq. (56) is its
    /// Z(2) = Z(1) case), with Z(2) ≠ Z(1) (a generator's X(2)G given).
    #[test]
    fn negative_sequence_impedance_enters_each_unbalanced_fault() {
        let z2 = Complex::new(0.12, 1.3);
        let e = 1.1;
        let bolted = Complex::ZERO;
        let k2 = fault_current(sequence_currents(
            FaultType::LineToLine,
            e,
            Z1,
            z2,
            None,
            bolted,
        ));
        assert!(close(k2, 3f64.sqrt() * e / (Z1 + z2).abs()));
        let k1 = fault_current(sequence_currents(
            FaultType::LineToEarth,
            e,
            Z1,
            z2,
            Some(Z0),
            bolted,
        ));
        assert!(close(k1, 3.0 * e / (Z1 + z2 + Z0).abs()));
        // I''kE2E = √3 c Un |Z(2)| / |Z1 Z2 + Z1 Z0 + Z2 Z0| (per unit 3 c |Z2| / …).
        let s = sequence_currents(FaultType::LineToLineToEarth, e, Z1, z2, Some(Z0), bolted);
        let d = Z1 * z2 + Z1 * Z0 + z2 * Z0;
        assert!(close(earth_current(s), 3.0 * e * z2.abs() / d.abs()));
        // The 3ph fault has no negative-sequence current: Z(2) does not enter.
        let k3 = fault_current(sequence_currents(
            FaultType::ThreePhase,
            e,
            Z1,
            z2,
            None,
            bolted,
        ));
        assert!(close(k3, e / Z1.abs()));
    }

    #[test]
    fn no_earth_path_means_no_earth_current() {
        assert_eq!(
            fault_current(sequence_currents(
                FaultType::LineToEarth,
                1.0,
                Z1,
                Z1,
                None,
                Complex::ZERO
            )),
            0.0
        );
        let s = sequence_currents(
            FaultType::LineToLineToEarth,
            1.0,
            Z1,
            Z1,
            None,
            Complex::ZERO,
        );
        assert_eq!(
            s,
            sequence_currents(FaultType::LineToLine, 1.0, Z1, Z1, None, Complex::ZERO)
        );
    }

    #[test]
    fn the_healthy_phase_carries_nothing() {
        let [a, _, _] = phase_currents(sequence_currents(
            FaultType::LineToLine,
            1.0,
            Z1,
            Z1,
            None,
            Complex::ZERO,
        ));
        assert!(a.abs() < 1e-15);
        let [_, b, c] = phase_currents(sequence_currents(
            FaultType::LineToEarth,
            1.0,
            Z1,
            Z1,
            Some(Z0),
            Complex::ZERO,
        ));
        assert!(b.abs() < 1e-15 && c.abs() < 1e-15);
    }

    /// Hand calculation with the phase-domain fault conditions, independent of the sequence
    /// formulas above: for each fault type the phase currents and voltages at the fault must
    /// satisfy the fault's own equations through Z_f.
    #[test]
    fn fault_impedance_satisfies_the_phase_domain_fault_conditions() {
        // Z(2) ≠ Z(1), as for a salient-pole generator with X(2)G = (X''d + X''q)/2.
        const Z2: Complex = Complex::new(0.12, 1.3);
        let zf = Complex::new(0.05, 0.02);
        let e = 1.1;
        let voltages = |s: SequenceCurrents, z0: Complex| {
            // V012 = (E, 0, 0) − diag(Z1, Z2, Z0)·I012, then Fortescue.
            let v1 = Complex::new(e, 0.0) - Z1 * s.i1;
            let v2 = -(Z2 * s.i2);
            let v0 = -(z0 * s.i0);
            phase_currents(SequenceCurrents {
                i1: v1,
                i2: v2,
                i0: v0,
            })
        };
        let near = |a: Complex, b: Complex| (a - b).abs() < 1e-12;
        // 3ph: V_a = Z_f·I_a (each phase to a common point through Z_f; balanced).
        let s = sequence_currents(FaultType::ThreePhase, e, Z1, Z2, Some(Z0), zf);
        let [ia, _, _] = phase_currents(s);
        let [va, _, _] = voltages(s, Z0);
        assert!(near(va, zf * ia));
        // 2ph: I_a = 0, I_b = −I_c, V_b − V_c = Z_f·I_b.
        let s = sequence_currents(FaultType::LineToLine, e, Z1, Z2, Some(Z0), zf);
        let [ia, ib, ic] = phase_currents(s);
        let [_, vb, vc] = voltages(s, Z0);
        assert!(ia.abs() < 1e-12 && near(ib, -ic) && near(vb - vc, zf * ib));
        // 1ph: I_b = I_c = 0, V_a = Z_f·I_a.
        let s = sequence_currents(FaultType::LineToEarth, e, Z1, Z2, Some(Z0), zf);
        let [ia, ib, ic] = phase_currents(s);
        let [va, _, _] = voltages(s, Z0);
        assert!(ib.abs() < 1e-12 && ic.abs() < 1e-12 && near(va, zf * ia));
        // 2ph-E: I_a = 0, V_b = V_c = Z_f·(I_b + I_c).
        let s = sequence_currents(FaultType::LineToLineToEarth, e, Z1, Z2, Some(Z0), zf);
        let [ia, ib, ic] = phase_currents(s);
        let [_, vb, vc] = voltages(s, Z0);
        assert!(ia.abs() < 1e-12 && near(vb, vc) && near(vb, zf * (ib + ic)));
    }

    #[test]
    fn fault_impedance_lowers_each_current_as_the_closed_forms_say() {
        let zf = Complex::new(0.5, 0.0);
        let k3 = fault_current(sequence_currents(
            FaultType::ThreePhase,
            1.0,
            Z1,
            Z1,
            None,
            zf,
        ));
        assert!(close(k3, 1.0 / (Z1 + zf).abs()));
        let k2 = fault_current(sequence_currents(
            FaultType::LineToLine,
            1.0,
            Z1,
            Z1,
            None,
            zf,
        ));
        assert!(close(k2, 3f64.sqrt() / (Z1 + Z1 + zf).abs()));
        let k1 = fault_current(sequence_currents(
            FaultType::LineToEarth,
            1.0,
            Z1,
            Z1,
            Some(Z0),
            zf,
        ));
        assert!(close(
            k1,
            3.0 / (Z1 + Z1 + Z0 + zf * Complex::new(3.0, 0.0)).abs()
        ));
    }
}
