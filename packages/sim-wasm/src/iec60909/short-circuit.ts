// shortCircuit(): an IEC 60909-0:2016 study on a network document. The model is built here;
// Ybus factorization, selected inversion (diag Z per sequence), transfer solves and the per-bus
// formulas run in WASM.

import {
  type BusFaultResult,
  type NetworkDocument,
  type ShortCircuitOptions,
  type ShortCircuitOptionsInput,
  type ShortCircuitResult,
  shortCircuitOptionsSchema,
  validateNetwork,
} from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { factorizeMatrix, type SparseLu } from "../solver.ts";
import { fromTriplets } from "../sparse.ts";
import { assemble, energizedNodes, type StampOptions } from "./admittance.ts";
import { branchResults } from "./branch-results.ts";
import { buildModel } from "./build-model.ts";
import { ShortCircuitInputError } from "./errors.ts";
import { BUS_RESULT_STRIDE, breakingDecay, busResults, correctionFactors, sourceVoltage } from "./kernels.ts";
import { baseCurrentKa, baseImpedanceOhm, type SequenceNetwork, type ShortCircuitModel } from "./model.ts";

const BUS_LEVEL: StampOptions = { xScale: 1, shiftSign: 0 };

class Stopwatch {
  readonly timings: Record<string, number> = {};
  #last = performance.now();
  lap(phase: string): void {
    const now = performance.now();
    this.timings[phase] = (this.timings[phase] ?? 0) + (now - this.#last);
    this.#last = now;
  }
}

function parseInputs(network: unknown, optionsInput: ShortCircuitOptionsInput) {
  const validation = validateNetwork(network);
  if (!validation.ok || !validation.document)
    throw new ShortCircuitInputError("invalid network", validation.errors);
  const parsed = shortCircuitOptionsSchema.safeParse(optionsInput);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map((k) => (typeof k === "number" ? k : String(k))),
      message: i.message,
    }));
    throw new ShortCircuitInputError("invalid options", issues);
  }
  const options = parsed.data;
  const known = new Set(validation.document.buses.map((b) => b.id));
  const unknown = (options.buses ?? []).flatMap((id, i) =>
    known.has(id) ? [] : [{ path: ["buses", i], message: `unknown bus "${id}"` }],
  );
  if (unknown.length > 0) throw new ShortCircuitInputError("invalid options", unknown);
  if (options.branches && options.buses === undefined) {
    throw new ShortCircuitInputError("invalid options", [
      { path: ["branches"], message: "needs the fault buses in `buses`" },
    ]);
  }
  return { doc: validation.document, options, warnings: validation.warnings };
}

/** Factorized Ybus of a sequence network over its energized nodes. */
export function factorizeSequence(
  sim: SimExports,
  network: SequenceNetwork,
  index: Int32Array,
  stamp: StampOptions,
): SparseLu {
  const t = assemble(network, index, stamp);
  return factorizeMatrix(sim, fromTriplets(sim, t.n, t.rows, t.cols, t.values));
}

/** Gathers a per-node quantity into matrix order. */
function gather(index: Int32Array, n: number, value: (node: number) => number): Float64Array {
  const out = new Float64Array(n);
  index.forEach((k, node) => {
    if (k >= 0) out[k] = value(node);
  });
  return out;
}

interface SequenceImpedances {
  index: Int32Array;
  z1: Float64Array;
  zPeak: Float64Array;
  decay: Float64Array;
  sourceVoltage: Float64Array;
}

function positiveSequence(
  sim: SimExports,
  model: ShortCircuitModel,
  options: ShortCircuitOptions,
  clock: Stopwatch,
): SequenceImpedances {
  const index = energizedNodes(model.positive, model.nodeCount, true);
  const lu = factorizeSequence(sim, model.positive, index, BUS_LEVEL);
  try {
    clock.lap("factorize");
    const z1 = lu.diagInverse();
    clock.lap("inverse");
    const c = gather(index, lu.n, (node) => model.c[node] ?? 1);
    const active = <T extends { node: number }>(list: T[]) => list.filter((m) => (index[m.node] ?? -1) >= 0);
    const machines = options.fault === "3ph" ? active(model.machines) : [];
    const decay =
      machines.length === 0
        ? new Float64Array(lu.n)
        : breakingDecay(sim, lu, z1, c, options.tmin_s, {
            bus: Int32Array.from(machines, (m) => index[m.node] ?? 0),
            z: Float64Array.from(machines.flatMap((m) => [m.z.re, m.z.im])),
            iRated: Float64Array.from(machines, (m) => m.iRatedPu),
            mwPerPolePair: Float64Array.from(machines, (m) => m.mwPerPolePair),
          });
    const converters = active(model.converters);
    const sources = sourceVoltage(
      sim,
      lu,
      lu.n,
      Int32Array.from(converters, (s) => index[s.node] ?? 0),
      Float64Array.from(converters, (s) => s.currentPu),
    );
    clock.lap("transfer");
    // The peak-current network (R_Gf, and f_c = 0.4 f for method C) has the same pattern, so
    // the symbolic analysis is reused.
    const xScale = options.kappa_method === "C" ? 0.4 : 1;
    const t = assemble(model.positive, index, { xScale, shiftSign: 0, peak: true });
    lu.factorize(fromTriplets(sim, t.n, t.rows, t.cols, t.values).values);
    const zPeak = lu.diagInverse();
    clock.lap("peak network");
    return { index, z1, zPeak, decay, sourceVoltage: sources };
  } finally {
    lu.dispose();
  }
}

/** diag Z(0) per positive-sequence index; Infinity where no earth path exists. */
function zeroSequence(
  sim: SimExports,
  model: ShortCircuitModel,
  positiveIndex: Int32Array,
  n: number,
): Float64Array {
  const index = energizedNodes(model.zero, model.nodeCount, false);
  const z0 = new Float64Array(2 * n).fill(Number.POSITIVE_INFINITY);
  if (!index.some((k) => k >= 0)) return z0;
  const lu = factorizeSequence(sim, model.zero, index, BUS_LEVEL);
  try {
    const diag = lu.diagInverse();
    positiveIndex.forEach((k, node) => {
      const k0 = index[node] ?? -1;
      if (k >= 0 && k0 >= 0) {
        z0[2 * k] = diag[2 * k0] ?? 0;
        z0[2 * k + 1] = diag[2 * k0 + 1] ?? 0;
      }
    });
    return z0;
  } finally {
    lu.dispose();
  }
}

const UNFED: Omit<BusFaultResult, "bus"> = {
  fed: false,
  ikss_ka: null,
  skss_mva: null,
  rk_ohm: null,
  xk_ohm: null,
  r0_ohm: null,
  x0_ohm: null,
  kappa: null,
  ip_ka: null,
  ib_ka: null,
  ith_ka: null,
  ike_ka: null,
};

/** Runs a study. Throws ShortCircuitInputError for an invalid network or options. */
export function shortCircuit(
  sim: SimExports,
  network: NetworkDocument | unknown,
  optionsInput: ShortCircuitOptionsInput = {},
): ShortCircuitResult {
  const clock = new Stopwatch();
  const { doc, options, warnings } = parseInputs(network, optionsInput);
  const model = buildModel(doc, options, correctionFactors(sim));
  clock.lap("model");
  const pos = positiveSequence(sim, model, options, clock);
  const n = pos.z1.length / 2;
  const earth = options.fault === "1ph" || options.fault === "2ph_earth";
  const z0 = earth
    ? zeroSequence(sim, model, pos.index, n)
    : new Float64Array(2 * n).fill(Number.POSITIVE_INFINITY);
  clock.lap("zero sequence");
  const raw = busResults(sim, {
    fault: options.fault,
    kappaMethod: options.kappa_method,
    fHz: doc.frequency_hz,
    tkS: options.tk_s,
    allBranchesRxBelow03: model.allBranchesRxBelow03,
    z1: pos.z1,
    z0,
    zPeak: pos.zPeak,
    c: gather(pos.index, n, (node) => model.c[node] ?? 1),
    sourceVoltage: pos.sourceVoltage,
    lowVoltage: gather(pos.index, n, (node) => ((model.baseKv[node] ?? 1) <= 1 ? 1 : 0)),
    decay: pos.decay,
  });
  const wanted = options.buses ? new Set(options.buses) : undefined;
  const buses = doc.buses
    .filter((b) => !wanted || wanted.has(b.id))
    .map((bus): BusFaultResult => {
      const node = model.nodeOfBus.get(bus.id);
      const k = node === undefined ? -1 : (pos.index[node] ?? -1);
      if (node === undefined || k < 0) return { bus: bus.id, ...UNFED };
      const kv = model.baseKv[node] ?? 1;
      const ib = baseCurrentKa(kv);
      const zb = baseImpedanceOhm(kv);
      const r = (i: number) => (raw[k * BUS_RESULT_STRIDE + i] ?? 0) * ib;
      const ikss = r(0);
      const hasEarth = Number.isFinite(z0[2 * k]);
      return {
        bus: bus.id,
        fed: true,
        ikss_ka: ikss,
        skss_mva: Math.sqrt(3) * kv * ikss,
        rk_ohm: (pos.z1[2 * k] ?? 0) * zb,
        xk_ohm: (pos.z1[2 * k + 1] ?? 0) * zb,
        r0_ohm: earth && hasEarth ? (z0[2 * k] ?? 0) * zb : null,
        x0_ohm: earth && hasEarth ? (z0[2 * k + 1] ?? 0) * zb : null,
        kappa: raw[k * BUS_RESULT_STRIDE + 2] ?? 0,
        ip_ka: r(3),
        ib_ka: r(4),
        ith_ka: r(5),
        ike_ka: r(1),
      };
    });
  clock.lap("results");
  const branches = options.branches ? branchResults(sim, model, pos.index, raw, options) : [];
  clock.lap("branches");
  const listed = (what: string, ids: string[]) =>
    ids.length === 0
      ? []
      : [
          {
            path: ["buses"],
            message: `${ids.length} bus(es) ${what}: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}`,
          },
        ];
  const busWarnings = [
    ...listed(
      "fed by no source",
      buses.filter((b) => !b.fed).map((b) => b.bus),
    ),
    ...listed(
      "without an earth path, so no earth-fault current",
      earth ? buses.filter((b) => b.fed && b.r0_ohm === null).map((b) => b.bus) : [],
    ),
    ...listed(
      "with a net capacitive reactance at the fault (κ uses |X|)",
      buses.filter((b) => (b.xk_ohm ?? 0) < 0).map((b) => b.bus),
    ),
  ];
  return {
    standard: "IEC 60909-0:2016",
    options,
    buses,
    branches,
    warnings: [...warnings, ...model.warnings, ...busWarnings],
    timings: clock.timings,
  };
}
