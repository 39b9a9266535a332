// Stamping a sequence network into a sparse nodal admittance matrix (triplets), restricted to
// the nodes that make it non-singular: islands with a source (positive sequence) or with a
// path to earth (zero sequence).

import { IndexDisjointSets } from "@ampflux/contracts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import type { Cx } from "./complex.ts";
import type { SequenceNetwork, SeriesElement } from "./model.ts";

/**
 * Matrix index of every node, or −1 for nodes in islands without a qualifying shunt; the arrays
 * from `arrays` (a study's scratch arrays, or fresh ones).
 */
export function energizedNodes(
  network: SequenceNetwork,
  nodeCount: number,
  sourcesOnly: boolean,
  arrays: ArrayAllocator = freshArrays,
): Int32Array {
  const islands = new IndexDisjointSets(nodeCount, arrays.i32(nodeCount));
  const { from, to, length } = network.series;
  for (let k = 0; k < length; k++) islands.union(from[k] as number, to[k] as number);
  const live = new Uint8Array(arrays.buffer(nodeCount), 0, nodeCount);
  for (const shunt of network.shunts) {
    if (!sourcesOnly || shunt.feeds) live[islands.find(shunt.node)] = 1;
  }
  const index = arrays.i32(nodeCount).fill(-1);
  let next = 0;
  for (let node = 0; node < nodeCount; node++) {
    if (live[islands.find(node)] === 1) index[node] = next++;
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

/**
 * 2×2 admittance stamp of a series element with the ideal transformer t on its `from` side:
 * [y/|t|², −y/t*; −y/t, y] (current into the element at from, to), written as four interleaved
 * complex values (ii, ij, ji, jj) into `out` from `at`. Scalar arithmetic into a typed array:
 * assembling a 10,000-bus network's matrix allocates no object per entry (cold runs spent more
 * time in the allocations and their garbage collection than in the arithmetic).
 */
export function stampSeries(s: SeriesElement, o: StampOptions, out: Float64Array, at: number): void {
  stampValues(s.z.re, s.z.im, s.ratio, s.shiftDeg, o, out, at);
}

/** stampSeries of an element given by its fields. */
function stampValues(
  zr: number,
  zIm: number,
  ratio: number,
  shiftDeg: number,
  o: StampOptions,
  out: Float64Array,
  at: number,
): void {
  // y = 1 / (R + j·X·xScale)
  const zi = zIm * o.xScale;
  const dz = zr * zr + zi * zi;
  const yr = zr / dz;
  const yi = -zi / dz;
  // t = ratio·e^{jθ}; 1/t* = t/|t|², 1/t = t*/|t|²
  const theta = (shiftDeg * o.shiftSign * Math.PI) / 180;
  // Most elements shift nothing: cos ±0 = 1 and sin ±0 = ±0 without calling them (ratio·θ keeps
  // the sign of zero sin would give), ~1.5 ms of a 9,241-bus study's three assemblies.
  const tr = theta === 0 ? ratio : ratio * Math.cos(theta);
  const ti = theta === 0 ? ratio * theta : ratio * Math.sin(theta);
  const dt = tr * tr + ti * ti;
  const tt = ratio * ratio;
  const ar = tr / dt; // 1/t* = ar + j·ai
  const ai = ti / dt;
  out[at] = yr / tt;
  out[at + 1] = yi / tt;
  // −y/t* = −y · (ar + j·ai)
  out[at + 2] = -yr * ar - -yi * ai;
  out[at + 3] = -yr * ai + -yi * ar;
  // −y/t = −y · (ar − j·ai)
  out[at + 4] = -yr * ar - -yi * -ai;
  out[at + 5] = -yr * -ai + -yi * ar;
  out[at + 6] = yr;
  out[at + 7] = yi;
}

/** stampSeries as four complex numbers [ii, ij, ji, jj], for the few callers outside assembly. */
export function seriesStamp(s: SeriesElement, o: StampOptions): [Cx, Cx, Cx, Cx] {
  const v = new Float64Array(8);
  stampSeries(s, o, v, 0);
  return [
    { re: v[0] ?? 0, im: v[1] ?? 0 },
    { re: v[2] ?? 0, im: v[3] ?? 0 },
    { re: v[4] ?? 0, im: v[5] ?? 0 },
    { re: v[6] ?? 0, im: v[7] ?? 0 },
  ];
}

/** Entries the triplets of `network` may need: four per series element, one per shunt. */
export function tripletCapacity(network: SequenceNetwork): number {
  return 4 * network.series.length + network.shunts.length;
}

/** Arrays of at least tripletCapacity entries (values: two per entry) to assemble into. */
export interface TripletArrays {
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** The triplets of the network's Ybus over the nodes `index` maps (−1: left out). */
export function assemble(network: SequenceNetwork, index: Int32Array, o: StampOptions): Triplets {
  const capacity = tripletCapacity(network);
  const out = {
    rows: new Int32Array(capacity),
    cols: new Int32Array(capacity),
    values: new Float64Array(2 * capacity),
  };
  const { n, count } = assembleInto(network, index, o, out);
  return {
    n,
    rows: out.rows.subarray(0, count),
    cols: out.cols.subarray(0, count),
    values: out.values.subarray(0, 2 * count),
  };
}

/**
 * assemble's triplets written into `out` (WASM memory for the solver: a 200,000-bus network's
 * three assemblies allocated ~80 MB of typed arrays per study, which V8 counts as external
 * memory and answered with full garbage collections of the whole heap); n and the entries
 * written.
 */
export function assembleInto(
  network: SequenceNetwork,
  index: Int32Array,
  o: StampOptions,
  { rows, cols, values }: TripletArrays,
): { n: number; count: number } {
  let count = 0;
  const { from, to, zRe, zIm, ratio, shiftDeg, length } = network.series;
  for (let k = 0; k < length; k++) {
    const i = index[from[k] as number] ?? -1;
    const j = index[to[k] as number] ?? -1;
    if (i < 0 || j < 0) continue;
    stampValues(
      zRe[k] as number,
      zIm[k] as number,
      ratio[k] as number,
      shiftDeg[k] as number,
      o,
      values,
      2 * count,
    );
    rows[count] = i;
    cols[count] = i;
    rows[count + 1] = i;
    cols[count + 1] = j;
    rows[count + 2] = j;
    cols[count + 2] = i;
    rows[count + 3] = j;
    cols[count + 3] = j;
    count += 4;
  }
  for (const shunt of network.shunts) {
    const i = index[shunt.node] ?? -1;
    if (i < 0 || (o.peak && shunt.passive)) continue;
    const z = (o.peak && shunt.zPeak) || shunt.z;
    // y = 1 / (R + j·X·xScale)
    const zr = z.re;
    const zi = z.im * o.xScale;
    const dz = zr * zr + zi * zi;
    rows[count] = i;
    cols[count] = i;
    values[2 * count] = zr / dz;
    values[2 * count + 1] = -zi / dz;
    count += 1;
  }
  return { n: index.reduce((m, k) => Math.max(m, k + 1), 0), count };
}
