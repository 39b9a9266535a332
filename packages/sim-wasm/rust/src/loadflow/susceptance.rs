// SPDX-License-Identifier: LGPL-2.1-or-later
//! The real susceptance matrices of the fast-decoupled and DC load flows, on the supplied
//! non-slack buses (the unknowns), each from a simplified copy of the branches:
//!
//! - B' (angles): no charging, no bus shunts, ratios 1 (phase shifts kept); XB also drops r.
//! - B'' (magnitudes): charging, shunts and ratios kept, phase shifts dropped; BX drops r.
//!
//! B = −Im(Y) of the simplified network (B. Stott, O. Alsaç, "Fast decoupled load flow", IEEE
//! Trans. PAS-93(3), 1974, pp. 859–869, §§3–4; R. A. M. van Amerongen, "A general-purpose
//! version of the fast decoupled load flow", IEEE Trans. PWRS-4(2), 1989, pp. 760–770, whose
//! XB/BX variants differ only in which matrix ignores r).
//!
//! The DC matrix is the weighted Laplacian of w = 1/(x·|t_f|·|t_t|) per branch: at |V| = 1 and
//! r = 0, P_ft = w·sin(θ_f − θ_t − φ) with φ = arg t_f − arg t_t, linearized (sin x ≈ x); φ
//! enters as a constant injection w·φ (A. J. Wood, B. F. Wollenberg, "Power Generation,
//! Operation and Control", 2nd ed., 1996, §4.1.4, and MATPOWER's documented B_dc, P_f,inj
//! formulas: R. D. Zimmerman, C. E. Murillo-Sánchez, MATPOWER User's Manual, §3.7).

use super::admittance::bus_admittance;
use super::{Branch, Bus};
use crate::complex::Complex;
use crate::csc::{CscMatrix, Pattern};
use crate::error::Result;

/// The series reactance x = Im(1/y) with r dropped: y becomes 1/(jx). A branch with x = 0
/// (purely resistive) keeps its y: 1/(jx) would be infinite.
fn reactance_only(y: Complex) -> Complex {
    let z = Complex::ONE / y;
    if z.im == 0.0 || !z.im.is_finite() {
        y
    } else {
        Complex::new(0.0, -1.0 / z.im)
    }
}

fn unit(t: Complex) -> Complex {
    let m = t.abs();
    Complex::new(t.re / m, t.im / m)
}

/// B' of the fast-decoupled load flow; `drop_r`: the XB version.
pub fn b_prime(buses: &[Bus], branches: &[Branch], drop_r: bool) -> Result<CscMatrix> {
    let no_shunts: Vec<Bus> = buses
        .iter()
        .map(|b| Bus {
            y_shunt: Complex::ZERO,
            ..*b
        })
        .collect();
    let simplified: Vec<Branch> = branches
        .iter()
        .map(|br| Branch {
            y: if drop_r { reactance_only(br.y) } else { br.y },
            b: 0.0,
            t_from: unit(br.t_from),
            t_to: unit(br.t_to),
            ..*br
        })
        .collect();
    bus_admittance(&no_shunts, &simplified)
}

/// B'' of the fast-decoupled load flow; `drop_r`: the BX version.
pub fn b_double_prime(buses: &[Bus], branches: &[Branch], drop_r: bool) -> Result<CscMatrix> {
    let simplified: Vec<Branch> = branches
        .iter()
        .map(|br| Branch {
            y: if drop_r { reactance_only(br.y) } else { br.y },
            t_from: Complex::new(br.t_from.abs(), 0.0),
            t_to: Complex::new(br.t_to.abs(), 0.0),
            ..*br
        })
        .collect();
    bus_admittance(buses, &simplified)
}

/// Per in-service branch: the DC weight w = 1/(x·|t_f|·|t_t|) and the shift φ = arg t_f − arg t_t
/// (radians); out-of-service branches get (0, 0).
pub fn dc_weights(branches: &[Branch]) -> Vec<(f64, f64)> {
    branches
        .iter()
        .map(|br| {
            if !br.in_service {
                return (0.0, 0.0);
            }
            let x = (Complex::ONE / br.y).im;
            let w = 1.0 / (x * br.t_from.abs() * br.t_to.abs());
            let phi = br.t_from.im.atan2(br.t_from.re) - br.t_to.im.atan2(br.t_to.re);
            (w, phi)
        })
        .collect()
}

/// The DC matrix B_dc on all buses (rows sorted), as a complex CSC with zero imaginary parts
/// so that it shares the pattern tools of Y.
pub fn dc_matrix(n: usize, branches: &[Branch], weights: &[(f64, f64)]) -> Result<CscMatrix> {
    let (mut rows, mut cols, mut vals) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        rows.push(i);
        cols.push(i);
        vals.push(Complex::ZERO);
    }
    for (br, &(w, _)) in branches.iter().zip(weights) {
        if !br.in_service {
            continue;
        }
        for (i, j, v) in [
            (br.from, br.from, w),
            (br.to, br.to, w),
            (br.from, br.to, -w),
            (br.to, br.from, -w),
        ] {
            rows.push(i);
            cols.push(j);
            vals.push(Complex::new(v, 0.0));
        }
    }
    CscMatrix::from_triplets(n, &rows, &cols, &vals)
}

/// The rows and columns of `m` whose bus has an index in `index` (the unknowns), with
/// `value(entry)` as the real value, columns and rows in bus order.
pub fn reduced(
    m: &CscMatrix,
    index: &[Option<usize>],
    value: impl Fn(Complex) -> f64,
) -> Result<(Pattern, Vec<f64>)> {
    let p = &m.pattern;
    let count = index.iter().filter(|k| k.is_some()).count();
    let mut colptr = vec![0usize];
    let (mut rowind, mut values) = (Vec::new(), Vec::new());
    // Columns in unknown order: index is increasing in bus order.
    for j in 0..p.n {
        if index[j].is_none() {
            continue;
        }
        for e in p.colptr[j]..p.colptr[j + 1] {
            if let Some(r) = index[p.rowind[e]] {
                rowind.push(r);
                values.push(value(m.values[e]));
            }
        }
        colptr.push(rowind.len());
    }
    Ok((Pattern::new(count, colptr, rowind)?, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xb_drops_r_in_b_prime_only() {
        // z = 0.1 + j0.2: y = 1/z = 2 − j4; 1/x = 5.
        let z = Complex::new(0.1, 0.2);
        assert!((reactance_only(Complex::ONE / z) - Complex::new(0.0, -5.0)).abs() < 1e-12);
    }

    /// Hand calculation: a branch with x = 0.25 and a ratio 1.1∠−10° on the from side (t_to = 1)
    /// has w = 1/(0.25·1.1) = 3.6364 and φ = −10° in radians.
    #[test]
    fn dc_weight_of_a_phase_shifting_transformer() {
        let br = Branch {
            from: 0,
            to: 1,
            y: Complex::ONE / Complex::new(0.02, 0.25),
            b: 0.1,
            t_from: Complex::new(
                1.1 * (-10f64).to_radians().cos(),
                1.1 * (-10f64).to_radians().sin(),
            ),
            t_to: Complex::ONE,
            in_service: true,
        };
        let [(w, phi)] = <[(f64, f64); 1]>::try_from(dc_weights(&[br])).unwrap();
        assert!((w - 1.0 / 0.275).abs() < 1e-12);
        assert!((phi - (-10f64).to_radians()).abs() < 1e-15);
    }
}
