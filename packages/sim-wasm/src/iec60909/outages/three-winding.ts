// The outage of a three-winding transformer. The model (branches.ts addTransformer3w) makes it a
// star point s joined to its buses by three series branches (each winding's K_T-corrected star
// impedance and rated ratio); in the zero sequence an earthed-star winding is a series branch
// to s, a delta winding a shunt at s, a zig-zag winding a shunt at its bus. Its outage removes
// all of them: a change of rank ≤ 3 per sequence, applied by the kernel as successive
// Sherman–Morrison steps (the Sherman–Morrison–Woodbury identity as rank-1 updates: W. W. Hager,
// "Updating the inverse of a matrix", SIAM Review 31(2), 1989).
//
// Removing every branch at s would leave s isolated and the matrix singular. The first term
// therefore adds a unit shunt at s: a node with nothing but its own shunt is decoupled from the
// rest, whose impedances are then exactly those of the network without the transformer, and no
// intermediate step is singular. s is taken out of the results (`removed`).
//
// The outage may split the island at s into up to three parts (s is an articulation point,
// which the bridges of single edges do not see): the parts are found by a search of the network
// without the transformer from each of its buses. A part without a source is unfed (listed node
// by node); a part without any shunt drew no current, and its winding's term is not applied (it
// stays joined to s, decoupled with it; the term would make the step singular). In Y(0) a part
// left without any earthing shunt has no earth path, likewise.

import type { SequenceNetwork, ShortCircuitModel } from "../model.ts";
import type { Term, ZeroOutage } from "./outage-set.ts";

/** A sequence network as a graph over its matrix nodes, for the search of split parts. */
export interface SequenceGraph {
  network: SequenceNetwork;
  /** Matrix index of each model node (−1: not in the matrix). */
  index: Int32Array;
  /** Per matrix node its incident series entries (CSR: `start`, `series`). */
  start: Int32Array;
  series: Int32Array;
  /** Per matrix node: shunts of any kind, feeding sources. */
  shunts: Int32Array;
  feeds: Int32Array;
  /** Series entries and shunts per element id. */
  seriesOf: Map<string, number[]>;
  shuntsOf: Map<string, number[]>;
  /** Search marks per matrix node (a new stamp per search). */
  mark: Int32Array;
  stamp: number;
}

export function sequenceGraph(network: SequenceNetwork, index: Int32Array, n: number): SequenceGraph {
  const start = new Int32Array(n + 1);
  const ends = (k: number) => {
    const i = index[network.series.from[k] ?? -1] ?? -1;
    const j = index[network.series.to[k] ?? -1] ?? -1;
    return i < 0 || j < 0 || i === j ? undefined : [i, j];
  };
  for (let k = 0; k < network.series.length; k++)
    for (const v of ends(k) ?? []) start[v + 1] = (start[v + 1] ?? 0) + 1;
  for (let v = 0; v < n; v++) start[v + 1] = (start[v + 1] ?? 0) + (start[v] ?? 0);
  const fill = start.slice(0, n);
  const series = new Int32Array(start[n] ?? 0);
  for (let k = 0; k < network.series.length; k++)
    for (const v of ends(k) ?? []) {
      const at = fill[v] ?? 0;
      series[at] = k;
      fill[v] = at + 1;
    }
  const shunts = new Int32Array(n);
  const feeds = new Int32Array(n);
  const shuntsOf = new Map<string, number[]>();
  network.shunts.forEach((sh, k) => {
    const v = index[sh.node] ?? -1;
    if (v >= 0) {
      shunts[v] = (shunts[v] ?? 0) + 1;
      if (sh.feeds) feeds[v] = (feeds[v] ?? 0) + 1;
    }
    if (sh.id !== undefined) shuntsOf.set(sh.id, [...(shuntsOf.get(sh.id) ?? []), k]);
  });
  const seriesOf = new Map<string, number[]>();
  for (let k = 0; k < network.series.length; k++) {
    const id = network.series.id[k] as string;
    seriesOf.set(id, [...(seriesOf.get(id) ?? []), k]);
  }
  return {
    network,
    index,
    start,
    series,
    shunts,
    feeds,
    seriesOf,
    shuntsOf,
    mark: new Int32Array(n).fill(-1),
    stamp: 0,
  };
}

interface Part {
  nodes: number[];
  /** Shunts left in it without the transformer, and feeding sources. */
  shunts: number;
  feeds: number;
}

/**
 * The parts of the network without the series entries `removed` (and the shunts `lost` per
 * matrix node) that hold the nodes `from`, never entering `star`: per start node its part.
 */
function parts(
  graph: SequenceGraph,
  removed: Set<number>,
  lost: Map<number, number>,
  from: number[],
  star: number,
): Map<number, Part> {
  const stamp = ++graph.stamp;
  const { mark, network, index } = graph;
  const found: Part[] = [];
  const partOf = new Map<number, Part>();
  if (star >= 0) mark[star] = stamp;
  for (const first of from) {
    if (mark[first] === stamp) continue;
    const part: Part = { nodes: [first], shunts: 0, feeds: 0 };
    found.push(part);
    mark[first] = stamp;
    for (let q = 0; q < part.nodes.length; q++) {
      const v = part.nodes[q] ?? 0;
      part.shunts += (graph.shunts[v] ?? 0) - (lost.get(v) ?? 0);
      part.feeds += graph.feeds[v] ?? 0;
      for (let e = graph.start[v] ?? 0; e < (graph.start[v + 1] ?? 0); e++) {
        const k = graph.series[e] ?? 0;
        if (removed.has(k)) continue;
        const from = network.series.from[k];
        if (from === undefined) continue;
        const i = index[from] ?? -1;
        const w = i === v ? (index[network.series.to[k] ?? -1] ?? -1) : i;
        if (w < 0 || mark[w] === stamp) continue;
        mark[w] = stamp;
        part.nodes.push(w);
      }
    }
  }
  for (const v of from) {
    const part = found.find((p) => p.nodes.includes(v));
    if (part) partOf.set(v, part);
  }
  return partOf;
}

/** Adds a unit shunt (y = 1 per unit): a term whose removal has z = −1. */
const unitShunt = (i: number): Term => ({ i, j: -1, ratio: 1, z: { re: -1, im: 0 }, update: true });

export interface ThreeWindingOutage {
  terms: Term[];
  unfed: number[];
  removed: number;
  zero: ZeroOutage | undefined;
}

/**
 * The terms of transformer `id`'s outage in both sequences, its star point and the nodes it
 * leaves unfed (without an earth path), or why it is not screened.
 */
export function threeWindingOutage(
  model: ShortCircuitModel,
  id: string,
  graph: SequenceGraph,
  zeroGraph: SequenceGraph | undefined,
): ThreeWindingOutage | string {
  const nothing = { terms: [], unfed: [], removed: -1, zero: zeroGraph && { terms: [], unfed: [] } };
  const windings = graph.seriesOf.get(id) ?? [];
  const first = model.positive.series.at(windings[0] ?? -1);
  // No winding in the model (every bus out of service): its outage changes nothing.
  if (!first) return nothing;
  const starNode = first.to;
  if (windings.length > 3 || windings.some((k) => model.positive.series.to[k] !== starNode))
    return "stands for more than one three-winding transformer of the model";
  const star = graph.index[starNode] ?? -1;
  // Unfed in the intact network, its buses with it (a zero-sequence island lies within a
  // positive one): nothing changes where there is a current.
  if (star < 0) return nothing;
  const terms: Term[] = [unitShunt(star)];
  const removed = new Set(windings);
  const buses: number[] = [];
  for (const k of windings) {
    const s = model.positive.series.at(k);
    const i = s ? (graph.index[s.from] ?? -1) : -1;
    if (!s || i < 0) continue;
    buses.push(i);
    terms.push({ i, j: star, ratio: s.ratio, z: s.z, update: true });
  }
  const partOf = parts(graph, removed, new Map(), buses, star);
  const unfed = new Set<number>();
  let fed = false;
  for (const part of new Set(partOf.values())) {
    if (part.feeds > 0) fed = true;
    else for (const v of part.nodes) unfed.add(v);
  }
  if (!fed) return "its outage leaves no source in the island";
  for (const t of terms.slice(1)) if ((partOf.get(t.i)?.shunts ?? 0) === 0) t.update = false;
  return { terms, unfed: [...unfed], removed: star, zero: zeroGraph && zeroOutage(zeroGraph, id, starNode) };
}

/** The zero-sequence side: earthed-star windings, delta windings at s, zig-zag windings at a bus. */
function zeroOutage(graph: SequenceGraph, id: string, starNode: number): ZeroOutage {
  const { network, index } = graph;
  const star = index[starNode] ?? -1;
  const series: Term[] = [];
  const removed = new Set<number>();
  for (const k of graph.seriesOf.get(id) ?? []) {
    const s = network.series.at(k);
    const i = s ? (index[s.from] ?? -1) : -1;
    if (!s || i < 0 || star < 0) continue;
    removed.add(k);
    series.push({ i, j: star, ratio: s.ratio, z: s.z, update: true });
  }
  // Zig-zag windings' shunts at their buses; delta windings' at s (model shunts without an id).
  const shunts: Term[] = [];
  const lost = new Map<number, number>();
  for (const k of graph.shuntsOf.get(id) ?? []) {
    const sh = network.shunts[k];
    const i = sh ? (index[sh.node] ?? -1) : -1;
    if (!sh || i < 0) continue;
    lost.set(i, (lost.get(i) ?? 0) + 1);
    shunts.push({ i, j: -1, ratio: 1, z: sh.z, update: true });
  }
  // Without an earthed-star winding s is an island of its own (its delta shunts alone): its
  // outage changes nothing elsewhere.
  const atStar: Term[] =
    series.length === 0
      ? []
      : network.shunts.flatMap((sh) =>
          sh.node === starNode && sh.id === undefined
            ? [{ i: star, j: -1, ratio: 1, z: sh.z, update: true }]
            : [],
        );
  const terms = series.length > 0 ? [unitShunt(star), ...series, ...atStar, ...shunts] : shunts;
  const from = [...series, ...shunts].map((t) => t.i);
  const partOf = parts(graph, removed, lost, from, star);
  const unfed = new Set<number>();
  for (const part of new Set(partOf.values())) {
    if (part.shunts > 0) continue;
    // No earth path left: no earth-fault current there, and its terms are not applied.
    for (const v of part.nodes) unfed.add(v);
  }
  for (const t of [...series, ...shunts]) if (unfed.has(t.i)) t.update = false;
  return { terms, unfed: [...unfed] };
}
