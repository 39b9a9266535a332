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

const KIND = { line: "line", transformer: "transformer", transformer3w: "transformer3w" } as const;

export function branchResults(
  sim: SimExports,
  model: ShortCircuitModel,
  positiveIndex: Int32Array,
  raw: Float64Array,
  options: ShortCircuitOptions,
): BranchFaultResult[] {
  const sequences: Sequence[] = [];
  try {
    const open = (network: SequenceNetwork, index: Int32Array, stamp: StampOptions) => {
      const seq = { network, index, stamp, lu: factorizeSequence(sim, network, index, stamp) };
      sequences.push(seq);
      return seq;
    };
    const earth = options.fault === "1ph" || options.fault === "2ph_earth";
    const zeroIndex = energizedNodes(model.zero, model.nodeCount, false);
    const seqs = [
      open(model.positive, positiveIndex, { xScale: 1, shiftSign: 1 }),
      open(model.positive, positiveIndex, { xScale: 1, shiftSign: -1 }),
      earth && zeroIndex.some((k) => k >= 0)
        ? open(model.zero, zeroIndex, { xScale: 1, shiftSign: 0 })
        : undefined,
    ];
    const kindOf = new Map(model.positive.series.map((s) => [s.id, KIND[s.kind]]));
    const busNodes = new Set(model.nodeOfBus.values());
    return (options.buses ?? []).flatMap((busId) => {
      const node = model.nodeOfBus.get(busId);
      const k = node === undefined ? -1 : (positiveIndex[node] ?? -1);
      if (node === undefined || k < 0) return [];
      const at = (i: number) =>
        cx(raw[k * BUS_RESULT_STRIDE + i] ?? 0, raw[k * BUS_RESULT_STRIDE + i + 1] ?? 0);
      const faultCurrents = [at(6), at(8), at(10)];
      const currents = new Map<string, Cx[]>();
      seqs.forEach((seq, slot) => {
        const kf = seq ? (seq.index[node] ?? -1) : -1;
        if (!seq || kf < 0) return;
        terminalCurrents(seq, seq.lu.inverseColumn(kf), faultCurrents[slot] ?? cx(0, 0), currents, slot);
      });
      return [...currents].flatMap(([key, [i1 = cx(0, 0), i2 = cx(0, 0), i0 = cx(0, 0)]]) => {
        const [id = "", nodeText = ""] = key.split("\n");
        const end = Number(nodeText);
        const kind = kindOf.get(id);
        if (!busNodes.has(end) || kind === undefined) return [];
        const base = baseCurrentKa(model.baseKv[end] ?? 1);
        const phases = [
          add(add(i0, i1), i2),
          add(add(i0, mul(A2, i1)), mul(A, i2)),
          add(add(i0, mul(A, i1)), mul(A2, i2)),
        ];
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
  } finally {
    for (const s of sequences) s.lu.dispose();
  }
}
