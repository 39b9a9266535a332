// Which branches an N-1 screening takes out, and how each outage changes the positive-sequence
// Ybus: its rank-1 term, and the nodes it leaves without a source when it splits an island.
// A three-winding transformer is its star point and three windings: its outage is a few rank-1
// terms (three-winding.ts), its sides left without a source listed node by node.

import type { NetworkDocument, OutageKind, OutageScreeningOptions } from "@ampflux/contracts";
import { OUTAGE_KINDS } from "@ampflux/contracts";
import type { SequenceNetwork, ShortCircuitModel, ShuntElement } from "../model.ts";
import { type Bridges, findBridges } from "./bridges.ts";
import { type SequenceGraph, sequenceGraph, threeWindingOutage } from "./three-winding.ts";

/** Flags of one outage, as the screening kernel reads them (ffi_iec60909.rs OUTAGE_*). */
export const OUTAGE_CUT = 2;
export const OUTAGE_CUT_INSIDE = 4;
export const OUTAGE_ZERO_CUT = 8;
export const OUTAGE_ZERO_CUT_INSIDE = 16;
/** Terms per outage and sequence at most (ffi_iec60909.rs OUTAGE_TERMS). */
export const OUTAGE_TERMS = 4;

/** The zero-sequence network's matrix nodes, for earth faults. */
export interface ZeroNetwork {
  /** Matrix index of each model node in Y(0) (−1: no earth path). */
  index: Int32Array;
  n: number;
}

/** One sequence's terms of the outages, in the kernel's layout (OUTAGE_TERMS slots each). */
export interface TermArrays {
  count: Int32Array;
  ends: Int32Array;
  ratio: Float64Array;
  /** Admittance y = 1/z per slot, interleaved. */
  y: Float64Array;
  update: Int32Array;
  /** Per outage the nodes it leaves unfed (no earth path) besides its cut: offsets into `nodes`. */
  unfedStart: Int32Array;
  unfedNodes: Int32Array;
}

/** The zero-sequence terms of the outages (earth faults), in the kernel's layout. */
export interface ZeroTerms extends TermArrays {
  cuts: Int32Array;
  bridges: Bridges;
}

export interface OutageSet {
  ids: string[];
  kinds: OutageKind[];
  terms: TermArrays;
  /** Per outage the node it takes out (a three-winding transformer's star point), or −1. */
  removed: Int32Array;
  flags: Int32Array;
  /** Per outage: island preorder range, then the subtree's (Cut in outage_screening.rs). */
  cuts: Int32Array;
  notScreened: { element: string; reason: string }[];
  bridges: Bridges;
  zero: ZeroTerms | undefined;
}

/** In-service branches of the document that the options select, in document order. */
function selectedBranches(doc: NetworkDocument, options: OutageScreeningOptions) {
  const kvOf = new Map(doc.buses.map((b) => [b.id, b.vn_kv]));
  const nodeKv = (bus: string) => kvOf.get(bus) ?? 0;
  const kinds = new Set(options.kinds ?? OUTAGE_KINDS);
  const listed = options.outages === "all" ? undefined : new Set(options.outages);
  const inRange = (...buses: string[]) =>
    buses.some((bus) => {
      const kv = nodeKv(bus);
      return kv >= (options.min_kv ?? 0) && kv <= (options.max_kv ?? Number.POSITIVE_INFINITY);
    });
  const all: { id: string; kind: OutageKind; buses: string[]; inService: boolean }[] = [
    ...doc.lines.map((l) => ({
      id: l.id,
      kind: "line" as const,
      buses: [l.from_bus, l.to_bus],
      inService: l.in_service,
    })),
    ...doc.transformers.map((t) => ({
      id: t.id,
      kind: "transformer" as const,
      buses: [t.hv_bus, t.lv_bus],
      inService: t.in_service,
    })),
    ...doc.impedances.map((z) => ({
      id: z.id,
      kind: "impedance" as const,
      buses: [z.from_bus, z.to_bus],
      inService: z.in_service,
    })),
    ...doc.transformers3w.map((t) => ({
      id: t.id,
      kind: "transformer3w" as const,
      buses: [t.hv_bus, t.mv_bus, t.lv_bus],
      inService: t.in_service,
    })),
  ];
  return all.filter(
    (b) =>
      b.inService &&
      (listed ? listed.has(b.id) : kinds.has(b.kind)) &&
      (options.min_kv === undefined && options.max_kv === undefined ? true : inRange(...b.buses)),
  );
}

/**
 * The outages of `options` on `model` (bus level: real ratios), with `index` the matrix index
 * of each node (−1: unfed in the intact network).
 */
export function outageSet(
  doc: NetworkDocument,
  model: ShortCircuitModel,
  index: Int32Array,
  n: number,
  options: OutageScreeningOptions,
  zeroNetwork?: ZeroNetwork,
): OutageSet {
  const bridges = networkBridges(model.positive, index, n);
  const zero = zeroNetwork && zeroSequenceOutages(model, zeroNetwork);
  const [feeds, shunts] = bridges.subtreeSum as [Float64Array, Float64Array];
  // The series entries of the positive network per element id, with their positions.
  const entries = groupById(model.positive.series);
  const unitGenerator = new Map(
    doc.generators.flatMap((g) =>
      g.in_service && g.power_station_trafo ? [[g.power_station_trafo, g] as const] : [],
    ),
  );
  const chosen = selectedBranches(doc, options);
  const notScreened: OutageSet["notScreened"] = [];
  let graph: SequenceGraph | undefined;
  const rows: OutageRow[] = [];
  const seriesEdge = bridges.edgeOfSeries;
  for (const branch of chosen) {
    if (branch.kind === "transformer3w") {
      // (A unit transformer is always a two-winding one: check-references.ts.)
      graph ??= sequenceGraph(model.positive, index, n);
      const outage = threeWindingOutage(model, branch.id, graph, zero?.graph);
      if (typeof outage === "string") notScreened.push({ element: branch.id, reason: outage });
      else rows.push({ id: branch.id, kind: branch.kind, flags: 0, cut: [0, 0, 0, 0], ...outage });
      continue;
    }
    const list = entries.get(branch.id) ?? [];
    // Not in the model (an open end, a bus out of service): its outage changes nothing.
    const s = list[0]?.item;
    if (list.length > 1) {
      notScreened.push({ element: branch.id, reason: "stands for more than one branch of the model" });
      continue;
    }
    const i = s ? (index[s.from] ?? -1) : -1;
    const j = s ? (index[s.to] ?? -1) : -1;
    const zeroTerms = zero?.(branch.id);
    const named = {
      id: branch.id,
      kind: branch.kind,
      zero: typeof zeroTerms === "string" ? undefined : zeroTerms,
      removed: -1,
      unfed: [],
    };
    if (!s || i < 0 || j < 0 || i === j) {
      rows.push({ ...named, terms: [], flags: 0, cut: [0, 0, 0, 0] });
      continue;
    }
    if (typeof zeroTerms === "string") {
      notScreened.push({ element: branch.id, reason: zeroTerms });
      continue;
    }
    const term = { i, j, ratio: s.ratio, z: s.z, update: true };
    const row: OutageRow = { ...named, terms: [term], flags: 0, cut: [0, 0, 0, 0] };
    const edge = seriesEdge[list[0]?.k ?? -1] ?? -1;
    const child = edge >= 0 ? (bridges.bridgeChild[edge] ?? -1) : -1;
    const gen = unitGenerator.get(branch.id);
    if (child < 0) {
      if (gen) {
        // Without its unit transformer the generator is no longer a power station unit (K_S no
        // longer applies, §6.7): not the same network the rank-1 change describes.
        notScreened.push({
          element: branch.id,
          reason: "unit transformer whose generator has another connection",
        });
        continue;
      }
      rows.push(row);
      continue;
    }
    const rootNode = bridges.root[child] ?? 0;
    const island = [bridges.pre[rootNode] ?? 0, bridges.end[rootNode] ?? 0];
    const sub = [bridges.pre[child] ?? 0, bridges.end[child] ?? 0];
    const inside = { feeds: feeds[child] ?? 0, shunts: shunts[child] ?? 0 };
    const outside = {
      feeds: (feeds[rootNode] ?? 0) - inside.feeds,
      shunts: (shunts[rootNode] ?? 0) - inside.shunts,
    };
    // The generator's side of a unit transformer goes with the unit; otherwise a side without
    // a source is unfed. The update is skipped when the cut-off side has no shunt at all.
    const genNode = gen ? (index[model.nodeOfBus.get(gen.bus) ?? -1] ?? -1) : -1;
    const genInside =
      genNode >= 0 &&
      (bridges.pre[genNode] ?? -1) >= (sub[0] ?? 0) &&
      (bridges.pre[genNode] ?? -1) < (sub[1] ?? 0);
    const cutInside = gen ? genInside : inside.feeds === 0;
    const cutOutside = gen ? !genInside : !cutInside && outside.feeds === 0;
    if (cutInside || cutOutside) {
      const remaining = cutInside ? outside : inside;
      const removed = cutInside ? inside : outside;
      if (remaining.feeds === 0) {
        notScreened.push({ element: branch.id, reason: "its outage leaves no source in the island" });
        continue;
      }
      term.update = removed.shunts > 0;
      row.flags = OUTAGE_CUT | (cutInside ? OUTAGE_CUT_INSIDE : 0);
      row.cut = [...island, ...sub] as number[];
    }
    rows.push(row);
  }
  const count = rows.length;
  const set: OutageSet = {
    ids: rows.map((r) => r.id),
    kinds: rows.map((r) => r.kind),
    terms: termArrays(rows),
    removed: Int32Array.from(rows, (r) => r.removed),
    flags: new Int32Array(count),
    cuts: new Int32Array(4 * count),
    notScreened,
    bridges,
    zero: zero && {
      ...termArrays(rows.map((r) => r.zero ?? { terms: [], unfed: [] })),
      cuts: new Int32Array(4 * count),
      bridges: zero.bridges,
    },
  };
  rows.forEach((r, k) => {
    set.flags[k] = r.flags | zeroCutFlags(r.zero);
    set.cuts.set(r.cut, 4 * k);
    if (r.zero?.cut) set.zero?.cuts.set(r.zero.cut.range, 4 * k);
  });
  return set;
}

/** One outage as the set keeps it: its terms per sequence, cuts and unfed nodes. */
interface OutageRow {
  id: string;
  kind: OutageKind;
  terms: Term[];
  /** Island and subtree preorder ranges of its cut (flags say whether there is one). */
  cut: number[];
  flags: number;
  unfed: number[];
  removed: number;
  /** Its zero-sequence terms (earth faults only). */
  zero: ZeroOutage | undefined;
}

/**
 * Bridges of the positive network over its matrix nodes, with the feeding sources and the
 * shunts of any kind summed per subtree; `edgeOfSeries` maps each series entry to its edge.
 */
function networkBridges(
  network: SequenceNetwork,
  index: Int32Array,
  n: number,
): Bridges & { edgeOfSeries: Int32Array } {
  const edgeOfSeries = new Int32Array(network.series.length).fill(-1);
  const from: number[] = [];
  const to: number[] = [];
  network.series.forEach((s, k) => {
    const i = index[s.from] ?? -1;
    const j = index[s.to] ?? -1;
    if (i < 0 || j < 0 || i === j) return;
    edgeOfSeries[k] = from.length;
    from.push(i);
    to.push(j);
  });
  const feeds = new Float64Array(n);
  const shunts = new Float64Array(n);
  for (const shunt of network.shunts) {
    const k = index[shunt.node] ?? -1;
    if (k < 0) continue;
    shunts[k] = (shunts[k] ?? 0) + 1;
    if (shunt.feeds) feeds[k] = (feeds[k] ?? 0) + 1;
  }
  const bridges = findBridges(n, { from: Int32Array.from(from), to: Int32Array.from(to) }, [feeds, shunts]);
  return { ...bridges, edgeOfSeries };
}

/** A rank-1 term of an outage's change (a = e_i/ratio − e_j, or e_i for a shunt). */
export interface Term {
  i: number;
  j: number;
  ratio: number;
  z: { re: number; im: number };
  update: boolean;
}

export interface ZeroOutage {
  terms: Term[];
  /** Nodes left without an earth path besides the cut (three-winding transformers). */
  unfed: number[];
  /** Island and subtree preorder ranges and whether the subtree is the cut-off part. */
  cut?: { range: number[]; inside: boolean };
}

/** Per branch id its zero-sequence terms and the part that loses its last earth path, or why not. */
type ZeroOutages = ((id: string) => ZeroOutage | string) & { bridges: Bridges; graph: SequenceGraph };

function groupById<T extends { id?: string }>(list: Iterable<T>): Map<string, { item: T; k: number }[]> {
  const byId = new Map<string, { item: T; k: number }[]>();
  let k = 0;
  for (const item of list) {
    if (item.id !== undefined) {
      const group = byId.get(item.id);
      if (group) group.push({ item, k });
      else byId.set(item.id, [{ item, k }]);
    }
    k++;
  }
  return byId;
}

/**
 * The zero-sequence side of each outage: its series entry (lines, YNyn transformers) and its
 * windings' earthing shunts as rank-1 terms; where the outage leaves a part of Y(0) without any
 * shunt, that part has no earth path any more (no earth-fault current) and its terms are skipped.
 */
function zeroSequenceOutages(model: ShortCircuitModel, zero: ZeroNetwork): ZeroOutages {
  const bridges = networkBridges(model.zero, zero.index, zero.n);
  const shunts = bridges.subtreeSum[1] as Float64Array;
  const series = groupById(model.zero.series);
  const earthing = groupById<ShuntElement>(model.zero.shunts);
  const pre = (k: number) => bridges.pre[k] ?? -1;
  const within = (k: number, child: number) => pre(k) >= pre(child) && pre(k) < (bridges.end[child] ?? 0);
  const islandRange = (root: number) => [pre(root), bridges.end[root] ?? 0];
  const outages = (id: string): ZeroOutage | string => {
    const terms: Term[] = [];
    const own: Term[] = [];
    for (const { item: sh } of earthing.get(id) ?? []) {
      const i = zero.index[sh.node] ?? -1;
      if (i >= 0) own.push({ i, j: -1, ratio: 1, z: sh.z, update: true });
    }
    const entries = series.get(id) ?? [];
    if (entries.length > 1) return "stands for more than one zero-sequence branch";
    const entry = entries[0];
    const i = entry ? (zero.index[entry.item.from] ?? -1) : -1;
    const j = entry ? (zero.index[entry.item.to] ?? -1) : -1;
    if (entry && i >= 0 && j >= 0 && i !== j) {
      const term = { i, j, ratio: entry.item.ratio, z: entry.item.z, update: true };
      terms.push(term, ...own);
      const edge = bridges.edgeOfSeries[entry.k] ?? -1;
      const child = edge >= 0 ? (bridges.bridgeChild[edge] ?? -1) : -1;
      if (child < 0) return { terms, unfed: [] };
      const root = bridges.root[child] ?? 0;
      const ownInside = own.filter((t) => within(t.i, child)).length;
      const inside = (shunts[child] ?? 0) - ownInside;
      const outside = (shunts[root] ?? 0) - (shunts[child] ?? 0) - (own.length - ownInside);
      if (inside > 0 && outside > 0) return { terms, unfed: [] };
      // The part left without a shunt floats: no earth path, and it drew no zero-sequence
      // current, so neither the series term nor its own shunts there change the rest.
      term.update = false;
      for (const t of own) if (within(t.i, child) ? inside === 0 : outside === 0) t.update = false;
      const sub = [pre(child), bridges.end[child] ?? 0];
      if (inside === 0 && outside === 0)
        return { terms, unfed: [], cut: { range: [...islandRange(root), 0, 0], inside: false } };
      return { terms, unfed: [], cut: { range: [...islandRange(root), ...sub], inside: inside === 0 } };
    }
    // Earthing shunts only: an island whose every shunt belongs to the branch floats.
    terms.push(...own);
    const roots = new Set(own.map((t) => bridges.root[t.i] ?? 0));
    const floating = [...roots].filter(
      (root) => own.filter((t) => bridges.root[t.i] === root).length >= (shunts[root] ?? 0),
    );
    if (floating.length > 1) return "its outage takes the earth path of two zero-sequence islands";
    const root = floating[0];
    if (root === undefined) return { terms, unfed: [] };
    for (const t of own) if (bridges.root[t.i] === root) t.update = false;
    return { terms, unfed: [], cut: { range: [...islandRange(root), 0, 0], inside: false } };
  };
  return Object.assign(outages, { bridges, graph: sequenceGraph(model.zero, zero.index, zero.n) });
}

/** The kernel's layout of one sequence's terms (OUTAGE_TERMS slots per outage). */
function termArrays(outages: { terms: Term[]; unfed: number[] }[]): TermArrays {
  const count = outages.length;
  const slots = OUTAGE_TERMS * count;
  const arrays: TermArrays = {
    count: new Int32Array(count),
    ends: new Int32Array(2 * slots),
    ratio: new Float64Array(slots).fill(1),
    y: new Float64Array(2 * slots),
    update: new Int32Array(slots),
    unfedStart: new Int32Array(count + 1),
    unfedNodes: Int32Array.from(outages.flatMap((o) => o.unfed)),
  };
  outages.forEach((o, k) => {
    if (o.terms.length > OUTAGE_TERMS) throw new RangeError(`outage set: ${o.terms.length} terms`);
    arrays.count[k] = o.terms.length;
    arrays.unfedStart[k + 1] = (arrays.unfedStart[k] ?? 0) + o.unfed.length;
    o.terms.forEach((t, slot) => {
      const at = OUTAGE_TERMS * k + slot;
      const dz = t.z.re * t.z.re + t.z.im * t.z.im;
      arrays.ends[2 * at] = t.i;
      arrays.ends[2 * at + 1] = t.j;
      arrays.ratio[at] = t.ratio;
      arrays.y[2 * at] = t.z.re / dz;
      arrays.y[2 * at + 1] = -t.z.im / dz;
      arrays.update[at] = t.update ? 1 : 0;
    });
  });
  return arrays;
}

/** The zero-sequence cut flags of one outage. */
export function zeroCutFlags(o: ZeroOutage | undefined): number {
  if (!o?.cut) return 0;
  return OUTAGE_ZERO_CUT | (o.cut.inside ? OUTAGE_ZERO_CUT_INSIDE : 0);
}

/** The ids of the branches `options` select, in document order, for splitting a screening into parts. */
export function outageCandidates(doc: NetworkDocument, options: OutageScreeningOptions): string[] {
  return selectedBranches(doc, options).map((b) => b.id);
}
