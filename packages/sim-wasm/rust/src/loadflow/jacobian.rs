// SPDX-License-Identifier: LGPL-2.1-or-later
//! The Jacobian of the power injections in polar coordinates (Tinney, Hart 1967, §III), stored
//! sparse with one fixed pattern for the whole solution, so that the ordering and symbolic
//! analysis of the LU are done once.
//!
//! Unknowns: every supplied non-slack bus k (in bus order) owns positions 2k (angle θ) and
//! 2k + 1 (magnitude |V|); its equations are ΔP at row 2k and ΔQ at row 2k + 1. A PV bus keeps
//! its |V| unknown with the equation Δ|V| = 0 (a row with only its diagonal), so switching a bus between PV and
//! PQ at a reactive limit changes values, never the pattern. Row and column sets coincide, so
//! the pattern is structurally symmetric, as the static-pivot LU wants.
//!
//! With I = Y·V, the derivatives of S_i = V_i·conj(I_i) are, entry by entry of Y,
//!   ∂S_i/∂θ_j  = j·V_i·conj(δ_ij·I_i − Y_ij·V_j)
//!   ∂S_i/∂|V_j| = V_i·conj(Y_ij·V_j/|V_j|) + δ_ij·conj(I_i)·V_i/|V_i|
//! and P, Q rows take their real and imaginary parts.

use super::BusKind;
use crate::amd::amd_order;
use crate::complex::Complex;
use crate::csc::{CscMatrix, Pattern};
use crate::error::Result;

const ABSENT: usize = usize::MAX;

/// The pivot of a PV bus's Δ|V| = 0 row: ∂Q/∂|V| where it is usable, else 1.
fn pv_pivot(d_q_d_vm: f64) -> f64 {
    if d_q_d_vm.abs() > 1e-6 && d_q_d_vm.is_finite() {
        d_q_d_vm
    } else {
        1.0
    }
}

pub struct Jacobian {
    /// Per bus: its block number k (unknowns 2k, 2k + 1), or none for slack/unsupplied buses.
    pub block: Vec<Option<usize>>,
    pub pattern: Pattern,
    /// Per entry of Y: where ∂P_i/∂θ_j sits in the Jacobian's values (∂Q_i/∂θ_j is the next
    /// entry, ∂P_i/∂|V_j| and ∂Q_i/∂|V_j| the same rows of column 2k_j + 1 at `+ column_shift`).
    entry: Vec<usize>,
    column_shift: Vec<usize>,
}

impl Jacobian {
    /// The pattern for buses with `active[i]` (supplied, not slack).
    pub fn layout(y: &CscMatrix, active: &[bool]) -> Result<Jacobian> {
        let yp = &y.pattern;
        let mut block = vec![None; yp.n];
        let mut count = 0;
        for (i, b) in block.iter_mut().enumerate() {
            if active[i] {
                *b = Some(count);
                count += 1;
            }
        }
        let mut colptr = vec![0usize];
        let mut rowind = Vec::new();
        let mut entry = vec![ABSENT; yp.nnz()];
        let mut column_shift = vec![0; yp.n];
        for j in 0..yp.n {
            if block[j].is_none() {
                continue;
            }
            let start = rowind.len();
            for e in yp.colptr[j]..yp.colptr[j + 1] {
                if let Some(ki) = block[yp.rowind[e]] {
                    entry[e] = rowind.len();
                    rowind.push(2 * ki);
                    rowind.push(2 * ki + 1);
                }
            }
            let len = rowind.len() - start;
            colptr.push(rowind.len());
            rowind.extend_from_within(start..start + len);
            colptr.push(rowind.len());
            column_shift[j] = len;
        }
        Ok(Jacobian {
            block,
            pattern: Pattern::new(2 * count, colptr, rowind)?,
            entry,
            column_shift,
        })
    }

    /// A fill-reducing ordering of the unknowns: AMD (`amd_order`) on the pattern of the active
    /// buses in Y, each bus's (θ, |V|) pair then eliminated together. Every bus's two rows and
    /// columns have the same pattern, so this is the ordering AMD finds on the 2n × 2n Jacobian
    /// (it merges such indistinguishable pairs into supervariables: Amestoy, Davis, Duff 1996,
    /// §3) — the same fill on case9241pegase and case13659pegase (examples/jacobian_ordering.rs)
    /// — at about 60 % of its time, on a graph with a quarter of the entries.
    pub fn pair_ordering(&self, y: &Pattern) -> Result<Vec<usize>> {
        let count = self.pattern.n / 2;
        let mut colptr = Vec::with_capacity(count + 1);
        colptr.push(0);
        let mut rowind = Vec::with_capacity(self.pattern.nnz() / 4);
        for j in 0..y.n {
            if self.block[j].is_none() {
                continue;
            }
            rowind.extend(y.column(j).iter().filter_map(|&i| self.block[i]));
            colptr.push(rowind.len());
        }
        let buses = Pattern::new(count, colptr, rowind)?;
        let order = amd_order(&buses.symmetrized(false)?)?;
        Ok(order.iter().flat_map(|&k| [2 * k, 2 * k + 1]).collect())
    }

    /// Jacobian values at V (currents I = Y·V), real, for the real LU (`real_lu`). `kinds`
    /// says which buses are PV now.
    pub fn values(
        &self,
        y: &CscMatrix,
        kinds: &[BusKind],
        v: &[Complex],
        i: &[Complex],
        out: &mut [f64],
    ) {
        let yp = &y.pattern;
        let j_unit = Complex::new(0.0, 1.0);
        for j in 0..yp.n {
            if self.block[j].is_none() {
                continue;
            }
            let unit_vj = v[j] / Complex::new(v[j].abs(), 0.0);
            for e in yp.colptr[j]..yp.colptr[j + 1] {
                let p = self.entry[e];
                if p == ABSENT {
                    continue;
                }
                let r = yp.rowind[e];
                let yv = y.values[e] * v[j];
                let mut d_theta = j_unit * v[r] * (-yv).conj();
                let mut d_vm = v[r] * (y.values[e] * unit_vj).conj();
                if r == j {
                    d_theta = d_theta + j_unit * v[r] * i[r].conj();
                    d_vm = d_vm + i[r].conj() * unit_vj;
                }
                let q = p + self.column_shift[j];
                out[p] = d_theta.re;
                out[q] = d_vm.re;
                if kinds[r] == BusKind::Pv {
                    // Δ|V_r| = 0: only the diagonal stays, and it keeps the value ∂Q_r/∂|V_r|
                    // (not 1) so that the static-pivot LU's threshold test sees a pivot of the
                    // same scale as its column and does not fall back to partial pivoting.
                    out[p + 1] = 0.0;
                    out[q + 1] = if r == j { pv_pivot(d_vm.im) } else { 0.0 };
                } else {
                    out[p + 1] = d_theta.im;
                    out[q + 1] = d_vm.im;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loadflow::admittance::bus_admittance;
    use crate::loadflow::mismatch::{currents, injections, polar};
    use crate::loadflow::{Branch, Bus};

    fn bus(kind: BusKind) -> Bus {
        Bus {
            kind,
            p_spec: 0.0,
            q_spec: 0.0,
            v_set: 1.0,
            va_set: 0.0,
            y_shunt: Complex::new(0.01, 0.05),
            q_min: f64::NEG_INFINITY,
            q_max: f64::INFINITY,
            vm0: 1.0,
            va0: 0.0,
        }
    }

    fn branch(from: usize, to: usize, t_from: Complex) -> Branch {
        Branch {
            from,
            to,
            y: Complex::new(1.0, -8.0) / Complex::new(1.0 + from as f64 * 0.1, 0.0),
            b: 0.04,
            t_from,
            t_to: Complex::ONE,
            in_service: true,
        }
    }

    /// Dense Jacobian entry (row, col) read back from the sparse values.
    fn dense(jac: &Jacobian, values: &[f64]) -> Vec<Vec<f64>> {
        let n = jac.pattern.n;
        let mut d = vec![vec![0.0; n]; n];
        for c in 0..n {
            for e in jac.pattern.colptr[c]..jac.pattern.colptr[c + 1] {
                d[jac.pattern.rowind[e]][c] = values[e];
            }
        }
        d
    }

    /// Every entry against central differences of S(θ, |V|), including a phase shifter and an
    /// off-nominal ratio, at a non-flat point.
    #[test]
    fn jacobian_matches_finite_differences() {
        let kinds = [BusKind::Slack, BusKind::Pq, BusKind::Pq, BusKind::Pq];
        let buses: Vec<Bus> = kinds.iter().map(|&k| bus(k)).collect();
        let shifter = polar(1.03, 0.1);
        let branches = vec![
            branch(0, 1, Complex::ONE),
            branch(1, 2, shifter),
            branch(2, 3, Complex::new(0.97, 0.0)),
            branch(3, 1, Complex::ONE),
        ];
        let y = bus_admittance(&buses, &branches).unwrap();
        let active = [false, true, true, true];
        let jac = Jacobian::layout(&y, &active).unwrap();
        let vm = [1.02, 0.97, 1.01, 0.95];
        let va = [0.0, -0.05, 0.08, -0.12];
        let state = |vm: &[f64], va: &[f64]| -> Vec<Complex> {
            let v: Vec<Complex> = vm.iter().zip(va).map(|(&m, &a)| polar(m, a)).collect();
            injections(&v, &currents(&y, &v))
        };
        let v: Vec<Complex> = vm.iter().zip(&va).map(|(&m, &a)| polar(m, a)).collect();
        let mut values = vec![0.0; jac.pattern.nnz()];
        jac.values(&y, &kinds, &v, &currents(&y, &v), &mut values);
        let d = dense(&jac, &values);
        let h = 1e-6;
        for bus_j in 1..4 {
            let kj = jac.block[bus_j].unwrap();
            for (which, col) in [(0, 2 * kj), (1, 2 * kj + 1)] {
                let (mut vp, mut vn, mut ap, mut an) = (vm, vm, va, va);
                if which == 0 {
                    ap[bus_j] += h;
                    an[bus_j] -= h;
                } else {
                    vp[bus_j] += h;
                    vn[bus_j] -= h;
                }
                let (sp, sn) = (state(&vp, &ap), state(&vn, &an));
                for bus_i in 1..4 {
                    let ki = jac.block[bus_i].unwrap();
                    let ds = (sp[bus_i] - sn[bus_i]) / Complex::new(2.0 * h, 0.0);
                    assert!(
                        (d[2 * ki][col] - ds.re).abs() < 1e-7,
                        "dP{}/d{}",
                        bus_i,
                        col
                    );
                    assert!(
                        (d[2 * ki + 1][col] - ds.im).abs() < 1e-7,
                        "dQ{}/d{}",
                        bus_i,
                        col
                    );
                }
            }
        }
    }

    #[test]
    fn a_pv_bus_has_a_diagonal_only_voltage_row_and_the_same_pattern() {
        let kinds = [BusKind::Slack, BusKind::Pv, BusKind::Pq];
        let buses: Vec<Bus> = kinds.iter().map(|&k| bus(k)).collect();
        let branches = vec![branch(0, 1, Complex::ONE), branch(1, 2, Complex::ONE)];
        let y = bus_admittance(&buses, &branches).unwrap();
        let jac = Jacobian::layout(&y, &[false, true, true]).unwrap();
        let v = vec![Complex::ONE; 3];
        let mut values = vec![0.0; jac.pattern.nnz()];
        jac.values(&y, &kinds, &v, &currents(&y, &v), &mut values);
        let d = dense(&jac, &values);
        assert_eq!(d[1][0], 0.0);
        assert_eq!(&d[1][2..], &[0.0, 0.0]);
        assert!(d[1][1] != 0.0);
        assert!(d[3][3] != 0.0 && d[2][0] != 0.0);
    }
}
