// SPDX-License-Identifier: LGPL-2.1-or-later
//! Bus currents I = Y·V and power injections S_i = V_i·conj(I_i), and the mismatch
//! ΔP_i = P_i(V) − P_i^spec, ΔQ_i = Q_i(V) − Q_i^spec that Newton's method drives to zero
//! (Tinney, Hart 1967, eq. 2–3 in complex form).

use super::BusKind;
use crate::complex::Complex;
use crate::csc::CscMatrix;

/// V from magnitude and angle (radians).
pub fn polar(vm: f64, va: f64) -> Complex {
    Complex::new(vm * va.cos(), vm * va.sin())
}

/// I = Y·V for a CSC Y.
pub fn currents(y: &CscMatrix, v: &[Complex]) -> Vec<Complex> {
    let p = &y.pattern;
    let mut i = vec![Complex::ZERO; p.n];
    for (j, &vj) in v.iter().enumerate().take(p.n) {
        for e in p.colptr[j]..p.colptr[j + 1] {
            let r = p.rowind[e];
            i[r] = i[r] + y.values[e] * vj;
        }
    }
    i
}

/// S_i = V_i·conj(I_i), the net injection into the network at each bus.
pub fn injections(v: &[Complex], i: &[Complex]) -> Vec<Complex> {
    v.iter().zip(i).map(|(&v, &i)| v * i.conj()).collect()
}

/// The largest |ΔP| over supplied non-slack buses and |ΔQ| over PQ buses: the quantity the
/// convergence test compares with the tolerance. `spec` is P^spec + jQ^spec.
pub fn max_mismatch(kinds: &[BusKind], active: &[bool], s: &[Complex], spec: &[Complex]) -> f64 {
    let mut worst = 0.0f64;
    for i in 0..kinds.len() {
        if !active[i] || kinds[i] == BusKind::Slack {
            continue;
        }
        let d = s[i] - spec[i];
        worst = worst.max(d.re.abs());
        if kinds[i] == BusKind::Pq {
            worst = worst.max(d.im.abs());
        }
        if !d.is_finite() {
            return f64::INFINITY;
        }
    }
    worst
}
