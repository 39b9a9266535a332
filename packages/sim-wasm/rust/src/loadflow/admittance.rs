// SPDX-License-Identifier: LGPL-2.1-or-later
//! The bus admittance matrix Y of the load flow (Tinney, Hart 1967, §II): each in-service
//! branch is a π section between two ideal transformers t_f, t_t (complex: ratio and phase
//! shift), so with y_c = y + j·b/2 its stamp is
//!   Y_ff = y_c/|t_f|², Y_tt = y_c/|t_t|², Y_ft = −y/(conj(t_f)·t_t), Y_tf = −y/(t_f·conj(t_t)),
//! which reduces to the usual off-nominal-tap model when one of the ratios is 1. Bus shunts
//! add to the diagonal. Every diagonal is stored, even when zero, so each supplied bus has
//! its own Jacobian pivot position.

use super::{Branch, Bus};
use crate::complex::Complex;
use crate::csc::CscMatrix;
use crate::error::{Result, SolverError};

/// The four entries a branch adds to Y, in the order ff, ft, tf, tt.
pub fn branch_stamp(br: &Branch) -> [Complex; 4] {
    let charged = br.y + Complex::new(0.0, br.b / 2.0);
    let (tf, tt) = (br.t_from, br.t_to);
    let tf2 = tf.re * tf.re + tf.im * tf.im;
    let tt2 = tt.re * tt.re + tt.im * tt.im;
    [
        charged / Complex::new(tf2, 0.0),
        -(br.y / (tf.conj() * tt)),
        -(br.y / (tf * tt.conj())),
        charged / Complex::new(tt2, 0.0),
    ]
}

pub fn check_branch(k: usize, br: &Branch, n: usize) -> Result<()> {
    if br.from >= n || br.to >= n || br.from == br.to {
        return Err(SolverError::invalid(format!(
            "branch {} joins buses {} and {} of {}",
            k, br.from, br.to, n
        )));
    }
    let finite = br.y.is_finite() && br.b.is_finite();
    if !finite || !br.t_from.is_finite() || !br.t_to.is_finite() {
        return Err(SolverError::invalid(format!("branch {} is not finite", k)));
    }
    if br.t_from.abs() == 0.0 || br.t_to.abs() == 0.0 {
        return Err(SolverError::invalid(format!(
            "branch {} has a zero ratio",
            k
        )));
    }
    Ok(())
}

/// Y of the in-service branches and the bus shunts; rows sorted in each column.
pub fn bus_admittance(buses: &[Bus], branches: &[Branch]) -> Result<CscMatrix> {
    let n = buses.len();
    let (mut rows, mut cols, mut vals) = (Vec::new(), Vec::new(), Vec::new());
    for (i, bus) in buses.iter().enumerate() {
        rows.push(i);
        cols.push(i);
        vals.push(bus.y_shunt);
    }
    for (k, br) in branches.iter().enumerate() {
        check_branch(k, br, n)?;
        if !br.in_service {
            continue;
        }
        let [ff, ft, tf, tt] = branch_stamp(br);
        for (i, j, v) in [
            (br.from, br.from, ff),
            (br.from, br.to, ft),
            (br.to, br.from, tf),
            (br.to, br.to, tt),
        ] {
            rows.push(i);
            cols.push(j);
            vals.push(v);
        }
    }
    CscMatrix::from_triplets(n, &rows, &cols, &vals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_ratios_give_the_symmetric_pi_model() {
        let br = Branch {
            from: 0,
            to: 1,
            y: Complex::new(1.0, -10.0),
            b: 0.2,
            t_from: Complex::ONE,
            t_to: Complex::ONE,
            in_service: true,
        };
        let [ff, ft, tf, tt] = branch_stamp(&br);
        assert_eq!(ff, Complex::new(1.0, -9.9));
        assert_eq!(tt, ff);
        assert_eq!(ft, Complex::new(-1.0, 10.0));
        assert_eq!(tf, ft);
    }

    #[test]
    fn a_phase_shifter_is_unsymmetric_and_lossless_in_the_ratio() {
        let br = Branch {
            from: 0,
            to: 1,
            y: Complex::new(0.0, -5.0),
            b: 0.0,
            t_from: Complex::new(1.05 * 0.3f64.cos(), 1.05 * 0.3f64.sin()),
            t_to: Complex::ONE,
            in_service: true,
        };
        let [ff, ft, tf, tt] = branch_stamp(&br);
        assert!((ff - Complex::new(0.0, -5.0 / (1.05 * 1.05))).abs() < 1e-12);
        assert!((tt - Complex::new(0.0, -5.0)).abs() < 1e-12);
        // Y_ft = −y/conj(t), Y_tf = −y/t: equal magnitude, angles mirrored.
        assert!((ft.abs() - tf.abs()).abs() < 1e-12);
        assert!((ft - tf).abs() > 1e-3);
    }
}
