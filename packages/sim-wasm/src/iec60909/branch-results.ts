// Branch-end currents for chosen fault buses: ΔV = −Z[:, f] · I_f in each sequence network
// (one column solve per sequence), through each element's admittance stamp, then to phases.
// Phase shifts of transformers are kept here (positive +θ, negative −θ), so currents behind a
// Dyn transformer have the right phase angles for unbalanced faults.
// With pre-fault voltages from a load flow (superposition, prefault.ts) the fault's sequence
// currents are turned to the pre-fault angle of the fault bus and each end's positive-sequence
// load current before the fault is added: I = I_pre + ΔI (Grainger & Stevenson §10.3).

import type { BranchFaultResult, ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { factorizeMatrix, type SparseLu } from "../solver.ts";
import type { SparsePattern } from "../sparse.ts";
import { energizedNodes, type StampOptions, seriesStamp } from "./admittance.ts";
import { abs, add, type Cx, cx, div, mul, polar } from "./complex.ts";
import { BUS_RESULT_STRIDE } from "./kernels.ts";
import {
  baseCurrentKa,
  negativeSequence,
  type SequenceNetwork,
  type SeriesElement,
  type ShortCircuitModel,
  type ShuntElement,
} from "./model.ts";
import { sequenceYbus } from "./sequence-factorization.ts";

const A = cx(-0.5, Math.sqrt(3) / 2);
const A2 = cx(-0.5, -Math.sqrt(3) / 2);

interface Sequence {
  network: SequenceNetwork;
  index: Int32Array;
  stamp: StampOptions;
  lu: SparseLu;
  /** The pattern of Ybus: Z on it (selected inversion) gives Z between neighbouring nodes. */
  pattern: SparsePattern;
  /** Series elements and shunts by node, and Z on the pattern, made on first use (incidentCurrents). */
  incident?: Map<number, NodeElements>;
  zOnPattern?: Float64Array;
}

/** Z[k, f] by matrix index k, for one fault column f. */
type ZColumn = (k: number) => Cx;

/** Z[k, f] for the rows k of column f of the pattern (the fault node and its neighbours). */
function patternColumn(pattern: SparsePattern, zOnPattern: Float64Array, f: number): ZColumn {
  const rows = new Map<number, Cx>();
  for (let p = pattern.colPtr[f] ?? 0; p < (pattern.colPtr[f + 1] ?? 0); p++)
    rows.set(pattern.rowIdx[p] ?? -1, cx(zOnPattern[2 * p] ?? 0, zOnPattern[2 * p + 1] ?? 0));
  return (k) => {
    const z = rows.get(k);
    if (!z) throw new Error(`Z[${k}, ${f}] is not on the pattern of Ybus`);
    return z;
  };
}

/** Series elements and shunts: a whole sequence network's, or those at one node. */
interface NodeElements {
  series: Iterable<SeriesElement>;
  shunts: ShuntElement[];
}

/** The series elements with an end at each node and the shunts at it. */
function incidentElements(
  network: SequenceNetwork,
): Map<number, { series: SeriesElement[]; shunts: ShuntElement[] }> {
  const byNode = new Map<number, { series: SeriesElement[]; shunts: ShuntElement[] }>();
  const at = (node: number) => {
    let entry = byNode.get(node);
    if (!entry) {
      entry = { series: [], shunts: [] };
      byNode.set(node, entry);
    }
    return entry;
  };
  for (const s of network.series) {
    at(s.from).series.push(s);
    if (s.to !== s.from) at(s.to).series.push(s);
  }
  for (const shunt of network.shunts) at(shunt.node).shunts.push(shunt);
  return byNode;
}

/**
 * Current into each of `elements` (all of the sequence network by default) at each of its nodes,
 * keyed "id\nnode", for ΔV = −Z[:, f]·I. With `power`, also the complex power ΔV·conj(ΔI) into
 * each series element at each end, summed over the sequences (see faultSide).
 */
function terminalCurrents(
  seq: Sequence,
  column: ZColumn,
  current: Cx,
  into: Map<string, Cx[]>,
  slot: number,
  elements: NodeElements = seq.network,
  power?: Map<string, Cx>,
): void {
  const dv = (node: number): Cx => {
    const k = seq.index[node] ?? -1;
    if (k < 0) return cx(0, 0);
    const z = column(k);
    return mul(cx(-z.re, -z.im), current);
  };
  const accumulate = (id: string, node: number, i: Cx) => {
    const key = `${id}\n${node}`;
    const entry = into.get(key) ?? [cx(0, 0), cx(0, 0), cx(0, 0)];
    entry[slot] = add(entry[slot] ?? cx(0, 0), i);
    into.set(key, entry);
  };
  const addPower = (id: string, node: number, v: Cx, i: Cx) => {
    if (!power) return;
    const key = `${id}\n${node}`;
    power.set(key, add(power.get(key) ?? cx(0, 0), mul(v, cx(i.re, -i.im))));
  };
  for (const s of elements.series) {
    if ((seq.index[s.from] ?? -1) < 0 || (seq.index[s.to] ?? -1) < 0) continue;
    const [ff, ft, tf, tt] = seriesStamp(s, seq.stamp);
    const vf = dv(s.from);
    const vt = dv(s.to);
    const iFrom = add(mul(ff, vf), mul(ft, vt));
    const iTo = add(mul(tf, vf), mul(tt, vt));
    accumulate(s.id, s.from, iFrom);
    accumulate(s.id, s.to, iTo);
    addPower(s.id, s.from, vf, iFrom);
    addPower(s.id, s.to, vt, iTo);
  }
  for (const shunt of elements.shunts) {
    if (shunt.id !== undefined && (seq.index[shunt.node] ?? -1) >= 0)
      accumulate(shunt.id, shunt.node, div(dv(shunt.node), shunt.z));
  }
}

/** The sequence networks a fault connects, factorized for column solves; dispose() them. */
export class FaultSequences implements Disposable {
  /** Positive, negative and (earth faults only) zero sequence. */
  readonly slots: Array<Sequence | undefined>;

  constructor(sim: SimExports, model: ShortCircuitModel, positiveIndex: Int32Array, earth: boolean) {
    const opened: Sequence[] = [];
    const open = (network: SequenceNetwork, index: Int32Array, stamp: StampOptions): Sequence => {
      const pattern = sequenceYbus(sim, network, index, stamp);
      const seq = { network, index, stamp, lu: factorizeMatrix(sim, pattern), pattern };
      opened.push(seq);
      return seq;
    };
    try {
      const zeroIndex = energizedNodes(model.zero, model.nodeCount, false);
      this.slots = [
        open(model.positive, positiveIndex, { xScale: 1, shiftSign: 1 }),
        // Z(2): the generators' X(2)G where given (IEC 60909-0:2016 §6.6.1), else Z(1).
        open(negativeSequence(model.positive), positiveIndex, { xScale: 1, shiftSign: -1 }),
        earth && zeroIndex.some((k) => k >= 0)
          ? open(model.zero, zeroIndex, { xScale: 1, shiftSign: 0 })
          : undefined,
      ];
    } catch (error) {
      for (const seq of opened) seq.lu.dispose();
      throw error;
    }
  }

  /**
   * Sequence currents (1, 2, 0) into each element at each of its nodes, keyed "id\nnode", for
   * a fault at `node` drawing the sequence currents `fault` (one column solve per sequence);
   * with `power`, the fault's power into each series element's ends as well (faultSide).
   */
  terminalCurrents(node: number, fault: readonly Cx[], power?: Map<string, Cx>): Map<string, Cx[]> {
    const currents = new Map<string, Cx[]>();
    this.slots.forEach((seq, slot) => {
      const kf = seq ? (seq.index[node] ?? -1) : -1;
      if (!seq || kf < 0) return;
      const column = seq.lu.inverseColumn(kf);
      const z = (k: number) => cx(column[2 * k] ?? 0, column[2 * k + 1] ?? 0);
      terminalCurrents(seq, z, fault[slot] ?? cx(0, 0), currents, slot, seq.network, power);
    });
    return currents;
  }

  /**
   * As terminalCurrents, for the elements with an end at `node` only: what a device at the
   * fault bus needs. Those currents need Z only between the fault node and its neighbours,
   * which lie on the pattern of Ybus: one selected inversion per sequence (the Takahashi
   * recurrences, rust/src/selinv.rs) serves every fault bus, instead of a column solve each.
   */
  incidentCurrents(node: number, fault: readonly Cx[]): Map<string, Cx[]> {
    const currents = new Map<string, Cx[]>();
    this.slots.forEach((seq, slot) => {
      const kf = seq ? (seq.index[node] ?? -1) : -1;
      if (!seq || kf < 0) return;
      seq.incident ??= incidentElements(seq.network);
      seq.zOnPattern ??= seq.lu.selectedInverse().onPattern;
      const elements = seq.incident.get(node);
      if (!elements) return;
      terminalCurrents(
        seq,
        patternColumn(seq.pattern, seq.zOnPattern, kf),
        fault[slot] ?? cx(0, 0),
        currents,
        slot,
        elements,
      );
    });
    return currents;
  }

  dispose(): void {
    for (const seq of this.slots) seq?.lu.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** The sequence currents (1, 2, 0) drawn at fault index k, from the bus-result kernel's output. */
export function faultSequenceCurrents(raw: Float64Array, k: number): Cx[] {
  const at = (i: number) => cx(raw[k * BUS_RESULT_STRIDE + i] ?? 0, raw[k * BUS_RESULT_STRIDE + i + 1] ?? 0);
  return [at(6), at(8), at(10)];
}

/** Phase currents a, b, c of sequence currents (1, 2, 0). */
export function phaseCurrents([i1 = cx(0, 0), i2 = cx(0, 0), i0 = cx(0, 0)]: readonly Cx[]): Cx[] {
  return [add(add(i0, i1), i2), add(add(i0, mul(A2, i1)), mul(A, i2)), add(add(i0, mul(A, i1)), mul(A2, i2))];
}

/** Positive-sequence current into each branch end before the fault, keyed "id\nnode" (charging included). */
function prefaultCurrents(model: ShortCircuitModel, v: readonly Cx[]): Map<string, Cx> {
  const out = new Map<string, Cx>();
  const put = (id: string, node: number, i: Cx) => {
    const key = `${id}\n${node}`;
    out.set(key, add(out.get(key) ?? cx(0, 0), i));
  };
  const at = (node: number) => v[node] ?? cx(0, 0);
  for (const s of model.positive.series) {
    const [ff, ft, tf, tt] = seriesStamp(s, { xScale: 1, shiftSign: 1 });
    put(s.id, s.from, add(mul(ff, at(s.from)), mul(ft, at(s.to))));
    put(s.id, s.to, add(mul(tf, at(s.from)), mul(tt, at(s.to))));
  }
  for (const shunt of model.positive.shunts) {
    if (shunt.id !== undefined && shunt.passive) put(shunt.id, shunt.node, div(at(shunt.node), shunt.z));
  }
  return out;
}

const KIND = {
  line: "line",
  transformer: "transformer",
  transformer3w: "transformer3w",
  impedance: "impedance",
} as const;

export function branchResults(
  sim: SimExports,
  model: ShortCircuitModel,
  positiveIndex: Int32Array,
  raw: Float64Array,
  options: ShortCircuitOptions,
): BranchFaultResult[] {
  const earth = options.fault === "1ph" || options.fault === "2ph_earth";
  const sequences = new FaultSequences(sim, model, positiveIndex, earth);
  try {
    return endCurrents(model, positiveIndex, raw, options, sequences);
  } finally {
    sequences.dispose();
  }
}

function endCurrents(
  model: ShortCircuitModel,
  positiveIndex: Int32Array,
  raw: Float64Array,
  options: ShortCircuitOptions,
  sequences: FaultSequences,
): BranchFaultResult[] {
  const kindOf = new Map(model.positive.series.map((s) => [s.id, KIND[s.kind]]));
  const busNodes = new Set(model.nodeOfBus.values());
  const prefault = model.prefault;
  const loadCurrents = prefault && prefaultCurrents(model, prefault);
  return (options.buses ?? []).flatMap((busId) => {
    const node = model.nodeOfBus.get(busId);
    const k = node === undefined ? -1 : (positiveIndex[node] ?? -1);
    if (node === undefined || k < 0) return [];
    // The kernel's currents are for a source voltage at angle 0; the load flow's is at θ_k.
    const vk = prefault?.[node] ?? cx(1, 0);
    const thetaDeg = (Math.atan2(vk.im, vk.re) * 180) / Math.PI;
    const turn = polar(1, thetaDeg);
    const fault = faultSequenceCurrents(raw, k).map((i) => mul(i, turn));
    const power = new Map<string, Cx>();
    const currents = sequences.terminalCurrents(node, fault, power);
    for (const [key, i] of loadCurrents ?? []) {
      const entry = currents.get(key) ?? [cx(0, 0), cx(0, 0), cx(0, 0)];
      entry[0] = add(entry[0] ?? cx(0, 0), i);
      currents.set(key, entry);
    }
    return [...currents].flatMap(([key, sequence]) => {
      const [id = "", nodeText = ""] = key.split("\n");
      const end = Number(nodeText);
      const kind = kindOf.get(id);
      if (!busNodes.has(end) || kind === undefined) return [];
      const base = baseCurrentKa(model.baseKv[end] ?? 1);
      const phases = phaseCurrents(sequence);
      const magnitudes = phases.map((p) => abs(p) * base);
      const largest = magnitudes.indexOf(Math.max(...magnitudes));
      const p = phases[largest] ?? cx(0, 0);
      return [
        {
          fault_bus: busId,
          branch: id,
          branch_type: kind,
          bus: model.busOfNode[end] ?? "",
          ia_ka: magnitudes[0] ?? 0,
          ib_ka: magnitudes[1] ?? 0,
          ic_ka: magnitudes[2] ?? 0,
          ikss_ka: magnitudes[largest] ?? 0,
          angle_deg: wrapDegrees((Math.atan2(p.im, p.re) * 180) / Math.PI - thetaDeg),
          toward_fault: faultSide(power.get(key)),
        },
      ];
    });
  });
}

/**
 * Whether the fault's current flows from the bus into the branch at this end (on toward the
 * fault), from the fault's power ΔV·conj(ΔI) into the branch there. The superposition network
 * (IEC 60909-0 §2.3.1: the equivalent source −c·Un/√3 at the fault, every other source shorted)
 * is passive but for that source, so its power flows outward from the fault and is absorbed in
 * R and X on the way (P ≥ 0, Q ≥ 0 in each branch), while its current — the fault current —
 * flows inward, toward the fault: the source's voltage is negative. So at the end where the power
 * leaves the branch (negative into it) the current enters it: that bus is the far side. Power is
 * summed over the sequences, so transformer phase shifts (turning voltage and current alike) do
 * not change it. An end carrying no current reads false.
 */
const faultSide = (power: Cx | undefined): boolean => (power ? power.re + power.im < 0 : false);

/** An angle in (−180°, 180°]. */
const wrapDegrees = (deg: number) => {
  const w = deg - 360 * Math.ceil((deg - 180) / 360);
  return w <= -180 ? w + 360 : w;
};
