// N-1 screening of I''k: the base network is factorized once; each outage is a rank-1 change
// solved in WASM (rust/src/iec60909/outage_screening.rs), so an all-branch, all-bus screening
// costs one solve per outage instead of a study per outage. Results equal a full re-solve of
// the network without the branch (test: outage-screening.test.ts).

import {
  type OutageScreeningOptionsInput,
  type OutageScreeningResult,
  type OutageSummary,
  outageScreeningOptionsSchema,
} from "@ampflux/contracts";
import { check } from "../../errors.ts";
import type { SimExports } from "../../loader.ts";
import { allocF64, allocI32, copyInF64, copyInI32, viewF64, viewI32, withBuffers } from "../../memory.ts";
import { energizedNodes } from "../admittance.ts";
import { buildModel } from "../build-model.ts";
import { ShortCircuitInputError } from "../errors.ts";
import { correctionFactors } from "../kernels.ts";
import { namingBuses } from "../matrix-errors.ts";
import { baseCurrentKa } from "../model.ts";
import { SequenceFactorization, sequenceYbus } from "../sequence-factorization.ts";
import { BUS_LEVEL, gather } from "../sequence-impedances.ts";
import { Stopwatch } from "../stopwatch.ts";
import { parseStudyOptions } from "../study-options.ts";
import { ValidatedNetwork } from "../validated-network.ts";
import { type OutageSet, outageSet } from "./outage-set.ts";

/** Line-to-line faults with Z(2) = Z(1): I''k2 = (√3/2)·I''k3 (IEC 60909-0 eq. 49). */
const LINE_TO_LINE = Math.sqrt(3) / 2;

export function outageScreening(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  input: OutageScreeningOptionsInput = {},
): OutageScreeningResult {
  const validated = ValidatedNetwork.is(network) ? network : ValidatedNetwork.check(network);
  const parsed = outageScreeningOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new ShortCircuitInputError(
      "invalid options",
      parsed.error.issues.map((i) => ({
        path: i.path.map((k) => (typeof k === "number" ? k : String(k))),
        message: i.message,
      })),
    );
  const options = parsed.data;
  const doc = validated.document;
  if (options.outages !== "all") {
    const known = new Set(
      [...doc.lines, ...doc.transformers, ...doc.impedances, ...doc.transformers3w].map((b) => b.id),
    );
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
  const model = buildModel(doc, study, correctionFactors(sim), { zeroSequence: false });
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
  if (options.fault === "2ph" && model.positive.shunts.some((s) => s.z2 !== undefined))
    throw new ShortCircuitInputError("not screened", [
      {
        path: ["fault"],
        message: "2ph screening needs Z(2) = Z(1): some generators have negative-sequence data",
      },
    ]);
  using factors = new SequenceFactorization(sim);
  const lu = namingBuses(doc, model, "positive", () =>
    factors.factorize(sequenceYbus(sim, model.positive, index, BUS_LEVEL)),
  );
  const n = lu.n;
  const z1 = lu.diagInverse();
  clock.lap("factorize");
  const set = outageSet(doc, model, index, n, options);
  clock.lap("outage set");
  const factor = options.fault === "2ph" ? LINE_TO_LINE : 1;
  const scale = gather(index, n, (node) => factor * (model.c[node] ?? 1));
  const screened = screen(
    sim,
    lu.factorsHandle(),
    z1,
    scale,
    set,
    (options.worst ?? (options.case === "max" ? "highest" : "lowest")) === "highest",
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
      base_ikss_ka: ((scale[k] ?? 0) / Math.hypot(z1[2 * k] ?? 0, z1[2 * k + 1] ?? 0)) * ib,
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
  clock.lap("results");
  return {
    standard: "IEC 60909-0:2016",
    options,
    buses,
    outages,
    not_screened: set.notScreened,
    timings: clock.timings,
  };
}

interface Screened {
  worst: Float64Array;
  outage: Int32Array;
  change: Float64Array;
  at: Int32Array;
  unfed: Int32Array;
}

function screen(
  sim: SimExports,
  handle: number,
  z1: Float64Array,
  scale: Float64Array,
  set: OutageSet,
  highest: boolean,
): Screened {
  const n = scale.length;
  const count = set.ids.length;
  return withBuffers(sim, (track) => {
    const f64 = (b: Float64Array) => track(copyInF64(sim, b)).ptr;
    const i32 = (b: Int32Array) => track(copyInI32(sim, b)).ptr;
    const worst = track(allocF64(sim, n));
    const outage = track(allocI32(sim, n));
    const change = track(allocF64(sim, count));
    const at = track(allocI32(sim, count));
    const unfed = track(allocI32(sim, count));
    check(
      sim,
      sim.ampflux_sc_outage_screening(
        handle,
        n,
        f64(z1),
        f64(scale),
        i32(set.bridges.pre),
        count,
        i32(set.ends),
        f64(set.ratio),
        f64(set.y),
        i32(set.flags),
        i32(set.cuts),
        highest ? 1 : 0,
        worst.ptr,
        outage.ptr,
        change.ptr,
        at.ptr,
        unfed.ptr,
      ),
    );
    return {
      worst: viewF64(sim, worst, n).slice(),
      outage: viewI32(sim, outage, n).slice(),
      change: viewF64(sim, change, count).slice(),
      at: viewI32(sim, at, count).slice(),
      unfed: viewI32(sim, unfed, count).slice(),
    };
  });
}
