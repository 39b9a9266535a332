// N-1 screening of I''k: the base network is factorized once; each outage is a rank-1 change
// (a three-winding transformer's: a few, three-winding.ts) solved in WASM (rust/src/iec60909/outage_screening.rs), so an all-branch, all-bus screening
// costs one solve per outage instead of a study per outage. Results equal a full re-solve of
// the network without the branch (test: outage-screening.test.ts).

import {
  changePercent,
  type FaultType,
  type NetworkDocument,
  type OutageDetail,
  type OutageScreeningOptionsInput,
  type OutageScreeningResult,
  type OutageSummary,
  outageBranchIds,
  outageScreeningOptionsSchema,
} from "@ampflux/contracts";
import { check } from "../../errors.ts";
import type { SimExports } from "../../loader.ts";
import { allocF64, allocI32, copyInF64, copyInI32, viewF64, viewI32, withBuffers } from "../../memory.ts";
import { energizedNodes } from "../admittance.ts";
import { buildModel } from "../build-model.ts";
import { parseOptions, ShortCircuitInputError } from "../errors.ts";
import { correctionFactors, FAULT_CODES } from "../kernels.ts";
import { namingBuses } from "../matrix-errors.ts";
import { baseCurrentKa, type ShortCircuitModel } from "../model.ts";
import { SequenceFactorization } from "../sequence-factorization.ts";
import { BUS_LEVEL, gather } from "../sequence-impedances.ts";
import { Stopwatch } from "../stopwatch.ts";
import { parseStudyOptions } from "../study-options.ts";
import { ValidatedNetwork } from "../validated-network.ts";
import { type OutageSet, outageSet, type ZeroNetwork } from "./outage-set.ts";

export function outageScreening(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  input: OutageScreeningOptionsInput = {},
): OutageScreeningResult {
  return screenWithDetail(sim, network, input, false).result;
}

/** One outage's I''k at every bus (outage-study.ts adds the re-solved ip, Ib and Ith). */
export type OutageIkssDetail = Omit<OutageDetail, "buses"> & {
  buses: Omit<OutageDetail["buses"][number], "ip_ka" | "ib_ka" | "ith_ka">[];
};

/**
 * One outage's own I''k at every bus beside the intact network's: the screening of that outage
 * alone, with the kernel's per-node values of it. Throws ShortCircuitInputError for an unknown
 * branch or one the screening does not cover (its reason).
 */
export function outageDetail(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  input: OutageScreeningOptionsInput,
  outage: string,
): OutageIkssDetail {
  const { result, last } = screenWithDetail(sim, network, { ...input, outages: [outage] }, true);
  const summary = result.outages[0];
  if (!summary) {
    const reason = result.not_screened[0]?.reason ?? "not screened";
    throw new ShortCircuitInputError("not screened", [{ path: ["outage"], message: `${outage}: ${reason}` }]);
  }
  return {
    standard: result.standard,
    options: result.options,
    outage,
    kind: summary.kind,
    buses: result.buses.map((bus, k) => {
      const value = last[k];
      const ikss = value === undefined || Number.isNaN(value) || bus.base_ikss_ka === null ? null : value;
      return {
        bus: bus.bus,
        ikss_ka: ikss,
        base_ikss_ka: bus.base_ikss_ka,
        change_percent: changePercent(ikss, bus.base_ikss_ka),
      };
    }),
  };
}

function screenWithDetail(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  input: OutageScreeningOptionsInput,
  detail: boolean,
): { result: OutageScreeningResult; last: (number | undefined)[] } {
  const validated = ValidatedNetwork.is(network) ? network : ValidatedNetwork.check(network);
  const options = parseOptions(outageScreeningOptionsSchema, input);
  const doc = validated.document;
  if (options.outages !== "all") {
    const known = outageBranchIds(doc);
    const unknown = options.outages.flatMap((id, k) =>
      known.has(id) ? [] : [{ path: ["outages", k], message: `no branch "${id}"` }],
    );
    if (unknown.length > 0) throw new ShortCircuitInputError("invalid options", unknown);
  }
  const study = parseStudyOptions(validated, {
    fault: options.fault,
    case: options.case,
    lv_tolerance_percent: options.lv_tolerance_percent,
    c_max: options.c_max,
    c_min: options.c_min,
  });
  const clock = new Stopwatch();
  const earth = options.fault === "1ph" || options.fault === "2ph_earth";
  const model = buildModel(doc, study, correctionFactors(sim), { zeroSequence: earth });
  clock.lap("model");
  const index = energizedNodes(model.positive, model.nodeCount, true);
  const converters = model.converters.filter((s) => (index[s.node] ?? -1) >= 0);
  if (converters.length > 0)
    throw new ShortCircuitInputError("not screened", [
      {
        path: ["static_generators"],
        message: `N-1 screening does not cover converter-based sources yet (${converters.length} in service, e.g. ${converters[0]?.element})`,
      },
    ]);
  if (options.fault !== "3ph" && model.positive.shunts.some((s) => s.z2 !== undefined))
    throw new ShortCircuitInputError("not screened", [
      {
        path: ["fault"],
        message: `${options.fault} screening needs Z(2) = Z(1): some generators have negative-sequence data`,
      },
    ]);
  using factors = new SequenceFactorization(sim);
  const lu = namingBuses(doc, model, "positive", () =>
    factors.factorizeNetwork(model.positive, index, BUS_LEVEL),
  );
  const n = lu.n;
  const z1 = lu.diagInverse();
  clock.lap("factorize");
  using zeroFactors = new SequenceFactorization(sim);
  const zero = earth ? zeroSequenceNetwork(doc, model, zeroFactors, index) : undefined;
  clock.lap("zero sequence");
  const set = outageSet(doc, model, index, n, options, zero);
  clock.lap("outage set");
  // A node that is no bus (a three-winding transformer's star point) gets NaN: the kernel then
  // neither reports a change there nor counts it unfed.
  const busNodes = new Set(model.nodeOfBus.values());
  const c = gather(index, n, (node) => (busNodes.has(node) ? (model.c[node] ?? 1) : Number.NaN));
  const highest = (options.worst ?? (options.case === "max" ? "highest" : "lowest")) === "highest";
  const screened = screen(
    sim,
    { handle: lu.factorsHandle(), z1, c, fault: options.fault },
    zero,
    set,
    highest,
    detail,
  );
  clock.lap("outages");

  const busOfIndex: string[] = new Array(n);
  index.forEach((k, node) => {
    if (k >= 0) busOfIndex[k] = model.busOfNode[node] ?? "";
  });
  const buses = doc.buses.map((bus) => {
    const node = model.nodeOfBus.get(bus.id);
    const k = node === undefined ? -1 : (index[node] ?? -1);
    if (node === undefined || k < 0) return { bus: bus.id, ikss_ka: null, outage: null, base_ikss_ka: null };
    const ib = baseCurrentKa(model.baseKv[node] ?? 1);
    const worstOutage = screened.outage[k] ?? -1;
    return {
      bus: bus.id,
      ikss_ka: (screened.worst[k] ?? 0) * ib,
      outage: worstOutage >= 0 ? (set.ids[worstOutage] ?? null) : null,
      base_ikss_ka: (screened.base[k] ?? 0) * ib,
    };
  });
  const outages: OutageSummary[] = set.ids.map((id, k) => {
    const at = screened.at[k] ?? -1;
    return {
      outage: id,
      kind: set.kinds[k] ?? "line",
      largest_change_percent: 100 * (screened.change[k] ?? 0),
      at_bus: at >= 0 ? (busOfIndex[at] ?? null) : null,
      unfed_buses: screened.unfed[k] ?? 0,
    };
  });
  // The last outage's own current per bus, in kA (NaN: unfed by it).
  const perNode = screened.last;
  const last = perNode
    ? doc.buses.map((bus) => {
        const node = model.nodeOfBus.get(bus.id);
        const k = node === undefined ? -1 : (index[node] ?? -1);
        return k < 0 ? undefined : (perNode[k] ?? Number.NaN) * baseCurrentKa(model.baseKv[node ?? 0] ?? 1);
      })
    : [];
  clock.lap("results");
  return {
    result: {
      standard: "IEC 60909-0:2016",
      options,
      buses,
      outages,
      not_screened: set.notScreened,
      timings: clock.timings,
    },
    last,
  };
}

interface Screened {
  /** With `detail`: the last outage's own current per node (NaN: unfed by it). */
  last: Float64Array | undefined;
  base: Float64Array;
  worst: Float64Array;
  outage: Int32Array;
  change: Float64Array;
  at: Int32Array;
  unfed: Int32Array;
}

interface PositiveFactors {
  handle: number;
  z1: Float64Array;
  c: Float64Array;
  fault: FaultType;
}

/** Y(0) of an earth-fault screening: its factors, diag Z(0) and each positive node's Y(0) node. */
interface ZeroFactors extends ZeroNetwork {
  handle: number;
  z0: Float64Array;
  /** Per positive-sequence matrix index its Y(0) index (−1: no earth path). */
  ofPositive: Int32Array;
}

function zeroSequenceNetwork(
  doc: NetworkDocument,
  model: ShortCircuitModel,
  factors: SequenceFactorization,
  positiveIndex: Int32Array,
): ZeroFactors {
  const index = energizedNodes(model.zero, model.nodeCount, false);
  let n = 0;
  for (const k of index) if (k >= n) n = k + 1;
  const ofPositive = new Int32Array(positiveIndex.reduce((m, k) => Math.max(m, k + 1), 0)).fill(-1);
  positiveIndex.forEach((k, node) => {
    if (k >= 0) ofPositive[k] = index[node] ?? -1;
  });
  if (n === 0) return { index, n, handle: 0, z0: new Float64Array(), ofPositive };
  const lu = namingBuses(doc, model, "zero", () => factors.factorizeNetwork(model.zero, index, BUS_LEVEL));
  return { index, n, handle: lu.factorsHandle(), z0: lu.diagInverse(), ofPositive };
}

function screen(
  sim: SimExports,
  positive: PositiveFactors,
  zero: ZeroFactors | undefined,
  set: OutageSet,
  highest: boolean,
  detail: boolean,
): Screened {
  const n = positive.c.length;
  const count = set.ids.length;
  const terms = zero && zero.handle !== 0 ? set.zero : undefined;
  return withBuffers(sim, (track) => {
    const f64 = (b: Float64Array) => track(copyInF64(sim, b)).ptr;
    const i32 = (b: Int32Array) => track(copyInI32(sim, b)).ptr;
    const base = track(allocF64(sim, n));
    const worst = track(allocF64(sim, n));
    const outage = track(allocI32(sim, n));
    const change = track(allocF64(sim, count));
    const at = track(allocI32(sim, count));
    const unfed = track(allocI32(sim, count));
    const last = detail ? track(allocF64(sim, n)) : undefined;
    check(
      sim,
      sim.ampflux_sc_outage_screening(
        positive.handle,
        n,
        f64(positive.z1),
        f64(positive.c),
        i32(set.bridges.pre),
        FAULT_CODES[positive.fault],
        terms && zero ? zero.handle : 0,
        terms && zero ? zero.n : 0,
        terms && zero ? f64(zero.z0) : 0,
        terms ? i32(terms.bridges.pre) : 0,
        terms && zero ? i32(zero.ofPositive) : 0,
        count,
        i32(set.flags),
        i32(set.cuts),
        terms ? i32(terms.cuts) : 0,
        i32(set.removed),
        i32(set.terms.count),
        i32(set.terms.ends),
        f64(set.terms.ratio),
        f64(set.terms.y),
        i32(set.terms.update),
        i32(set.terms.unfedStart),
        i32(set.terms.unfedNodes),
        terms ? i32(terms.count) : 0,
        terms ? i32(terms.ends) : 0,
        terms ? f64(terms.ratio) : 0,
        terms ? f64(terms.y) : 0,
        terms ? i32(terms.update) : 0,
        terms ? i32(terms.unfedStart) : 0,
        terms ? i32(terms.unfedNodes) : 0,
        highest ? 1 : 0,
        base.ptr,
        worst.ptr,
        outage.ptr,
        change.ptr,
        at.ptr,
        unfed.ptr,
        last?.ptr ?? 0,
      ),
    );
    return {
      last: last ? viewF64(sim, last, n).slice() : undefined,
      base: viewF64(sim, base, n).slice(),
      worst: viewF64(sim, worst, n).slice(),
      outage: viewI32(sim, outage, n).slice(),
      change: viewF64(sim, change, count).slice(),
      at: viewI32(sim, at, count).slice(),
      unfed: viewI32(sim, unfed, count).slice(),
    };
  });
}
