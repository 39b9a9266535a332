// SPDX-License-Identifier: LGPL-2.1-or-later
//! Branch-end flows from the solved voltages: I_f = Y_ff·V_f + Y_ft·V_t,
//! I_t = Y_tf·V_f + Y_tt·V_t with the branch's own stamp, S = V·conj(I) into the branch at each
//! end. Their sum is the branch's loss (series and charging).

use super::admittance::branch_stamp;
use super::mismatch::polar;
use super::Branch;
use crate::complex::Complex;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BranchFlow {
    pub s_from: Complex,
    pub s_to: Complex,
    pub i_from: Complex,
    pub i_to: Complex,
}

pub fn branch_flows(branches: &[Branch], vm: &[f64], va: &[f64]) -> Vec<BranchFlow> {
    branches
        .iter()
        .map(|br| {
            if !br.in_service {
                return BranchFlow {
                    s_from: Complex::ZERO,
                    s_to: Complex::ZERO,
                    i_from: Complex::ZERO,
                    i_to: Complex::ZERO,
                };
            }
            let vf = polar(vm[br.from], va[br.from]);
            let vt = polar(vm[br.to], va[br.to]);
            let [ff, ft, tf, tt] = branch_stamp(br);
            let i_from = ff * vf + ft * vt;
            let i_to = tf * vf + tt * vt;
            BranchFlow {
                s_from: vf * i_from.conj(),
                s_to: vt * i_to.conj(),
                i_from,
                i_to,
            }
        })
        .collect()
}
