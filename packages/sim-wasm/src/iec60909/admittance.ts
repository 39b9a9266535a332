// Stamping a sequence network into a sparse nodal admittance matrix (triplets), restricted to
// the nodes that make it non-singular: islands with a source (positive sequence) or with a
// path to earth (zero sequence).

import { DisjointSets } from "@ampflux/contracts";
import { type Cx, conj, div, inv, polar } from "./complex.ts";
import type { SequenceNetwork, SeriesElement } from "./model.ts";

/** Matrix index of every node, or −1 for nodes in islands without a qualifying shunt. */
export function energizedNodes(
  network: SequenceNetwork,
  nodeCount: number,
  sourcesOnly: boolean,
): Int32Array {
  const islands = new DisjointSets();
  for (const s of network.series) islands.union(String(s.from), String(s.to));
  const live = new Set<string>();
  for (const shunt of network.shunts) {
    if (!sourcesOnly || shunt.feeds) live.add(islands.find(String(shunt.node)));
  }
  const index = new Int32Array(nodeCount).fill(-1);
  let next = 0;
  for (let node = 0; node < nodeCount; node++) {
    if (live.has(islands.find(String(node)))) index[node] = next++;
  }
  return index;
}

export interface Triplets {
  n: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** Options of a stamp: reactances scaled by `xScale` (method C), phase shifts by `shiftSign`. */
export interface StampOptions {
  xScale: number;
  /** +1 positive sequence, −1 negative sequence, 0 ignores phase shifts (bus-level studies). */
  shiftSign: number;
  /** The peak-current network: shunts use their zPeak. */
  peak?: boolean;
}

const atFrequency = (z: Cx, xScale: number): Cx => ({ re: z.re, im: z.im * xScale });

/**
 * 2×2 admittance stamp of a series element with the ideal transformer t on its `from` side:
 * [y/|t|², −y/t*; −y/t, y] (current into the element at from, to).
 */
export function seriesStamp(s: SeriesElement, o: StampOptions): [Cx, Cx, Cx, Cx] {
  const y = inv(atFrequency(s.z, o.xScale));
  const t = polar(s.ratio, s.shiftDeg * o.shiftSign);
  const tt = s.ratio * s.ratio;
  const minusY = { re: -y.re, im: -y.im };
  return [{ re: y.re / tt, im: y.im / tt }, div(minusY, conj(t)), div(minusY, t), y];
}

export function assemble(network: SequenceNetwork, index: Int32Array, o: StampOptions): Triplets {
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const put = (i: number, j: number, v: Cx) => {
    rows.push(i);
    cols.push(j);
    values.push(v.re, v.im);
  };
  for (const s of network.series) {
    const i = index[s.from] ?? -1;
    const j = index[s.to] ?? -1;
    if (i < 0 || j < 0) continue;
    const [ii, ij, ji, jj] = seriesStamp(s, o);
    put(i, i, ii);
    put(i, j, ij);
    put(j, i, ji);
    put(j, j, jj);
  }
  for (const shunt of network.shunts) {
    const i = index[shunt.node] ?? -1;
    if (o.peak && shunt.passive) continue;
    if (i >= 0) put(i, i, inv(atFrequency((o.peak && shunt.zPeak) || shunt.z, o.xScale)));
  }
  const n = index.reduce((m, k) => Math.max(m, k + 1), 0);
  return { n, rows: Int32Array.from(rows), cols: Int32Array.from(cols), values: Float64Array.from(values) };
}
