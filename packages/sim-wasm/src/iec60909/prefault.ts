// Pre-fault voltages from a load flow: the superposition method (Grainger & Stevenson, "Power
// System Analysis", 1994, §10.3 symmetrical faults and §12.2–12.4 unsymmetrical faults through
// Z_bus; pandapower's calc_sc(use_pre_fault_voltage=True), "type C"; IEC 60909-0:2016 clause 1
// leaves such methods to the user when they are at least as precise). The fault changes the
// pre-fault state by what one source at the fault drives through the passive network:
//   I''k = V_k,pre / Z_kk   (no voltage factor c),  V = V_pre − Z[:, k]·I_f,
// so the network must be the load flow's own (Ybus with line charging, bus shunts, the actual
// tap ratios and phase shifts) plus what makes it passive during the fault: each load as the
// impedance that draws its load-flow power at its load-flow voltage, Y = conj(S)/|V|², and
// each rotating machine as its subtransient impedance (its internal voltage is part of the
// pre-fault state). The correction factors K_T, K_G, K_S, K_SO are left out: they stand in for
// the pre-fault operating state that the method of the equivalent voltage source does not know.

import type { LoadFlowOptions, NetworkDocument, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { buildLoadFlowModel, type LoadFlowModel } from "../loadflow/build-model.ts";
import { LoadFlowInputError } from "../loadflow/errors.ts";
import { type PerUnitSolution, solvePerUnit } from "../loadflow/newton-raphson.ts";
import { resolveLoadFlowOptions } from "../loadflow/options.ts";
import { buildModel } from "./build-model.ts";
import { abs, add, type Cx, conj, cx, div, inv, polar, scale } from "./complex.ts";
import { ShortCircuitInputError } from "./errors.ts";
import type { CorrectionFactors } from "./kernels.ts";
import { S_BASE_MVA, SeriesList, type ShortCircuitModel } from "./model.ts";

const METHOD = {
  nr: "Newton–Raphson",
  fdxb: "fast-decoupled (XB)",
  fdbx: "fast-decoupled (BX)",
  dc: "DC",
} as const;

export interface PrefaultState {
  model: LoadFlowModel;
  solution: PerUnitSolution;
  /** What the study's warnings say about the voltages used. */
  summary: string;
}

/**
 * Runs the load flow of the pre-fault state. Invalid settings are an error at `load_flow`; a
 * load flow that does not converge is an error at `prefault_voltage`: never a silent fallback
 * to c·Un/√3.
 */
export function prefaultLoadFlow(
  sim: SimExports,
  doc: NetworkDocument,
  options: LoadFlowOptions | undefined,
): PrefaultState {
  let resolved: ReturnType<typeof resolveLoadFlowOptions>;
  try {
    resolved = resolveLoadFlowOptions(options);
  } catch (error) {
    if (!(error instanceof LoadFlowInputError)) throw error;
    throw new ShortCircuitInputError(
      "invalid options",
      error.issues.map((i) => ({ path: ["load_flow", ...i.path], message: i.message })),
    );
  }
  let model: ReturnType<typeof buildLoadFlowModel>;
  try {
    model = buildLoadFlowModel(doc);
  } catch (error) {
    if (!(error instanceof LoadFlowInputError)) throw error;
    throw new ShortCircuitInputError("the network cannot be solved", error.issues);
  }
  const solution = solvePerUnit(sim, model, resolved);
  if (solution.outcome !== "converged") {
    const last = solution.history.at(-1);
    throw new ShortCircuitInputError("no pre-fault voltages", [
      {
        path: ["prefault_voltage"],
        message: `the load flow did not converge (${solution.outcome} after ${solution.iterations} iterations, max mismatch ${last === undefined ? "?" : last.toExponential(2)} pu > tolerance ${resolved.tolerance_pu} pu): fix the operating point or use "iec60909"`,
      },
    ]);
  }
  const supplied = solution.kind.map((k) => k !== "unsupplied");
  const vm = [...solution.vm].filter((_, i) => supplied[i]);
  const summary = `pre-fault voltages from a ${METHOD[resolved.algorithm]} load flow (converged in ${solution.iterations} iterations to ${resolved.tolerance_pu} pu; |V| ${Math.min(...vm).toFixed(4)}–${Math.max(...vm).toFixed(4)} pu), superposition method: no voltage factor c, no K_T/K_G/K_S, loads as constant impedances at their load-flow voltage`;
  return { model, solution, summary };
}

/** The factors of the equivalent voltage source method set to 1; Table 1's c stays for Z_Q (eq. 6). */
function withoutCorrections(factors: CorrectionFactors): CorrectionFactors {
  return { ...factors, kT: () => 1, kG: () => 1, kS: () => 1, kSO: () => 1 };
}

/**
 * The short-circuit model of the superposition method: the load flow's branches, the sources'
 * impedances (feeders Z_Q = c·U²/S''kQ, which is how S''kQ is defined; generators R_G + jX''d;
 * motors Z_M in the maximum case), loads, line charging and bus shunts as passive shunts, and
 * `prefault` / `c` from the load flow. The zero sequence is IEC's (rated ratios) without K_T.
 */
export function superpositionModel(
  doc: NetworkDocument,
  options: ShortCircuitOptions,
  factors: CorrectionFactors,
  pre: PrefaultState,
  build: { zeroSequence?: boolean } = {},
): ShortCircuitModel {
  const model = buildModel(doc, options, withoutCorrections(factors), build);
  const lf = pre.model;
  const scNode = lfToScNodes(model, lf);
  const v = (lfNode: number): Cx =>
    polar(pre.solution.vm[lfNode] ?? Number.NaN, ((pre.solution.va[lfNode] ?? Number.NaN) * 180) / Math.PI);
  const prefault: Cx[] = Array.from({ length: model.nodeCount }, () => cx(Number.NaN, Number.NaN));
  scNode.forEach((node, lfNode) => {
    if (node >= 0 && pre.solution.kind[lfNode] !== "unsupplied") prefault[node] = v(lfNode);
  });
  model.prefault = prefault;
  model.c = prefault.map((u) => abs(u));

  const shunts = model.positive.shunts;
  const passive = (node: number, y: Cx, id?: string) => {
    if (node >= 0 && (y.re !== 0 || y.im !== 0))
      shunts.push({ ...(id !== undefined && { id }), node, z: inv(y), feeds: false, passive: true });
  };
  model.positive.series = SeriesList.of(
    lf.branches.map((br, i) => {
      const ref = lf.branchRefs[i];
      if (!ref) throw new Error(`load-flow branch ${i} has no reference`);
      const from = scNode[br.from] ?? -1;
      const to = scNode[br.to] ?? -1;
      // π between ideal transformers t_f, t_t = one ratio t_f/t_t on the from side with the series
      // impedance referred to the to side (z·|t_t|²): the same Ybus entries (docs/load-flow.md).
      const ratio = div(br.tFrom, br.tTo);
      const tt2 = abs(br.tTo) ** 2;
      const tf2 = abs(br.tFrom) ** 2;
      passive(from, cx(0, br.b / 2 / tf2), ref.id);
      passive(to, cx(0, br.b / 2 / tt2), ref.id);
      return {
        id: ref.id,
        kind: ref.kind,
        from,
        to,
        z: scale(inv(br.y), tt2),
        ratio: abs(ratio),
        shiftDeg: (Math.atan2(ratio.im, ratio.re) * 180) / Math.PI,
      };
    }),
  );
  lf.buses.forEach((bus, lfNode) => {
    passive(scNode[lfNode] ?? -1, bus.yShunt);
  });
  // Loads (and motors in the minimum case, where IEC leaves them out as sources, §10) draw
  // S at |V|: Y = conj(S)/|V|² in per unit.
  const draws: { bus: string; p: number; q: number }[] = doc.loads
    .filter((l) => l.in_service)
    .map((l) => ({ bus: l.bus, p: l.p_mw, q: l.q_mvar }));
  if (options.case === "min") {
    for (const m of doc.motors.filter((m) => m.in_service)) {
      const p = m.pn_mech_mw / (m.efficiency_n_percent / 100);
      draws.push({ bus: m.bus, p, q: p * Math.tan(Math.acos(m.cos_phi_n)) });
    }
  }
  const loadY = new Map<number, Cx>();
  for (const d of draws) {
    const node = model.nodeOfBus.get(d.bus);
    const u = node === undefined ? 0 : (model.c[node] ?? 0);
    if (node === undefined || !(u > 0)) continue;
    const y = scale(conj(cx(d.p / S_BASE_MVA, d.q / S_BASE_MVA)), 1 / (u * u));
    loadY.set(node, add(loadY.get(node) ?? cx(0, 0), y));
  }
  for (const [node, y] of loadY) passive(node, y);
  return model;
}

/** Short-circuit node of each load-flow node (−1: none); star points are matched by transformer id. */
function lfToScNodes(model: ShortCircuitModel, lf: LoadFlowModel): Int32Array {
  const out = new Int32Array(lf.buses.length).fill(-1);
  for (const [bus, lfNode] of lf.nodeOfBus) out[lfNode] = model.nodeOfBus.get(bus) ?? -1;
  const busNodes = new Set(model.nodeOfBus.values());
  const starOf = new Map<string, number>();
  model.busOfNode.forEach((id, node) => {
    if (!busNodes.has(node)) starOf.set(id, node);
  });
  lf.branches.forEach((br, i) => {
    const ref = lf.branchRefs[i];
    if (ref?.kind !== "transformer3w" || (out[br.to] ?? -1) >= 0) return;
    let node = starOf.get(ref.id);
    if (node === undefined) {
      // A star point the IEC model did not need (e.g. only one winding in service).
      const kv = lf.baseKv[br.to] ?? 1;
      model.baseKv.push(kv);
      model.c.push(1);
      model.busOfNode.push(ref.id);
      node = model.nodeCount++;
      starOf.set(ref.id, node);
    }
    out[br.to] = node;
  });
  return out;
}

/** Buses fed in the short circuit that the load flow left without a voltage (islands without a slack). */
export function missingPrefaultVoltages(model: ShortCircuitModel, index: Int32Array): NetworkIssue[] {
  const missing = model.busOfNode.filter(
    (_, node) => (index[node] ?? -1) >= 0 && !Number.isFinite(model.c[node] ?? Number.NaN),
  );
  if (missing.length === 0) return [];
  return [
    {
      path: ["prefault_voltage"],
      message: `the load flow gives no voltage at ${missing.length} bus(es) that a source feeds in the short circuit (islands without an external grid): ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ", …" : ""}`,
    },
  ];
}
