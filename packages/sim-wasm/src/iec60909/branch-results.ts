// Branch-end currents for chosen fault buses: ΔV = −Z[:, f] · I_f in each sequence network
// (one column solve per sequence), through each element's admittance stamp, then to phases.
// Phase shifts of transformers are kept here (positive +θ, negative −θ), so currents behind a
// Dyn transformer have the right phase angles for unbalanced faults.

import type { BranchFaultResult, ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import type { SparseLu } from "../solver.ts";
import { energizedNodes, type StampOptions, seriesStamp } from "./admittance.ts";
import { abs, add, type Cx, cx, div, mul } from "./complex.ts";
import { BUS_RESULT_STRIDE } from "./kernels.ts";
import { baseCurrentKa, type SequenceNetwork, type ShortCircuitModel } from "./model.ts";
import { factorizeSequence } from "./sequence-factorization.ts";

const A = cx(-0.5, Math.sqrt(3) / 2);
const A2 = cx(-0.5, -Math.sqrt(3) / 2);

interface Sequence {
  network: SequenceNetwork;
  index: Int32Array;
  stamp: StampOptions;
  lu: SparseLu;
}

/** Current into each element at each of its nodes, keyed "id\nnode", for ΔV = −Z[:, f]·I. */
function terminalCurrents(
  seq: Sequence,
  column: Float64Array,
  current: Cx,
  into: Map<string, Cx[]>,
  slot: number,
): void {
  const dv = (node: number): Cx => {
    const k = seq.index[node] ?? -1;
    if (k < 0) return cx(0, 0);
    return mul(cx(-(column[2 * k] ?? 0), -(column[2 * k + 1] ?? 0)), current);
  };
  const accumulate = (id: string, node: number, i: Cx) => {
    const key = `${id}\n${node}`;
    const entry = into.get(key) ?? [cx(0, 0), cx(0, 0), cx(0, 0)];
    entry[slot] = add(entry[slot] ?? cx(0, 0), i);
    into.set(key, entry);
  };
  for (const s of seq.network.series) {
    if ((seq.index[s.from] ?? -1) < 0 || (seq.index[s.to] ?? -1) < 0) continue;
    const [ff, ft, tf, tt] = seriesStamp(s, seq.stamp);
    const vf = dv(s.from);
    const vt = dv(s.to);
    accumulate(s.id, s.from, add(mul(ff, vf), mul(ft, vt)));
    accumulate(s.id, s.to, add(mul(tf, vf), mul(tt, vt)));
  }
  for (const shunt of seq.network.shunts) {
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
    const open = (network: SequenceNetwork, index: Int32Array, stamp: StampOptions) => {
      const seq = { network, index, stamp, lu: factorizeSequence(sim, network, index, stamp) };
      opened.push(seq);
      return seq;
    };
    try {
      const zeroIndex = energizedNodes(model.zero, model.nodeCount, false);
      this.slots = [
        open(model.positive, positiveIndex, { xScale: 1, shiftSign: 1 }),
        open(model.positive, positiveIndex, { xScale: 1, shiftSign: -1 }),
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
   * a fault at `node` drawing the sequence currents `fault` (one column solve per sequence).
   */
  terminalCurrents(node: number, fault: readonly Cx[]): Map<string, Cx[]> {
    const currents = new Map<string, Cx[]>();
    this.slots.forEach((seq, slot) => {
      const kf = seq ? (seq.index[node] ?? -1) : -1;
      if (!seq || kf < 0) return;
      terminalCurrents(seq, seq.lu.inverseColumn(kf), fault[slot] ?? cx(0, 0), currents, slot);
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

const KIND = { line: "line", transformer: "transformer", transformer3w: "transformer3w" } as const;

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
  return (options.buses ?? []).flatMap((busId) => {
    const node = model.nodeOfBus.get(busId);
    const k = node === undefined ? -1 : (positiveIndex[node] ?? -1);
    if (node === undefined || k < 0) return [];
    const currents = sequences.terminalCurrents(node, faultSequenceCurrents(raw, k));
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
          angle_deg: (Math.atan2(p.im, p.re) * 180) / Math.PI,
        },
      ];
    });
  });
}
