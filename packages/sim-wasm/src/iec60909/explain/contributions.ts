// Each source's partial current at the fault bus. A fault current I(s) in sequence network s
// (s = 1, 2, 0) drives the node voltages ΔV = −Z(s)[:, f]·I(s); the element with impedance Z_j
// at node j carries ΔV_j / Z_j, i.e. the share (Z(s)_fj / Z_j) of I(s) (Y is symmetric at bus
// level, so Z_jf = Z_fj, the transfer impedances the eq. (75) kernel uses). Summed over
// sequences with the faulted phase's operator (a, a²) it gives the element's part of the
// phase current the result reports. Converter sources add the voltage Σ|Z_fj|·I_j at the fault
// (eq. 41, in phase with c, in magnitude): converter j's part is |Z_fj|·I_j of it.
// With every transformer at its nominal ratio the shares of a sequence network sum to 1
// (Ybus·1 = the shunt admittances); off-nominal rated ratios leave a residual, reported as such.

import type { BusResultExplanation, CorrectionFactor, PartialCurrent } from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { factorizeMatrix } from "../../solver.ts";
import { energizedNodes } from "../admittance.ts";
import { abs, add, type Cx, cx, div, mul, scale, sub } from "../complex.ts";
import type { SequenceNetwork, ShortCircuitModel, SourceTag } from "../model.ts";
import { sequenceYbus } from "../sequence-factorization.ts";
import { BUS_LEVEL } from "../sequence-impedances.ts";

const A = cx(-0.5, Math.sqrt(3) / 2);
const A2 = cx(-0.5, -Math.sqrt(3) / 2);
const ONE = cx(1, 0);
/** Operators (a_1, a_2) on I(1), I(2) of phases a, b, c (I(0) enters every phase once). */
const PHASE_OPERATORS: Array<[Cx, Cx]> = [
  [ONE, ONE],
  [A2, A],
  [A, A2],
];

export interface SequenceCurrentsPu {
  i1: Cx;
  i2: Cx;
  i0: Cx;
}

/** The phase (0 = a, 1 = b, 2 = c) whose current is largest: the one I''k reports. */
export function faultedPhase(s: SequenceCurrentsPu): number {
  let best = 0;
  let largest = -1;
  PHASE_OPERATORS.forEach(([a1, a2], p) => {
    const i = abs(add(add(s.i0, mul(a1, s.i1)), mul(a2, s.i2)));
    if (i > largest + 1e-12 * Math.max(1, largest)) {
      largest = i;
      best = p;
    }
  });
  return best;
}

/** Column f of Z of one sequence network over its energized nodes (per node; undefined: not in it). */
export function transferColumn(
  sim: SimExports,
  network: SequenceNetwork,
  index: Int32Array,
  faultNode: number,
): (node: number) => Cx | undefined {
  const f = index[faultNode] ?? -1;
  if (f < 0) return () => undefined;
  const lu = factorizeMatrix(sim, sequenceYbus(sim, network, index, BUS_LEVEL));
  let column: Float64Array;
  try {
    column = lu.inverseColumn(f);
  } finally {
    lu.dispose();
  }
  return (node) => {
    const k = index[node] ?? -1;
    return k < 0 ? undefined : cx(column[2 * k] ?? 0, column[2 * k + 1] ?? 0);
  };
}

interface Accumulating {
  element: string | null;
  kind: PartialCurrent["kind"];
  bus: string | null;
  current: Cx;
  factors: CorrectionFactor[];
  method: string;
}

export interface ContributionInputs {
  sim: SimExports;
  model: ShortCircuitModel;
  faultNode: number;
  /** The positive-sequence network's energized nodes (the study's index). */
  positiveIndex: Int32Array;
  /** Sequence currents at the fault, per unit, from the kernel (source voltage c + converters'). */
  sequence: SequenceCurrentsPu;
  c: number;
  /** Σ|Z_fj|·I_j of the converters at the fault (per unit), as the kernel used it. */
  converterVoltage: number;
  /** Whether the zero sequence carries current (earth fault with an earth path). */
  earth: boolean;
  /** kA per unit of current at the fault bus. */
  baseKa: number;
}

const METHODS: Record<PartialCurrent["kind"], string> = {
  external_grid:
    "Z_Q = c·U_nQ²/S''kQ (eq. 6); part = Σ_s a_s·(Z(s)_fj / Z_Q)·I(s): the sequence currents' share through Z_Q",
  generator: "K_G·Z_G (eq. 17–18); part = Σ_s a_s·(Z(s)_fj / Z_G,K)·I(s)",
  power_station_unit:
    "generator and unit transformer each corrected by the unit's K_S (eq. 21–22) or K_SO (eq. 23–24); part = Σ_s a_s·(Z(s)_fj / K·Z_G)·I(s) at the generator",
  motor: "Z_M = U_rM²/(I_LR/I_rM·S_rM) (eq. 26); part = (Z(1)_fj / Z_M)·(a_1·I(1) + a_2·I(2))",
  converter:
    "current source k·I_r (§6.10); part = |Z(1)_fj|·I_j / Σ_j|Z(1)_fj|·I_j of the converters' share of I''k (eq. 41)",
  earthed_winding: "zero-sequence path to earth; part = (Z(0)_fj / Z(0)_j)·I(0)",
  passive: "loads and line charging of the superposition method; part = Σ_s a_s·(Z(s)_fj / Z_j)·I(s)",
};

export function explainContributions(input: ContributionInputs): BusResultExplanation["contributions"] {
  const { sim, model, faultNode, sequence, c, converterVoltage, baseKa } = input;
  const phase = faultedPhase(sequence);
  const [a1, a2] = PHASE_OPERATORS[phase] ?? [ONE, ONE];
  const total = add(add(sequence.i0, mul(a1, sequence.i1)), mul(a2, sequence.i2));
  const e = c + converterVoltage;
  // The part of the sequence currents the impedance sources carry; the rest is the converters'.
  const sourceShare = e > 0 ? c / e : 1;
  const positive = transferColumn(sim, model.positive, input.positiveIndex, faultNode);
  const zeroIndex = input.earth ? energizedNodes(model.zero, model.nodeCount, false) : undefined;
  const zero = zeroIndex ? transferColumn(sim, model.zero, zeroIndex, faultNode) : () => undefined;
  const parts = new Map<string, Accumulating>();
  const entry = (
    tag: SourceTag | undefined,
    id: string | undefined,
    node: number,
    positiveShunt: boolean,
  ) => {
    const element = tag?.element ?? id ?? null;
    const kind: PartialCurrent["kind"] = tag?.kind ?? (id !== undefined ? "earthed_winding" : "passive");
    const key = element === null ? "\npassive" : element;
    let part = parts.get(key);
    if (!part) {
      const factors = [
        ...(tag?.factors ?? []),
        ...(tag ? [] : model.transformerFactors.filter((t) => t.element === id)),
      ];
      part = {
        element,
        kind,
        bus: element === null ? null : (model.busOfNode[node] ?? null),
        current: cx(0, 0),
        factors,
        method: kind === "passive" || positiveShunt || tag ? METHODS[kind] : METHODS.earthed_winding,
      };
      parts.set(key, part);
    }
    return part;
  };
  const i12 = scale(add(mul(a1, sequence.i1), mul(a2, sequence.i2)), sourceShare);
  for (const shunt of model.positive.shunts) {
    const zfj = positive(shunt.node);
    if (!zfj) continue;
    const part = entry(shunt.source, undefined, shunt.node, true);
    part.current = add(part.current, mul(div(zfj, shunt.z), i12));
  }
  const i0 = scale(sequence.i0, sourceShare);
  if (abs(i0) > 0) {
    for (const shunt of model.zero.shunts) {
      const zfj = zero(shunt.node);
      if (!zfj) continue;
      const part = entry(shunt.source, shunt.id, shunt.node, false);
      part.current = add(part.current, mul(div(zfj, shunt.z), i0));
    }
  }
  // Converters: in phase with the source voltage, so along the total current's phasor.
  if (converterVoltage > 0) {
    const converterTotal = scale(total, converterVoltage / e);
    for (const source of model.converters) {
      const zfj = positive(source.node);
      if (!zfj) continue;
      parts.set(source.element, {
        element: source.element,
        kind: "converter",
        bus: model.busOfNode[source.node] ?? null,
        current: scale(converterTotal, (abs(zfj) * source.currentPu) / converterVoltage),
        factors: [],
        method: METHODS.converter,
      });
    }
  }
  const list = [...parts.values()];
  const summed = list.reduce((s, p) => add(s, p.current), cx(0, 0));
  const residual = sub(total, summed);
  const phasor = (i: Cx) => ({
    magnitude_ka: abs(i) * baseKa,
    angle_deg: (Math.atan2(i.im, i.re) * 180) / Math.PI,
  });
  return {
    parts: list
      .map((p) => ({ ...p, current: phasor(p.current) }))
      .sort((a, b) => b.current.magnitude_ka - a.current.magnitude_ka),
    sum: phasor(total),
    ratio_residual: phasor(residual),
    note: `phase ${"abc"[phase]} (the largest faulted-phase current, which I''k reports); angles relative to the source voltage at the fault. Parts add as phasors to I''k; a residual remains only where a transformer's rated ratio differs from its buses' nominal voltages.`,
  };
}
