// SPDX-License-Identifier: LGPL-2.1-or-later
//! N-1 screening of the initial short-circuit current at every bus: for each branch outage,
//! diag Z' of the network without that branch, from the base factorization and one solve.
//!
//! A two-terminal branch between nodes i and j (ideal ratio t on the i side, bus level: t real)
//! stamps y·a·aᵀ into Y with a = e_i/t − e_j, so its outage is the rank-1 change −y·a·aᵀ.
//! Sherman–Morrison (J. Sherman, W. J. Morrison, Ann. Math. Statist. 21(1), 1950) then gives,
//! with w = Z·a (one solve) and Z symmetric (every bus-level Ybus is complex symmetric):
//!   Z' = Z − w·wᵀ / (aᵀw − 1/y),   so  Z'_kk = Z_kk − w_k² / (aᵀw − 1/y)
//! exactly, not as an approximation: the compensation method of network analysis
//! (O. Alsaç, B. Stott, W. F. Tinney, "Sparsity-oriented compensation methods for modified
//! network solutions", IEEE Trans. PAS-102(5), 1983). A shunt (j absent) has a = e_i.
//!
//! Outages that split an island are found by the caller (bridges of the network graph) and
//! given as a `Cut`: the nodes left without a source are unfed; the update is skipped when
//! the cut-off part holds no shunt at all (it then drew no current, and aᵀw − 1/y = 0).
//!
//! Earth faults need Z(0) as well. A branch's zero-sequence terms (a series element, or the
//! earthing shunts of its windings) are applied one after the other: with W = [w_1 … w_m]
//! of the earlier terms, term t's vector is w_t = Z·a_t − Σ_{s<t} w_s (w_sᵀa_t)/δ_s (Woodbury as
//! successive Sherman–Morrison steps, one solve per term). Nodes whose zero-sequence island
//! loses its last earth path are given as a zero-sequence `Cut`: no earth-fault current there.
//! Z(2) = Z(1) (the caller checks that no machine has negative-sequence data of its own).
//!
//! A three-winding transformer is a star point s joined to its buses by three series branches;
//! its outage takes out all three (and its zero-sequence windings: earthed-star branches, delta
//! windings as shunts at s, zig-zag shunts at its buses), a rank-≤4 change applied by the same
//! successive Sherman–Morrison steps (the Sherman–Morrison–Woodbury identity as rank-1 steps:
//! W. W. Hager, "Updating the inverse of a matrix", SIAM Review 31(2), 1989). Removing every
//! branch at s would leave s isolated and the matrix singular, so the first term adds a unit
//! shunt at s (a term with y = −1): an isolated node with a shunt of its own is decoupled from
//! the rest, whose impedances are then exactly those of the network without the transformer, and
//! every intermediate step stays nonsingular. s itself is `removed` (no value, not counted). The
//! sides its outage leaves without a source (without an earth path in Y(0)) are listed
//! explicitly (`unfed`, `zero_unfed`); a branch to a side that holds no shunt at all is not
//! removed (that side then stays with s, decoupled from the rest as well).

use crate::complex::Complex;
use crate::error::{try_vec, Result, SolverError};
use crate::iec60909::block_solve::{BlockSolve, TermEnds};
use crate::iec60909::fault::{fault_current, sequence_currents, FaultType};
use crate::iec60909::term_solve::TermSolve;
use crate::solver::Solver;

/// The nodes an outage leaves unfed, by preorder number `pre[k]` of a depth-first search:
/// the subtree `sub` (`inside`), or the rest of its island `island` (not `inside`).
#[derive(Clone, Copy, Debug)]
pub struct Cut {
    pub island: (usize, usize),
    pub sub: (usize, usize),
    pub inside: bool,
}

impl Cut {
    fn unfeeds(&self, pre: usize) -> bool {
        let in_sub = self.sub.0 <= pre && pre < self.sub.1;
        if self.inside {
            in_sub
        } else {
            self.island.0 <= pre && pre < self.island.1 && !in_sub
        }
    }
}

/// One rank-1 term y·a·aᵀ of a branch's stamp: a = e_i/ratio − e_j (a = e_i for a shunt).
#[derive(Clone, Copy, Debug)]
pub struct Term {
    pub i: usize,
    pub j: Option<usize>,
    /// Ideal ratio on the i side (1 for lines and shunts).
    pub ratio: f64,
    /// Admittance of the element, per unit.
    pub y: Complex,
    /// Apply the change (false: the element carried no current, or none is left).
    pub update: bool,
}

#[derive(Clone, Debug)]
pub struct Outage {
    /// Its positive-sequence terms, applied in order (one for a two-terminal branch).
    pub positive: Vec<Term>,
    pub cut: Option<Cut>,
    /// Nodes it leaves unfed besides its cut (the sides a three-winding transformer fed alone).
    pub unfed: Vec<usize>,
    /// A node it takes out of the network (a three-winding transformer's star point): no value,
    /// not counted as unfed.
    pub removed: Option<usize>,
    /// Its zero-sequence terms (earth faults only).
    pub zero: Vec<Term>,
    pub zero_cut: Option<Cut>,
    /// Zero-sequence nodes it leaves without an earth path besides its zero cut.
    pub zero_unfed: Vec<usize>,
}

/// Which extreme is the worst: the highest current (breaker duty, maximum case) or the
/// lowest (protection sensitivity, minimum case; unfed buses do not count as lowest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worst {
    Highest,
    Lowest,
}

impl Worst {
    /// Whether `value` is worse than `than`.
    fn is_worse(self, value: f64, than: f64) -> bool {
        match self {
            Worst::Highest => value > than,
            Worst::Lowest => value < than,
        }
    }
}

/// What one outage did: the largest relative change of the current at any fed node, where,
/// and how many nodes it left unfed.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutageSummary {
    pub largest_change: f64,
    pub at_node: Option<usize>,
    pub unfed: usize,
}

pub struct Screening {
    /// The intact network's current per node (per unit).
    pub base: Vec<f64>,
    /// Worst current per node (per unit), the base case included.
    pub worst: Vec<f64>,
    /// The outage (index into the list) that gives it; None for the base case.
    pub worst_outage: Vec<Option<usize>>,
    pub summaries: Vec<OutageSummary>,
    /// The current per node with the last outage of the list (NaN: unfed by it): one outage's
    /// own values, for its details on demand.
    pub last: Vec<f64>,
}

/// The positive-sequence network: its factors, diag Z, c per node and the preorder numbers
/// its cuts refer to.
pub struct PositiveInput<'a> {
    pub solver: &'a Solver,
    pub zff: &'a [Complex],
    /// The voltage factor per node; NaN marks a node that is no bus (a three-winding
    /// transformer's star point): in the matrix, but no fault location, change or unfed bus.
    pub c: &'a [f64],
    pub pre: &'a [usize],
}

/// The zero-sequence network of earth faults: factors, diag Z(0) over its own nodes, the zero
/// node of each positive node (None: no earth path) and its preorder numbers.
pub struct ZeroInput<'a> {
    pub solver: &'a Solver,
    pub zff: &'a [Complex],
    pub of_positive: &'a [Option<usize>],
    pub pre: &'a [usize],
}

fn check_term(t: &Term, n: usize, what: &str, index: usize) -> Result<()> {
    let ends_ok = t.i < n && t.j.map_or(true, |j| j < n && j != t.i);
    if !ends_ok || t.ratio.is_nan() || t.ratio <= 0.0 || !t.y.is_finite() {
        return Err(SolverError::invalid(format!(
            "outage {}: invalid {} ends, ratio or admittance",
            index, what
        )));
    }
    Ok(())
}

/// aᵀx for a term's vector a, x given by its entries.
fn a_dot(t: &Term, x: impl Fn(usize) -> Complex) -> Complex {
    x(t.i) * Complex::new(1.0 / t.ratio, 0.0) - t.j.map_or(Complex::ZERO, x)
}

/// 1/δ of a term's rank-1 step, δ = aᵀw − 1/y; kept as the reciprocal, since the update of every
/// node multiplies by it.
fn inverse_delta(t: &Term, w: impl Fn(usize) -> Complex) -> Complex {
    Complex::ONE / (a_dot(t, w) - Complex::ONE / t.y)
}

/// A value's change relative to the intact network's; a node without current there (no earth
/// path) has none.
fn relative_change(value: f64, base: f64) -> f64 {
    if base > 0.0 {
        (value - base).abs() / base
    } else {
        0.0
    }
}

/// The rank-1 steps of one outage on Z (successive Sherman–Morrison): each applied term's w and
/// 1/δ, δ = aᵀw − 1/y, so that Z' = Z − Σ w·wᵀ/δ. The vectors are kept from outage to outage: an
/// allocation and zeroing of n values per outage was a fifth of the screening.
struct RankOneSteps {
    w: Vec<Vec<Complex>>,
    delta: Vec<Complex>,
    count: usize,
}

impl RankOneSteps {
    fn new() -> RankOneSteps {
        RankOneSteps {
            w: Vec::new(),
            delta: Vec::new(),
            count: 0,
        }
    }

    fn compute(&mut self, solver: &mut TermSolve, terms: &[Term], n: usize) -> Result<()> {
        self.count = 0;
        for t in terms.iter().filter(|t| t.update) {
            if self.w.len() == self.count {
                self.w.push(try_vec(n, Complex::ZERO)?);
                self.delta.push(Complex::ZERO);
            }
            let (done, rest) = self.w.split_at_mut(self.count);
            let w = &mut rest[0];
            solver.solve(t.i, t.j, t.ratio, w);
            for (ws, ds) in done.iter().zip(&self.delta) {
                let f = a_dot(t, |k| ws[k]) * *ds;
                for (x, s) in w.iter_mut().zip(ws) {
                    *x = *x - *s * f;
                }
            }
            self.delta[self.count] = inverse_delta(t, |k| w[k]);
            self.count += 1;
        }
        Ok(())
    }

    /// Z'_kk from Z_kk.
    fn updated(&self, z: Complex, k: usize) -> Complex {
        (0..self.count).fold(z, |z, s| z - self.w[s][k] * self.w[s][k] * self.delta[s])
    }
}

/// The fault type's current at a node with source c (IEC 60909-0 eq. 29, 49, 52; Z(2) = Z(1)).
/// Balanced and single-phase faults by their closed forms, which equal the largest phase current
/// of `fault_current(sequence_currents(…))` to rounding; that general form is evaluated only for
/// the line-to-line-to-earth fault (its phase currents differ).
// |z| as √(re² + im²), not hypot: per-unit impedances are nowhere near overflow, and hypot is a
// libm call per bus and outage in WASM (a large share of the screening before).
fn screened_current(fault: FaultType, c: f64, z1: Complex, z0: Option<Complex>) -> f64 {
    let abs = |z: Complex| z.norm_sqr().sqrt();
    match (fault, z0) {
        (FaultType::ThreePhase, _) => c / abs(z1),
        (FaultType::LineToLine, _) => 3f64.sqrt() * c / abs(z1 + z1),
        (FaultType::LineToEarth, None) => 0.0,
        (FaultType::LineToEarth, Some(z0)) => 3.0 * c / abs(z1 + z1 + z0),
        (FaultType::LineToLineToEarth, _) => {
            fault_current(sequence_currents(fault, c, z1, z1, z0, Complex::ZERO))
        }
    }
}

/// Consecutive simple outages that share one backward sweep and one pass over the nodes
/// (block_solve.rs).
const BLOCK: usize = 4;

/// Screens `outages` for `fault` at every positive-sequence node; `zero` is needed for earth
/// faults only. Currents are per unit: the fault type's largest phase current with source c.
pub fn screen_outages(
    positive: &PositiveInput,
    zero: Option<&ZeroInput>,
    fault: FaultType,
    outages: &[Outage],
    worst_is: Worst,
) -> Result<Screening> {
    screen::<BLOCK>(positive, zero, fault, outages, worst_is)
}

/// A simple outage, one that a block handles: one positive-sequence term (a two-terminal branch
/// or a shunt), nothing listed unfed or removed. Zero-sequence terms are not looked at: blocks
/// are used only without a zero-sequence network. An invalid term is left to the one-at-a-time
/// path, which reports it.
fn is_simple(o: &Outage, n: usize) -> bool {
    match o.positive.as_slice() {
        [t] => o.unfed.is_empty() && o.removed.is_none() && check_term(t, n, "", 0).is_ok(),
        _ => false,
    }
}

/// What a pass over the nodes reads besides the outages: the network, the fault, the base case.
struct Pass<'a, 'b> {
    positive: &'a PositiveInput<'b>,
    zero: Option<&'a ZeroInput<'b>>,
    fault: FaultType,
    worst_is: Worst,
    base: &'a [f64],
}

/// 2 to B consecutive simple outages, the first numbered `first`: one blocked solve for all their
/// w, then one pass over the nodes, which takes the outages at each node in their order, so
/// every value, comparison and worst-case update is the one the one-at-a-time path makes (the
/// same outage wins a tie). Without a zero-sequence network: z0 is None at every node.
// Never inlined, nor is the blocked solve: a WebAssembly engine compiles a function first with
// its baseline compiler and uses the optimized code it compiles later from the next call on
// (V8: Liftoff, then TurboFan, with no on-stack replacement), so a loop inlined into the one call
// of `screen` would run in baseline code for the whole screening (case9241pegase: 4.3 s instead
// of 2.75 s with the baseline compiler disabled).
#[inline(never)]
fn screen_block<const B: usize>(
    pass: &Pass,
    first: usize,
    block: &[Outage],
    solve: &mut BlockSolve<B>,
    tally: &mut Tally,
) -> Result<Vec<OutageSummary>> {
    let positive = pass.positive;
    let (worst, worst_outage) = (&mut tally.worst, &mut tally.worst_outage);
    let ends_of = |o: &Outage| {
        let t = &o.positive[0];
        TermEnds {
            i: t.i,
            j: t.j,
            ratio: t.ratio,
        }
    };
    // A block shorter than B repeats its first term in the unused slots (solved, never read).
    let mut ends = [ends_of(&block[0]); B];
    for (e, o) in ends.iter_mut().zip(block) {
        *e = ends_of(o);
    }
    solve.solve(&ends);
    // 1/δ per outage, as RankOneSteps::compute has it; None: no update.
    let mut inv_delta = [None; B];
    for (b, (d, o)) in inv_delta.iter_mut().zip(block).enumerate() {
        let t = &o.positive[0];
        if t.update {
            *d = Some(inverse_delta(t, |k| solve.at(k)[b]));
        }
    }
    let m = block.len();
    let any_cut = block.iter().any(|o| o.cut.is_some());
    let mut summaries = vec![OutageSummary::default(); m];
    // Per outage, the band of |denominator|² in which its change is surely not its largest yet.
    let mut bands = [ChangeBand::EMPTY; B];
    // The first node at which each outage has no finite value: the error the one-at-a-time path
    // would stop at, reported for the first such outage.
    let mut failed: [Option<usize>; B] = [None; B];
    for k in 0..positive.c.len() {
        let c = positive.c[k];
        if c.is_nan() {
            continue;
        }
        let pre = if any_cut { positive.pre[k] } else { 0 };
        let (z, base) = (positive.zff[k], pass.base[k]);
        let (mut worst_k, mut outage_k) = (worst[k], worst_outage[k]);
        let mut at_node = Unchanging::new(pass.fault, pass.worst_is, c, base, worst_k);
        let w = solve.at(k);
        let per_outage = block
            .iter()
            .zip(summaries.iter_mut())
            .zip(w.iter().zip(&inv_delta))
            .zip(failed.iter_mut().zip(bands.iter_mut()));
        for (b, (((o, summary), (&w, d)), (failed, band))) in per_outage.enumerate() {
            if o.cut.map_or(false, |cut| cut.unfeeds(pre)) {
                summary.unfed += 1;
                continue;
            }
            let z1 = d.map_or(z, |d| z - w * w * d);
            if at_node.as_ref().map_or(false, |u| u.surely(z1, band)) {
                continue;
            }
            let value = screened_current(pass.fault, c, z1, None);
            if !value.is_finite() {
                failed.get_or_insert(k);
                continue;
            }
            let change = relative_change(value, base);
            if change > summary.largest_change {
                summary.largest_change = change;
                summary.at_node = Some(k);
                *band = ChangeBand::new(change);
            }
            if pass.worst_is.is_worse(value, worst_k) {
                worst_k = value;
                outage_k = Some(first + b);
                at_node = Unchanging::new(pass.fault, pass.worst_is, c, base, worst_k);
            }
        }
        worst[k] = worst_k;
        worst_outage[k] = outage_k;
    }
    if let Some((b, k)) = failed
        .iter()
        .enumerate()
        .find_map(|(b, f)| f.map(|k| (b, k)))
    {
        return Err(unfinite(first + b, k));
    }
    Ok(summaries)
}

// Skipping the current where it surely changes nothing. Most currents of an outage are neither
// the node's worst so far nor the outage's largest change so far, which the exact value
// (a square root and two divisions) only confirms. The fault current is v = num/√s with
// s = |z|² (3ph: num = c, z = Z'_kk; 2ph: num = √3·c, z = 2·Z'_kk), so both questions can be
// asked of s against thresholds computed once per node (and again when the worst changes) and
// once per outage (when its largest change grows). The thresholds keep a relative margin of
// 1e-9 (the change band also 1e-13 absolute), far above the rounding of v, of the thresholds
// and of the change (a few 1e-16 relative): s beyond them means the exact comparisons would
// both be false, so skipping gives the same result, bit for bit; anywhere near a threshold, v is
// computed and compared as before. It is a bound, not an approximation.

/// The band of s = |z|² within which an outage's change |v − base|/base surely stays at or
/// below its largest so far, as factors of (num/base)².
#[derive(Clone, Copy)]
struct ChangeBand {
    above: f64,
    below: f64,
}

impl ChangeBand {
    /// No band (no change counted yet): every change is computed.
    const EMPTY: ChangeBand = ChangeBand {
        above: f64::INFINITY,
        below: f64::NEG_INFINITY,
    };

    fn new(largest: f64) -> ChangeBand {
        // |v − base| < L'·base with L' = L(1 − 1e-9) − 1e-13 leaves the computed change ≤ L.
        // (A NaN anywhere here only makes the comparisons of `surely` false: nothing skipped.)
        let l = largest * (1.0 - 1e-9) - 1e-13;
        if l <= 0.0 {
            return ChangeBand::EMPTY;
        }
        // s > (num/base)²/(1 + L')² ⇔ v < base(1 + L'); s < (num/base)²/(1 − L')² ⇔ v > base(1 − L').
        let below = if l < 1.0 {
            (1.0 - 1e-12) / ((1.0 - l) * (1.0 - l))
        } else {
            f64::INFINITY
        };
        ChangeBand {
            above: (1.0 + 1e-12) / ((1.0 + l) * (1.0 + l)),
            below,
        }
    }
}

/// At one node: the thresholds of s for "not worse than the worst so far" and for the change
/// band. None for faults without that closed form here (earth faults), or a node without
/// current in the base case.
struct Unchanging {
    fault: FaultType,
    worst_is: Worst,
    /// Worse only if s < … (Highest) or s > … (Lowest), margin included.
    worse_beyond: f64,
    /// (num/base)².
    change_scale: f64,
}

impl Unchanging {
    fn new(fault: FaultType, worst_is: Worst, c: f64, base: f64, worst: f64) -> Option<Unchanging> {
        let num = match fault {
            FaultType::ThreePhase => c,
            FaultType::LineToLine => 3f64.sqrt() * c,
            _ => return None,
        };
        if base <= 0.0 {
            return None;
        }
        // v < W ⇐ s > (num/W)²(1 + 4e-9); v > W ⇐ s < (num/W)²(1 − 4e-9).
        let t = (num / worst) * (num / worst);
        let worse_beyond = match worst_is {
            Worst::Highest => t * (1.0 + 4e-9),
            Worst::Lowest => t * (1.0 - 4e-9),
        };
        Some(Unchanging {
            fault,
            worst_is,
            worse_beyond,
            change_scale: (num / base) * (num / base),
        })
    }

    /// Whether Z'_kk = z1 surely leaves the worst and the outage's largest change as they are.
    fn surely(&self, z1: Complex, band: &ChangeBand) -> bool {
        let s = match self.fault {
            FaultType::LineToLine => (z1 + z1).norm_sqr(),
            _ => z1.norm_sqr(),
        };
        // A finite, positive normal s: v finite (no error to report) and the bounds hold.
        if !(s.is_finite() && s >= f64::MIN_POSITIVE) {
            return false;
        }
        let not_worse = match self.worst_is {
            Worst::Highest => s > self.worse_beyond,
            Worst::Lowest => s < self.worse_beyond,
        };
        not_worse && s > self.change_scale * band.above && s < self.change_scale * band.below
    }
}

fn unfinite(index: usize, k: usize) -> SolverError {
    SolverError::invalid(format!(
        "outage {} leaves node {} without a finite impedance (a split the caller did not mark)",
        index, k
    ))
}

/// The one-at-a-time path's state kept from outage to outage: the rank-1 steps and solves of
/// both sequences, and per node whether the outage's own lists name it (cleared after it).
struct OneAtATime<'a> {
    steps: RankOneSteps,
    zero_steps: RankOneSteps,
    positive_solve: TermSolve<'a>,
    zero_solve: Option<TermSolve<'a>>,
    /// Left unfed by the outage's own list (1), or removed by it (2).
    listed: Vec<u8>,
    zero_listed: Vec<bool>,
}

/// The results kept over the outages.
struct Tally {
    worst: Vec<f64>,
    worst_outage: Vec<Option<usize>>,
    last: Vec<f64>,
}

/// `screen_outages` with blocks of up to B simple outages (B = 1: one outage at a time).
fn screen<const B: usize>(
    positive: &PositiveInput,
    zero: Option<&ZeroInput>,
    fault: FaultType,
    outages: &[Outage],
    worst_is: Worst,
) -> Result<Screening> {
    let n = positive.zff.len();
    if positive.c.len() != n || positive.pre.len() != n || positive.solver.symbolic.n() != n {
        return Err(SolverError::invalid(format!(
            "outage screening: {} impedances, {} voltage factors and {} preorder numbers for n = {}",
            n,
            positive.c.len(),
            positive.pre.len(),
            positive.solver.symbolic.n()
        )));
    }
    let earth = matches!(fault, FaultType::LineToEarth | FaultType::LineToLineToEarth);
    // Without a zero-sequence network (none given, or a 3ph/2ph fault) no node has an earth
    // path: earth faults then give no earth-fault current, as in a study.
    let zero = if earth { zero } else { None };
    if let Some(z) = zero {
        let n0 = z.zff.len();
        if z.of_positive.len() != n || z.pre.len() != n0 || z.solver.symbolic.n() != n0 {
            return Err(SolverError::invalid(
                "outage screening: zero-sequence inputs of the wrong size",
            ));
        }
    }
    let mut state = OneAtATime {
        steps: RankOneSteps::new(),
        zero_steps: RankOneSteps::new(),
        positive_solve: TermSolve::new(positive.solver)?,
        zero_solve: zero.map(|z| TermSolve::new(z.solver)).transpose()?,
        listed: vec![0u8; n],
        zero_listed: vec![false; zero.map_or(0, |z| z.zff.len())],
    };
    let base_z0 = |k: usize| zero.and_then(|z| z.of_positive[k].map(|k0| z.zff[k0]));
    let base: Vec<f64> = (0..n)
        .map(|k| screened_current(fault, positive.c[k], positive.zff[k], base_z0(k)))
        .collect();
    let mut tally = Tally {
        worst: base.clone(),
        worst_outage: vec![None; n],
        last: vec![f64::NAN; n],
    };
    let mut summaries = Vec::with_capacity(outages.len());
    let pass = Pass {
        positive,
        zero,
        fault,
        worst_is,
        base: &base,
    };
    let mut block_solve = if B > 1 && zero.is_none() {
        Some(BlockSolve::<B>::new(positive.solver)?)
    } else {
        None
    };
    let mut index = 0;
    while index < outages.len() {
        if let Some(solve) = block_solve.as_mut() {
            // Never the last outage: its own values (`last`) come from the one-at-a-time path.
            let m = outages[index..outages.len() - 1]
                .iter()
                .take(B)
                .take_while(|o| is_simple(o, n))
                .count();
            if m >= 2 {
                let block = &outages[index..index + m];
                summaries.extend(screen_block(&pass, index, block, solve, &mut tally)?);
                index += m;
                continue;
            }
        }
        let is_last = index + 1 == outages.len();
        let o = &outages[index];
        summaries.push(screen_one(
            &pass, &mut state, index, o, is_last, &mut tally,
        )?);
        index += 1;
    }
    Ok(Screening {
        base,
        worst: tally.worst,
        worst_outage: tally.worst_outage,
        summaries,
        last: tally.last,
    })
}

/// One outage, `index` in the list, with any terms and lists, both sequences.
// Never inlined, for the reason given at `screen_block` (case9241pegase, single-phase faults:
// 9.9 s for all outages when this was part of the one call of the screening loop).
#[inline(never)]
fn screen_one(
    pass: &Pass,
    state: &mut OneAtATime,
    index: usize,
    o: &Outage,
    is_last: bool,
    tally: &mut Tally,
) -> Result<OutageSummary> {
    let (positive, zero) = (pass.positive, pass.zero);
    let n = positive.zff.len();
    let current =
        |c: f64, z1: Complex, z0: Option<Complex>| screened_current(pass.fault, c, z1, z0);
    let OneAtATime {
        steps,
        zero_steps,
        positive_solve,
        zero_solve,
        listed,
        zero_listed,
    } = state;
    let Tally {
        worst,
        worst_outage,
        last,
    } = tally;
    for t in &o.positive {
        check_term(t, n, "positive-sequence", index)?;
    }
    steps.compute(positive_solve, &o.positive, n)?;
    zero_steps.count = 0;
    if let (Some(z), Some(zero_solve)) = (zero, zero_solve.as_mut()) {
        for t in &o.zero {
            check_term(t, z.zff.len(), "zero-sequence", index)?;
        }
        zero_steps.compute(zero_solve, &o.zero, z.zff.len())?;
    }
    let n0 = zero_listed.len();
    let in_range = o.unfed.iter().chain(&o.removed).all(|&k| k < n)
        && (zero.is_none() || o.zero_unfed.iter().all(|&k| k < n0));
    if !in_range {
        return Err(SolverError::invalid(format!(
            "outage {}: unfed or removed node out of range",
            index
        )));
    }
    o.unfed.iter().for_each(|&k| listed[k] = 1);
    if let Some(k) = o.removed {
        listed[k] = 2;
    }
    if zero.is_some() {
        o.zero_unfed.iter().for_each(|&k| zero_listed[k] = true);
    }
    let mut summary = OutageSummary::default();
    for k in 0..n {
        if positive.c[k].is_nan() {
            continue;
        }
        if listed[k] == 2 {
            if is_last {
                last[k] = f64::NAN;
            }
            continue;
        }
        if listed[k] == 1 || o.cut.map_or(false, |c| c.unfeeds(positive.pre[k])) {
            summary.unfed += 1;
            if is_last {
                last[k] = f64::NAN;
            }
            continue;
        }
        let z1 = steps.updated(positive.zff[k], k);
        let z0 = zero.and_then(|z| {
            let k0 = z.of_positive[k]?;
            if zero_listed[k0] || o.zero_cut.map_or(false, |c| c.unfeeds(z.pre[k0])) {
                return None;
            }
            Some(zero_steps.updated(z.zff[k0], k0))
        });
        let value = current(positive.c[k], z1, z0);
        if is_last {
            last[k] = value;
        }
        if !value.is_finite() {
            return Err(unfinite(index, k));
        }
        let change = relative_change(value, pass.base[k]);
        if change > summary.largest_change {
            summary.largest_change = change;
            summary.at_node = Some(k);
        }
        if pass.worst_is.is_worse(value, worst[k]) {
            worst[k] = value;
            worst_outage[k] = Some(index);
        }
    }
    o.unfed
        .iter()
        .chain(&o.removed)
        .for_each(|&k| listed[k] = 0);
    if zero.is_some() {
        o.zero_unfed.iter().for_each(|&k| zero_listed[k] = false);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csc::CscMatrix;

    /// (i, j, ratio, y): a meshed 6-node network, a transformer with an off-nominal ratio,
    /// a radial node 6 without any shunt and a radial node 7 with one (a generator behind a
    /// unit transformer).
    const BRANCHES: [(usize, usize, f64, (f64, f64)); 10] = [
        (0, 1, 1.0, (1.0, -8.0)),
        (1, 2, 1.0, (0.8, -6.0)),
        (2, 3, 1.05, (0.5, -10.0)),
        (3, 4, 1.0, (1.2, -7.0)),
        (4, 5, 1.0, (0.9, -5.0)),
        (5, 0, 1.0, (1.1, -9.0)),
        (1, 4, 1.0, (0.7, -4.0)),
        (2, 5, 0.97, (0.6, -3.0)),
        (3, 6, 1.0, (0.4, -2.0)),
        (5, 7, 1.0, (0.3, -12.0)),
    ];
    const SHUNTS: [(usize, (f64, f64)); 2] = [(0, (0.2, -20.0)), (7, (0.1, -6.0))];
    const N: usize = 8;

    fn solver_without(
        skip: Option<usize>,
        keep_nodes: &[bool],
    ) -> (Solver, Vec<Complex>, Vec<usize>) {
        let skip: Vec<usize> = skip.into_iter().collect();
        solver_of(&BRANCHES, &skip, keep_nodes)
    }

    fn solver_of(
        branches: &[Branch],
        skip: &[usize],
        keep_nodes: &[bool],
    ) -> (Solver, Vec<Complex>, Vec<usize>) {
        // Nodes renumbered over `keep_nodes`, so a split-off part can be left out.
        let map: Vec<usize> = keep_nodes
            .iter()
            .scan(0, |next, &keep| {
                let k = if keep { *next } else { usize::MAX };
                *next += keep as usize;
                Some(k)
            })
            .collect();
        let n = keep_nodes.iter().filter(|&&k| k).count();
        let (mut r, mut c, mut v) = (Vec::new(), Vec::new(), Vec::new());
        let mut put = |i: usize, j: usize, x: Complex| {
            if map[i] != usize::MAX && map[j] != usize::MAX {
                r.push(map[i]);
                c.push(map[j]);
                v.push(x);
            }
        };
        for (b, &(i, j, t, (g, bb))) in branches.iter().enumerate() {
            if skip.contains(&b) {
                continue;
            }
            let y = Complex::new(g, bb);
            let over_t = Complex::new(1.0 / t, 0.0);
            put(i, i, y * over_t * over_t);
            put(i, j, -(y * over_t));
            put(j, i, -(y * over_t));
            put(j, j, y);
        }
        for &(i, (g, b)) in &SHUNTS {
            put(i, i, Complex::new(g, b));
        }
        let m = CscMatrix::from_triplets(n, &r, &c, &v).unwrap();
        let mut s = Solver::analyze(m.pattern.clone()).unwrap();
        s.factorize(&m.values, 0.01).unwrap();
        let mut diag = vec![Complex::ZERO; n];
        s.selected_inverse(&mut diag, None).unwrap();
        (s, diag, map)
    }

    type Branch = (usize, usize, f64, (f64, f64));

    /// A branch's term y·a·aᵀ, a = e_i/t − e_j.
    fn branch_term(&(i, j, ratio, (g, bb)): &Branch, update: bool) -> Term {
        Term {
            i,
            j: Some(j),
            ratio,
            y: Complex::new(g, bb),
            update,
        }
    }

    /// The outage of one branch, cutting nothing.
    fn branch_outage(branch: &Branch) -> Outage {
        Outage {
            positive: vec![branch_term(branch, true)],
            cut: None,
            unfed: Vec::new(),
            removed: None,
            zero: Vec::new(),
            zero_cut: None,
            zero_unfed: Vec::new(),
        }
    }

    fn outage(b: usize) -> Outage {
        branch_outage(&BRANCHES[b])
    }

    /// BRANCHES with a three-winding transformer (branches 10–12): star point 8 joined to nodes 1,
    /// 3 and 6, and node 6 moved off branch 8 so that it hangs on the star alone, without a
    /// shunt (its winding is kept and 6 is unfed when the transformer is out).
    fn star_point_branches() -> Vec<Branch> {
        let mut branches = BRANCHES.to_vec();
        branches.push((1, 8, 1.02, (0.3, -9.0)));
        branches.push((3, 8, 0.98, (0.2, -7.0)));
        branches.push((6, 8, 1.0, (0.1, -5.0)));
        branches[8] = (7, 4, 1.0, (0.4, -2.0));
        branches
    }

    /// That transformer's outage: a unit shunt at the star point, then its three windings.
    fn star_outage(branches: &[Branch]) -> Outage {
        let unit = Term {
            i: 8,
            j: None,
            ratio: 1.0,
            y: Complex::new(-1.0, 0.0),
            update: true,
        };
        Outage {
            positive: vec![
                unit,
                branch_term(&branches[10], true),
                branch_term(&branches[11], true),
                branch_term(&branches[12], false),
            ],
            unfed: vec![6],
            removed: Some(8),
            ..branch_outage(&branches[10])
        }
    }

    #[test]
    fn rank_one_updates_equal_a_refactorization() {
        let (base, zff, _) = solver_without(None, &[true; N]);
        let scale = vec![1.1; N];
        let pre: Vec<usize> = (0..N).collect();
        // Branch 8 is a bridge to node 6, which has no shunt: unchanged elsewhere, 6 unfed.
        // Branch 9 is a bridge to node 7, which has its own source: both sides stay fed.
        for b in 0..BRANCHES.len() {
            let mut o = outage(b);
            let mut keep = [true; N];
            if b == 8 {
                o.positive[0].update = false;
                o.cut = Some(Cut {
                    island: (0, N),
                    sub: (6, 7),
                    inside: true,
                });
                keep[6] = false;
            }
            for worst_is in [Worst::Highest, Worst::Lowest] {
                let input = PositiveInput {
                    solver: &base,
                    zff: &zff,
                    c: &scale,
                    pre: &pre,
                };
                let s = screen_outages(&input, None, FaultType::ThreePhase, &[o.clone()], worst_is)
                    .unwrap();
                let (_, z_ref, map) = solver_without(Some(b), &keep);
                for k in 0..N {
                    if map[k] == usize::MAX {
                        let base_k = 1.1 / zff[k].abs();
                        assert!(
                            (s.worst[k] - base_k).abs() <= 1e-12 * base_k,
                            "unfed node keeps its base value"
                        );
                        assert!(s.worst_outage[k].is_none());
                        continue;
                    }
                    let reference = 1.1 / z_ref[map[k]].abs();
                    let base_k = 1.1 / zff[k].abs();
                    let expected = match worst_is {
                        Worst::Highest => reference.max(base_k),
                        Worst::Lowest => reference.min(base_k),
                    };
                    assert!(
                        (s.worst[k] - expected).abs() <= 1e-12 * expected,
                        "branch {} node {}: {} vs {}",
                        b,
                        k,
                        s.worst[k],
                        expected
                    );
                }
                assert_eq!(s.summaries[0].unfed, usize::from(b == 8));
            }
        }
    }

    #[test]
    fn a_star_point_outage_with_a_unit_shunt_equals_a_refactorization() {
        let branches = star_point_branches();
        let n = 9;
        let (base, zff, _) = solver_of(&branches, &[], &[true; 9]);
        let o = star_outage(&branches);
        let c = vec![1.1; n];
        let pre: Vec<usize> = (0..n).collect();
        let input = PositiveInput {
            solver: &base,
            zff: &zff,
            c: &c,
            pre: &pre,
        };
        let s = screen_outages(&input, None, FaultType::ThreePhase, &[o], Worst::Lowest).unwrap();
        let mut keep = [true; 9];
        keep[6] = false;
        keep[8] = false;
        let (_, z_ref, map) = solver_of(&branches, &[10, 11, 12], &keep);
        for k in (0..n).filter(|&k| keep[k]) {
            let reference = 1.1 / z_ref[map[k]].abs();
            assert!(
                (s.last[k] - reference).abs() <= 1e-12 * reference,
                "node {}: {} vs {}",
                k,
                s.last[k],
                reference
            );
        }
        assert!(s.last[6].is_nan() && s.last[8].is_nan());
        assert_eq!(s.summaries[0].unfed, 1);
    }

    /// Every field equal, bit for bit (NaN equal to NaN).
    fn assert_same(a: &Result<Screening>, b: &Result<Screening>, what: &str) {
        let (a, b) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(a), Err(b)) => return assert_eq!(a, b, "{}", what),
            _ => panic!("{}: one failed, one did not", what),
        };
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.base), bits(&b.base), "{} base", what);
        assert_eq!(bits(&a.worst), bits(&b.worst), "{} worst", what);
        assert_eq!(a.worst_outage, b.worst_outage, "{} worst outage", what);
        assert_eq!(bits(&a.last), bits(&b.last), "{} last", what);
        assert_eq!(a.summaries.len(), b.summaries.len(), "{}", what);
        for (x, y) in a.summaries.iter().zip(&b.summaries) {
            assert_eq!(
                x.largest_change.to_bits(),
                y.largest_change.to_bits(),
                "{}",
                what
            );
            assert_eq!((x.at_node, x.unfed), (y.at_node, y.unfed), "{}", what);
        }
    }

    #[test]
    fn blocks_of_outages_equal_one_outage_at_a_time() {
        // The star-point network: node 6 hangs on the star point 8 alone, without a shunt.
        let branches = star_point_branches();
        let n = 9;
        let (base, zff, _) = solver_of(&branches, &[], &[true; 9]);
        let single = |b: usize| branch_outage(&branches[b]);
        let six_alone = Some(Cut {
            island: (0, n),
            sub: (6, 7),
            inside: true,
        });
        // Branch 12 is a bridge to node 6 (no shunt: no update, 6 unfed).
        let bridge = Outage {
            positive: vec![branch_term(&branches[12], false)],
            cut: six_alone,
            ..single(12)
        };
        // A cut with an update (as a bridge to a part with shunts but no source would give).
        let cut_with_update = Outage {
            cut: Some(Cut {
                island: (0, n),
                sub: (2, 4),
                inside: false,
            }),
            ..single(2)
        };
        let star = star_outage(&branches);
        let listed = Outage {
            unfed: vec![5],
            ..single(5)
        };
        // Simple and other outages mixed, repeats (exact ties: the first one wins), runs of
        // simple outages of every length up to 7.
        let mut outages: Vec<Outage> = (0..12).map(single).collect();
        outages.push(bridge.clone());
        outages.push(star.clone());
        outages.extend([1, 7, 0].map(single));
        outages.push(listed);
        outages.extend([4, 4, 9, 3, 10].map(single));
        outages.push(cut_with_update);
        outages.push(bridge);
        outages.extend([11, 6, 0, 2, 5, 7, 1].map(single));
        outages.push(star);
        outages.extend([8, 9].map(single));
        let c: Vec<f64> = (0..n)
            .map(|k| {
                if k == 8 {
                    f64::NAN
                } else {
                    1.0 + 0.01 * k as f64
                }
            })
            .collect();
        let pre: Vec<usize> = (0..n).collect();
        let input = PositiveInput {
            solver: &base,
            zff: &zff,
            c: &c,
            pre: &pre,
        };
        let faults = [
            FaultType::ThreePhase,
            FaultType::LineToLine,
            FaultType::LineToEarth,
        ];
        for fault in faults {
            for worst_is in [Worst::Highest, Worst::Lowest] {
                for len in [1, 2, 3, 5, 14, 15, outages.len()] {
                    let list = &outages[..len];
                    let one = screen::<1>(&input, None, fault, list, worst_is);
                    assert!(one.is_ok());
                    let what =
                        |b: usize| format!("{:?} {:?} {} outages, B = {}", fault, worst_is, len, b);
                    assert_same(
                        &one,
                        &screen::<2>(&input, None, fault, list, worst_is),
                        &what(2),
                    );
                    assert_same(
                        &one,
                        &screen::<3>(&input, None, fault, list, worst_is),
                        &what(3),
                    );
                    assert_same(
                        &one,
                        &screen::<4>(&input, None, fault, list, worst_is),
                        &what(4),
                    );
                    assert_same(
                        &one,
                        &screen::<8>(&input, None, fault, list, worst_is),
                        &what(8),
                    );
                }
            }
        }
        // An outage that splits the network without saying so: the same error either way.
        let mut split = outages[..6].to_vec();
        // Branch 12, node 6's only connection, as if it changed the network.
        split.insert(3, branch_outage(&branches[12]));
        let one = screen::<1>(&input, None, FaultType::ThreePhase, &split, Worst::Highest);
        let four = screen::<4>(&input, None, FaultType::ThreePhase, &split, Worst::Highest);
        assert!(one.is_err());
        assert_same(&one, &four, "unmarked split");
    }

    #[test]
    fn a_cut_outside_the_subtree_unfeeds_the_rest_of_its_island() {
        let cut = Cut {
            island: (2, 10),
            sub: (4, 6),
            inside: false,
        };
        let unfed: Vec<usize> = (0..12).filter(|&p| cut.unfeeds(p)).collect();
        assert_eq!(unfed, vec![2, 3, 6, 7, 8, 9]);
    }
}
