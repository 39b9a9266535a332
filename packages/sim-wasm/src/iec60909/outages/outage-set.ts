// Which branches an N-1 screening takes out, and how each outage changes the positive-sequence
// Ybus: its rank-1 term, and the nodes it leaves without a source when it splits an island.

import type { NetworkDocument, OutageKind, OutageScreeningOptions } from "@ampflux/contracts";
import { OUTAGE_KINDS } from "@ampflux/contracts";
import type { SeriesElement, ShortCircuitModel } from "../model.ts";
import { type Bridges, findBridges } from "./bridges.ts";

/** Flags of one outage, as the screening kernel reads them (ffi_iec60909.rs OUTAGE_*). */
export const OUTAGE_UPDATE = 1;
export const OUTAGE_CUT = 2;
export const OUTAGE_CUT_INSIDE = 4;

export interface OutageSet {
  ids: string[];
  kinds: OutageKind[];
  /** Per outage: matrix indices i, j (−1 entries: the element is not in the matrix). */
  ends: Int32Array;
  ratio: Float64Array;
  /** Admittance y = 1/z per outage, interleaved. */
  y: Float64Array;
  flags: Int32Array;
  /** Per outage: island preorder range, then the subtree's (Cut in outage_screening.rs). */
  cuts: Int32Array;
  notScreened: { element: string; reason: string }[];
  bridges: Bridges;
}

/** The series entries of the positive network per element id. */
function entriesById(model: ShortCircuitModel): Map<string, SeriesElement[]> {
  const byId = new Map<string, SeriesElement[]>();
  for (const s of model.positive.series) {
    const list = byId.get(s.id);
    if (list) list.push(s);
    else byId.set(s.id, [s]);
  }
  return byId;
}

/** In-service branches of the document that the options select, in document order. */
function selectedBranches(
  doc: NetworkDocument,
  options: OutageScreeningOptions,
  nodeKv: (bus: string) => number,
) {
  const kinds = new Set(options.kinds ?? OUTAGE_KINDS);
  const listed = options.outages === "all" ? undefined : new Set(options.outages);
  const inRange = (...buses: string[]) =>
    buses.some((bus) => {
      const kv = nodeKv(bus);
      return kv >= (options.min_kv ?? 0) && kv <= (options.max_kv ?? Number.POSITIVE_INFINITY);
    });
  const all: { id: string; kind: OutageKind | "transformer3w"; buses: string[]; inService: boolean }[] = [
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
      (listed ? listed.has(b.id) : b.kind === "transformer3w" || kinds.has(b.kind)) &&
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
): OutageSet {
  const bridges = networkBridges(model, index, n);
  const [feeds, shunts] = bridges.subtreeSum as [Float64Array, Float64Array];
  const entries = entriesById(model);
  const edgeOf = new Map<SeriesElement, number>();
  for (const [k, s] of model.positive.series.entries()) edgeOf.set(s, k);
  const unitGenerator = new Map(
    doc.generators.flatMap((g) =>
      g.in_service && g.power_station_trafo ? [[g.power_station_trafo, g] as const] : [],
    ),
  );
  const nodeKv = (bus: string) => model.baseKv[model.nodeOfBus.get(bus) ?? -1] ?? 0;
  const chosen = selectedBranches(doc, options, nodeKv);
  const notScreened: OutageSet["notScreened"] = [];
  const ids: string[] = [];
  const kinds: OutageKind[] = [];
  const rows: {
    i: number;
    j: number;
    ratio: number;
    yr: number;
    yi: number;
    flags: number;
    cut: number[];
  }[] = [];
  const seriesEdge = bridges.edgeOfSeries;
  for (const branch of chosen) {
    if (branch.kind === "transformer3w") {
      notScreened.push({
        element: branch.id,
        reason: "three-winding transformers are not in N-1 screening yet",
      });
      continue;
    }
    const list = entries.get(branch.id) ?? [];
    // Not in the model (an open end, a bus out of service): its outage changes nothing.
    const s = list[0];
    if (list.length > 1) {
      notScreened.push({ element: branch.id, reason: "stands for more than one branch of the model" });
      continue;
    }
    const i = s ? (index[s.from] ?? -1) : -1;
    const j = s ? (index[s.to] ?? -1) : -1;
    ids.push(branch.id);
    kinds.push(branch.kind);
    if (!s || i < 0 || j < 0 || i === j) {
      rows.push({ i: 0, j: -1, ratio: 1, yr: 1, yi: 0, flags: 0, cut: [0, 0, 0, 0] });
      continue;
    }
    const dz = s.z.re * s.z.re + s.z.im * s.z.im;
    const row = {
      i,
      j,
      ratio: s.ratio,
      yr: s.z.re / dz,
      yi: -s.z.im / dz,
      flags: OUTAGE_UPDATE,
      cut: [0, 0, 0, 0],
    };
    const edge = seriesEdge[edgeOf.get(s) ?? -1] ?? -1;
    const child = edge >= 0 ? (bridges.bridgeChild[edge] ?? -1) : -1;
    const gen = unitGenerator.get(branch.id);
    if (child < 0) {
      if (gen) {
        // Without its unit transformer the generator is no longer a power station unit (K_S no
        // longer applies, §6.7): not the same network the rank-1 change describes.
        ids.pop();
        kinds.pop();
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
        ids.pop();
        kinds.pop();
        notScreened.push({ element: branch.id, reason: "its outage leaves no source in the island" });
        continue;
      }
      row.flags = (removed.shunts > 0 ? OUTAGE_UPDATE : 0) | OUTAGE_CUT | (cutInside ? OUTAGE_CUT_INSIDE : 0);
      row.cut = [...island, ...sub] as number[];
    }
    rows.push(row);
  }
  const count = rows.length;
  const set: OutageSet = {
    ids,
    kinds,
    ends: new Int32Array(2 * count),
    ratio: new Float64Array(count),
    y: new Float64Array(2 * count),
    flags: new Int32Array(count),
    cuts: new Int32Array(4 * count),
    notScreened,
    bridges,
  };
  rows.forEach((r, k) => {
    set.ends[2 * k] = r.i;
    set.ends[2 * k + 1] = r.j;
    set.ratio[k] = r.ratio;
    set.y[2 * k] = r.yr;
    set.y[2 * k + 1] = r.yi;
    set.flags[k] = r.flags;
    set.cuts.set(r.cut, 4 * k);
  });
  return set;
}

/**
 * Bridges of the positive network over its matrix nodes, with the feeding sources and the
 * shunts of any kind summed per subtree; `edgeOfSeries` maps each series entry to its edge.
 */
function networkBridges(
  model: ShortCircuitModel,
  index: Int32Array,
  n: number,
): Bridges & { edgeOfSeries: Int32Array } {
  const edgeOfSeries = new Int32Array(model.positive.series.length).fill(-1);
  const from: number[] = [];
  const to: number[] = [];
  model.positive.series.forEach((s, k) => {
    const i = index[s.from] ?? -1;
    const j = index[s.to] ?? -1;
    if (i < 0 || j < 0 || i === j) return;
    edgeOfSeries[k] = from.length;
    from.push(i);
    to.push(j);
  });
  const feeds = new Float64Array(n);
  const shunts = new Float64Array(n);
  for (const shunt of model.positive.shunts) {
    const k = index[shunt.node] ?? -1;
    if (k < 0) continue;
    shunts[k] = (shunts[k] ?? 0) + 1;
    if (shunt.feeds) feeds[k] = (feeds[k] ?? 0) + 1;
  }
  const bridges = findBridges(n, { from: Int32Array.from(from), to: Int32Array.from(to) }, [feeds, shunts]);
  return { ...bridges, edgeOfSeries };
}
