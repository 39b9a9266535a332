// SPDX-License-Identifier: LGPL-2.1-or-later
//! Quantities that need the transfer impedances Z(1)fj between every fault bus f and the few
//! buses j where machines or converters connect: one solve per such bus, in batches. Y(1) is
//! complex symmetric (no phase shift in the bus-level model), so column j of Z holds Z_fj.

use super::bounded_columns::{postorder_positions, BoundedColumns, SubtreeBounds, BLOCK};
use super::factors::{mu, q};
use crate::complex::Complex;
use crate::error::{try_vec, Result, SolverError};
use crate::lu::Ldu;
use crate::solver::{Factors, Solver};

/// Columns solved together: enough to amortise the solve's setup, small enough for memory.
const BATCH: usize = 32;

/// A rotating machine as seen by eq. (75) of IEC 60909-0:2016.
#[derive(Clone, Copy, Debug)]
pub struct Machine {
    pub bus: usize,
    /// Corrected subtransient impedance in the positive-sequence network (per unit).
    pub z: Complex,
    /// Rated current (per unit of the bus's base current).
    pub i_rated: f64,
    /// Asynchronous motors: rated power per pair of poles (MW) for q; None for synchronous machines.
    pub mw_per_pole_pair: Option<f64>,
}

/// A converter source: a current source of `current` (per unit) at `bus` (§6.10).
#[derive(Clone, Copy, Debug)]
pub struct CurrentSource {
    pub bus: usize,
    pub current: f64,
}

/// Calls `visit(k, column)` with column `buses[k]` of Z = Y⁻¹ for every k.
fn for_each_column(
    solver: &Solver,
    buses: &[usize],
    mut visit: impl FnMut(usize, &[Complex]),
) -> Result<()> {
    let n = solver.symbolic.n();
    if let Some(&bad) = buses.iter().find(|&&b| b >= n) {
        return Err(SolverError::invalid(format!(
            "bus index {} is out of range 0..{}",
            bad, n
        )));
    }
    let mut rhs = try_vec(n * BATCH.min(buses.len()), Complex::ZERO)?;
    for (first, chunk) in buses.chunks(BATCH).enumerate() {
        let block = &mut rhs[..n * chunk.len()];
        block.iter_mut().for_each(|z| *z = Complex::ZERO);
        for (k, &bus) in chunk.iter().enumerate() {
            block[k * n + bus] = Complex::ONE;
        }
        solver.solve(block)?;
        for (k, column) in block.chunks(n).enumerate() {
            visit(first * BATCH + k, column);
        }
    }
    Ok(())
}

/// How much the machines' decay lowers the symmetrical breaking current below I''k at every
/// fault bus f, eq. (75) of IEC 60909-0:2016 evaluated with phasors as the standard writes it
/// (ΔU''_i = jX''_i·I''_ki, eq. 76–77):
///
///   Ib = | I''k − Σ_i (jX''_i·I''_ki / (c Un/√3)) · (1 − μ_i q_i) · I''_ki |,
///
/// with I''k = c_f / Z_ff and machine i's part I''_ki = (Z_fi / Z_i) · I''k. `out[f]` is
/// |I''k| − Ib. Each term turns by 90° + 2·arg I''_ki, so a machine whose current is not in phase
/// with I''k (a motor's R/X 0.1 against a busbar fed through cables) removes less than its
/// magnitude; IEC TR 60909-4's Ib at F6/F7 of its high-voltage example follow from this.
pub fn breaking_decay(
    solver: &Solver,
    machines: &[Machine],
    zff: &[Complex],
    c: &[f64],
    t_min_s: f64,
    out: &mut [f64],
) -> Result<()> {
    out.iter_mut().for_each(|v| *v = 0.0);
    // Per fault bus: the source current c_f / Z_ff (0 where no fault current flows).
    let mut source = try_vec(out.len(), Complex::ZERO)?;
    for (s, (z, c)) in source.iter_mut().zip(zff.iter().zip(c)) {
        let z_ff = z.abs();
        if z_ff > 0.0 && z_ff.is_finite() {
            *s = Complex::new(*c, 0.0) / *z;
        }
    }
    let mut sum = try_vec(out.len(), Complex::ZERO)?;
    let order = decay_order(solver, machines)?;
    let mut buses: Vec<usize> = order.iter().map(|&k| machines[k].bus).collect();
    buses.dedup();
    let bounded = bounded_columns_apply(solver, machines) && source.len() == solver.symbolic.n();
    if let (true, Some(Factors::Static(ldu))) = (bounded, &solver.factors) {
        bounded_decay(
            solver, ldu, machines, &order, &buses, &source, c, t_min_s, &mut sum,
        )?;
    } else {
        let mut next = 0;
        for_each_column(solver, &buses, |b, column| {
            while next < order.len() && machines[order[next]].bus == buses[b] {
                accumulate_decay(
                    &machines[order[next]],
                    column,
                    &source,
                    c,
                    t_min_s,
                    &mut sum,
                );
                next += 1;
            }
        })?;
    }
    for (o, (s, t)) in out.iter_mut().zip(source.iter().zip(&sum)) {
        if *t != Complex::ZERO {
            *o = s.abs() - (*s - *t).abs();
        }
    }
    Ok(())
}

/// Whether breaking_decay computes its columns with `bounded_columns` (static LDU factors).
fn bounded_columns_apply(solver: &Solver, machines: &[Machine]) -> bool {
    matches!(&solver.factors, Some(Factors::Static(_)))
        && machines.iter().all(|m| m.bus < solver.symbolic.n())
}

/// The order in which breaking_decay adds the machines' eq. (75) terms at each fault bus: by
/// bus, machines of one bus (which share a column of Z) in their given order; with static
/// factors the buses in the elimination tree's postorder, so the columns solved together in a
/// block (`bounded_columns::BLOCK`) share most of their root paths. The order is part of the
/// result: floating-point sums in another order can differ in the last bits.
pub fn decay_order(solver: &Solver, machines: &[Machine]) -> Result<Vec<usize>> {
    let mut order: Vec<usize> = (0..machines.len()).collect();
    order.sort_by_key(|&k| machines[k].bus);
    if bounded_columns_apply(solver, machines) {
        let at = postorder_positions(&solver.symbolic)?;
        let pinv = &solver.symbolic.pinv;
        order.sort_by_key(|&k| at[pinv[machines[k].bus]]);
    }
    Ok(order)
}

/// The largest K = 2 · |Z_i| · IrG over the machines at one bus below which their column can
/// be left out (`bounded_columns`): None when one of them decays even at I''kG/IrG ≤ 2 (an
/// asynchronous motor with q < 1) or the values give no finite threshold.
fn skip_threshold(machines: &[Machine], at_bus: &[usize], t_min_s: f64) -> Option<f64> {
    let mut k = f64::INFINITY;
    for &i in at_bus {
        let m = &machines[i];
        if let Some(p) = m.mw_per_pole_pair {
            if q(p, t_min_s) != 1.0 {
                return None;
            }
        }
        k = k.min(2.0 * m.i_rated * m.z.abs());
    }
    (k.is_finite() && k > 0.0).then(|| k)
}

/// breaking_decay on static LDU factors: each machine bus's column only where it can matter.
#[allow(clippy::too_many_arguments)]
fn bounded_decay(
    solver: &Solver,
    ldu: &Ldu,
    machines: &[Machine],
    order: &[usize],
    buses: &[usize],
    source: &[Complex],
    c: &[f64],
    t_min_s: f64,
    sum: &mut [Complex],
) -> Result<()> {
    let per_source: Vec<f64> = source
        .iter()
        .map(|s| {
            let s = s.abs();
            if s > 0.0 {
                1.0 / s
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let bounds = SubtreeBounds::new(&solver.symbolic, ldu, &per_source)?;
    let mut columns = BoundedColumns::new(&solver.symbolic, ldu, &bounds, BLOCK)?;
    let mut full = try_vec(0, Complex::ZERO)?;
    // Buses with a threshold wait in `pending` (with their machines) and are solved BLOCK at a
    // time; the terms are still added bus by bus in `buses` order (decay_order).
    let mut pending: Vec<(usize, f64, &[usize])> = Vec::with_capacity(BLOCK);
    let mut next = 0;
    for (b, &bus) in buses.iter().enumerate() {
        let first = next;
        while next < order.len() && machines[order[next]].bus == bus {
            next += 1;
        }
        let at_bus = &order[first..next];
        let threshold = skip_threshold(machines, at_bus, t_min_s);
        if let Some(k) = threshold {
            pending.push((bus, k, at_bus));
        }
        if pending.len() == BLOCK || threshold.is_none() || b + 1 == buses.len() {
            add_block(&mut columns, &pending, machines, source, c, t_min_s, sum);
            pending.clear();
        }
        if threshold.is_none() {
            if full.is_empty() {
                full = try_vec(sum.len(), Complex::ZERO)?;
            }
            full.iter_mut().for_each(|z| *z = Complex::ZERO);
            full[bus] = Complex::ONE;
            solver.solve(&mut full)?;
            for &i in at_bus {
                accumulate_decay(&machines[i], &full, source, c, t_min_s, sum);
            }
        }
    }
    Ok(())
}

/// Solves the pending buses' bounded columns as one block and adds their machines' terms, bus
/// by bus in the order given.
fn add_block(
    columns: &mut BoundedColumns,
    pending: &[(usize, f64, &[usize])],
    machines: &[Machine],
    source: &[Complex],
    c: &[f64],
    t_min_s: f64,
    sum: &mut [Complex],
) {
    if pending.is_empty() {
        return;
    }
    let buses: Vec<usize> = pending.iter().map(|p| p.0).collect();
    let ks: Vec<f64> = pending.iter().map(|p| p.1).collect();
    columns.solve(&buses, &ks);
    for (r, &(_, _, at_bus)) in pending.iter().enumerate() {
        for &i in at_bus {
            let m = &machines[i];
            let q_factor = m.mw_per_pole_pair.map(|p| q(p, t_min_s));
            for &j in columns.computed(r) {
                let f = columns.bus_of(j);
                let term = decay_term(m, columns.value(r, j), source[f], c[f], q_factor, t_min_s);
                if let Some(term) = term {
                    sum[f] = sum[f] + term;
                }
            }
        }
    }
}

/// Adds one machine's eq. (75) term (a phasor) at every fault bus, given column `bus` of Z.
fn accumulate_decay(
    m: &Machine,
    column: &[Complex],
    source: &[Complex],
    c: &[f64],
    t_min_s: f64,
    sum: &mut [Complex],
) {
    let q_factor = m.mw_per_pole_pair.map(|p| q(p, t_min_s));
    for f in 0..sum.len() {
        if let Some(term) = decay_term(m, column[f], source[f], c[f], q_factor, t_min_s) {
            sum[f] = sum[f] + term;
        }
    }
}

/// Machine m's eq. (75) term at a fault bus with transfer impedance `z` to it and source
/// current `source` = c/Z_ff: (jX''·I''k_m / c)·(1 − μ q)·I''k_m with I''k_m = (z / Z_m)·source.
/// None where μ = 1 leaves a synchronous machine without decay.
fn decay_term(
    m: &Machine,
    z: Complex,
    source: Complex,
    c: f64,
    q_factor: Option<f64>,
    t_min_s: f64,
) -> Option<Complex> {
    if source == Complex::ZERO {
        return None;
    }
    let i_machine = z * source / m.z;
    let ratio = i_machine.abs() / m.i_rated;
    // μ = 1 up to I''kG/IrG = 2: a synchronous machine that far away does not decay.
    if q_factor.is_none() && ratio <= 2.0 {
        return None;
    }
    let decay = mu(ratio, t_min_s) * q_factor.unwrap_or(1.0);
    let voltage = Complex::new(0.0, m.z.im.abs() / c) * i_machine;
    Some(voltage * i_machine * Complex::new(1.0 - decay, 0.0))
}

/// Σ_j |Z_fj| · I_j for every fault bus f: the voltage converter sources add at the fault,
/// summed in magnitude (conservative, IEC 60909-0:2016 eq. 41).
pub fn source_voltage(solver: &Solver, sources: &[CurrentSource], out: &mut [f64]) -> Result<()> {
    out.iter_mut().for_each(|v| *v = 0.0);
    let buses: Vec<usize> = sources.iter().map(|s| s.bus).collect();
    for_each_column(solver, &buses, |k, column| {
        for (o, z) in out.iter_mut().zip(column) {
            *o += z.abs() * sources[k].current;
        }
    })
}

#[cfg(test)]
mod tests {
    //! eq. (75) of IEC 60909-0:2016 by hand on a four-bus network, against a dense inverse of
    //! the same admittance matrix (Gauss–Jordan here, not the sparse solver under test):
    //!
    //! ```text
    //!   grid ── 0 ──L1── 1 ──L2── 2 ──L3── 3
    //!           G1               M1 (+ M2 at the same bus)
    //! ```
    //!
    //! Per-unit values are arbitrary but physical (R ≪ X); μ and q are typed in from eq. (70)
    //! and eq. (73) for t_min = 0.1 s, not taken from factors.rs.
    use super::*;
    use crate::csc::CscMatrix;
    use crate::solver::DEFAULT_PIVOT_TOLERANCE;

    const T_MIN: f64 = 0.1;
    /// A motor impedance that leaves the motors out of the decay (no machine entry for them).
    const MOTOR: Complex = Complex::new(0.05, 0.5);
    const C: f64 = 1.1;

    fn c(re: f64, im: f64) -> Complex {
        Complex::new(re, im)
    }
    fn inv(z: Complex) -> Complex {
        Complex::ONE / z
    }

    struct Network {
        y: Vec<Vec<Complex>>,
    }

    impl Network {
        fn new(n: usize) -> Network {
            Network {
                y: vec![vec![Complex::ZERO; n]; n],
            }
        }
        fn shunt(&mut self, bus: usize, z: Complex) {
            self.y[bus][bus] = self.y[bus][bus] + inv(z);
        }
        fn series(&mut self, a: usize, b: usize, z: Complex) {
            let y = inv(z);
            self.y[a][a] = self.y[a][a] + y;
            self.y[b][b] = self.y[b][b] + y;
            self.y[a][b] = self.y[a][b] - y;
            self.y[b][a] = self.y[b][a] - y;
        }
        fn solver(&self) -> Solver {
            let n = self.y.len();
            let (mut rows, mut cols, mut vals) = (vec![], vec![], vec![]);
            for i in 0..n {
                for j in 0..n {
                    if self.y[i][j] != Complex::ZERO {
                        rows.push(i);
                        cols.push(j);
                        vals.push(self.y[i][j]);
                    }
                }
            }
            let m = CscMatrix::from_triplets(n, &rows, &cols, &vals).unwrap();
            let mut solver = Solver::analyze(m.pattern.clone()).unwrap();
            solver
                .factorize(&m.values, DEFAULT_PIVOT_TOLERANCE)
                .unwrap();
            solver
        }
        /// Z = Y⁻¹ by Gauss–Jordan with partial pivoting (dense, independent of the solver).
        fn dense_inverse(&self) -> Vec<Vec<Complex>> {
            let n = self.y.len();
            let mut a: Vec<Vec<Complex>> = self
                .y
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let mut r = row.clone();
                    r.extend((0..n).map(|j| if i == j { Complex::ONE } else { Complex::ZERO }));
                    r
                })
                .collect();
            for k in 0..n {
                let p = (k..n)
                    .max_by(|&x, &y| a[x][k].abs().partial_cmp(&a[y][k].abs()).unwrap())
                    .unwrap();
                a.swap(k, p);
                let pivot = a[k][k];
                for v in a[k].iter_mut() {
                    *v = *v / pivot;
                }
                for i in 0..n {
                    if i != k {
                        let f = a[i][k];
                        let row_k = a[k].clone();
                        for (v, r) in a[i].iter_mut().zip(row_k) {
                            *v = *v - f * r;
                        }
                    }
                }
            }
            a.into_iter().map(|r| r[n..].to_vec()).collect()
        }
    }

    /// The network of the module comment, with G1 (1 pu rated current) at bus 0 and the motors
    /// at bus 2; `z_m1` sets how strongly M1 feeds.
    fn network(z_g1: Complex, z_m1: Complex, z_m2: Complex) -> Network {
        let mut net = Network::new(4);
        net.shunt(0, c(0.002, 0.02)); // grid feeder
        net.shunt(0, z_g1);
        net.series(0, 1, c(0.01, 0.05));
        net.series(1, 2, c(0.02, 0.08));
        net.series(2, 3, c(0.05, 0.2));
        net.shunt(2, z_m1);
        net.shunt(2, z_m2);
        net
    }

    /// G1 at bus 0: X''d = 0.05 pu, R/X 0.05, rated current `i_rated` pu.
    fn generator(i_rated: f64) -> Machine {
        Machine {
            bus: 0,
            z: c(0.0025, 0.05),
            i_rated,
            mw_per_pole_pair: None,
        }
    }

    /// eq. (70), t_min = 0.1 s: μ = 0.62 + 0.72·e^(−0.32·I''kG/IrG), at most 1; 1 up to a ratio of 2.
    fn mu_01(ratio: f64) -> f64 {
        if ratio <= 2.0 {
            1.0
        } else {
            (0.62 + 0.72 * (-0.32 * ratio).exp()).min(1.0)
        }
    }

    /// One machine's eq. (75) term at fault bus f, by hand, as a phasor: I''k = c/Z_ff,
    /// I''kG = (Z_fi/Z_i)·I''k, ΔU''/(c Un/√3) = jX''·I''kG/c, term = ΔU''/(c Un/√3)·(1 − μ q)·I''kG.
    fn hand_term(z: &[Vec<Complex>], f: usize, m: &Machine) -> Complex {
        let i_k = c(C, 0.0) / z[f][f];
        let i_kg = z[f][m.bus] / m.z * i_k;
        let ratio = i_kg.abs() / m.i_rated;
        let q = m
            .mw_per_pole_pair
            .map_or(1.0, |p| (0.57 + 0.12 * p.ln()).max(0.0).min(1.0));
        if m.mw_per_pole_pair.is_none() && ratio <= 2.0 {
            return Complex::ZERO;
        }
        c(0.0, m.z.im.abs() / C) * i_kg * i_kg * c(1.0 - mu_01(ratio) * q, 0.0)
    }

    /// |I''k| − Ib at fault bus f by hand: Ib = |I''k − Σ terms| (eq. 75 with phasors).
    fn hand_decay(z: &[Vec<Complex>], f: usize, machines: &[Machine]) -> f64 {
        let i_k = c(C, 0.0) / z[f][f];
        let sum = machines
            .iter()
            .fold(Complex::ZERO, |s, m| s + hand_term(z, f, m));
        i_k.abs() - (i_k - sum).abs()
    }

    fn decay(net: &Network, machines: &[Machine]) -> (Vec<f64>, Vec<f64>) {
        let z = net.dense_inverse();
        let zff: Vec<Complex> = (0..4).map(|f| z[f][f]).collect();
        let mut out = vec![f64::NAN; 4];
        breaking_decay(&net.solver(), machines, &zff, &[C; 4], T_MIN, &mut out).unwrap();
        let hand = (0..4).map(|f| hand_decay(&z, f, machines)).collect();
        (out, hand)
    }

    fn assert_close(got: &[f64], want: &[f64]) {
        for (f, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(
                (g - w).abs() <= 1e-12 * w.abs().max(1e-3),
                "fault bus {}: {} against {} by hand",
                f,
                g,
                w
            );
        }
    }

    #[test]
    fn a_near_synchronous_machine_decays_by_eq_75() {
        let g1 = generator(1.0);
        let net = network(g1.z, MOTOR, MOTOR);
        let (out, hand) = decay(&net, &[g1]);
        // G1 feeds its own bus with far more than 2·IrG: a real decay there.
        assert!(hand[0] > 0.0);
        assert_close(&out, &hand);
    }

    #[test]
    fn a_synchronous_machine_at_or_below_twice_its_rated_current_does_not_decay() {
        // A large rated current puts I''kG/IrG ≤ 2 at every bus: μ = 1 (eq. 70), no term anywhere.
        let g1 = generator(1e3);
        let net = network(g1.z, MOTOR, MOTOR);
        let (out, hand) = decay(&net, &[g1]);
        assert_eq!(hand, vec![0.0; 4]);
        assert_eq!(out, vec![0.0; 4]);
    }

    #[test]
    fn an_asynchronous_motor_decays_by_q_even_below_twice_its_rated_current() {
        // m = 0.1 MW per pole pair: q = 0.57 + 0.12·ln 0.1 = 0.2937 (eq. 73, 0.1 s) < 1.
        let m1 = Machine {
            bus: 2,
            z: c(0.05, 0.5),
            i_rated: 50.0,
            mw_per_pole_pair: Some(0.1),
        };
        let g1 = generator(1.0);
        let net = network(g1.z, m1.z, c(1.0, 10.0));
        let (out, hand) = decay(&net, &[g1, m1]);
        let z = net.dense_inverse();
        let ratio_far = z[0][2].abs() * (C / z[0][0].abs()) / m1.z.abs() / m1.i_rated;
        assert!(
            ratio_far <= 2.0,
            "the motor is below 2·IrM at bus 0: {}",
            ratio_far
        );
        assert!(hand_term(&z, 0, &m1).abs() > 0.0);
        assert_close(&out, &hand);
    }

    #[test]
    fn machines_at_one_bus_share_a_column_and_add_up() {
        let g1 = generator(1.0);
        let m1 = Machine {
            bus: 2,
            z: c(0.02, 0.2),
            i_rated: 0.5,
            mw_per_pole_pair: Some(1.5),
        };
        let m2 = Machine {
            bus: 2,
            z: c(0.03, 0.3),
            i_rated: 0.4,
            mw_per_pole_pair: None,
        };
        let net = network(g1.z, m1.z, m2.z);
        // Listed out of bus order: breaking_decay sorts them itself.
        let (out, hand) = decay(&net, &[m2, g1, m1]);
        assert_close(&out, &hand);
    }

    #[test]
    fn a_term_out_of_phase_with_the_fault_current_removes_less_than_its_magnitude() {
        // M1 with R/X 1 at the end of a resistive line: its part lags I''k by far less than
        // 90°, so jX''·I''kM² turns away from I''k and |I''k − term| > |I''k| − |term|.
        let m1 = Machine {
            bus: 2,
            z: c(0.2, 0.2),
            i_rated: 0.5,
            mw_per_pole_pair: Some(2.0),
        };
        let net = network(generator(1.0).z, m1.z, MOTOR);
        let z = net.dense_inverse();
        let (out, hand) = decay(&net, &[m1]);
        assert_close(&out, &hand);
        for (f, &decayed) in out.iter().enumerate() {
            let magnitude = hand_term(&z, f, &m1).abs();
            assert!(
                decayed > 0.0 && decayed < magnitude,
                "bus {}: {} against |term| {}",
                f,
                decayed,
                magnitude
            );
        }
    }

    #[test]
    fn an_unfed_fault_bus_gets_no_term() {
        let g1 = generator(1.0);
        let net = network(g1.z, MOTOR, MOTOR);
        let z = net.dense_inverse();
        // Z_ff infinite (an unfed bus in the engine's convention): no source current there.
        let zff = vec![z[0][0], c(f64::INFINITY, 0.0), z[2][2], z[3][3]];
        let mut out = vec![f64::NAN; 4];
        breaking_decay(&net.solver(), &[g1], &zff, &[C; 4], T_MIN, &mut out).unwrap();
        assert_eq!(out[1], 0.0);
        assert!((out[0] - hand_decay(&z, 0, &[g1])).abs() <= 1e-12 * out[0]);
    }

    #[test]
    fn converter_sources_add_their_transfer_voltages_in_magnitude() {
        // §6.10 / eq. (41): Σ_j |Z_fj|·I_j at every fault bus.
        let net = network(generator(1.0).z, MOTOR, MOTOR);
        let z = net.dense_inverse();
        let sources = [
            CurrentSource {
                bus: 3,
                current: 0.2,
            },
            CurrentSource {
                bus: 1,
                current: 0.05,
            },
        ];
        let mut out = vec![f64::NAN; 4];
        source_voltage(&net.solver(), &sources, &mut out).unwrap();
        let hand: Vec<f64> = (0..4)
            .map(|f| z[f][3].abs() * 0.2 + z[f][1].abs() * 0.05)
            .collect();
        assert_close(&out, &hand);
    }

    #[test]
    fn a_machine_bus_outside_the_network_is_an_error() {
        let net = network(generator(1.0).z, MOTOR, MOTOR);
        let mut out = vec![0.0; 4];
        let sources = [CurrentSource {
            bus: 9,
            current: 1.0,
        }];
        assert!(source_voltage(&net.solver(), &sources, &mut out).is_err());
    }
}
