// A network document as the load flow's per-unit model (system base 100 MVA, each bus's own
// nominal voltage as its voltage base). Element models:
// - buses joined by closed bus-bus switches are one node; an open switch cuts a branch end;
// - lines: π section, R + jX and ωC over length_km, parallel circuits in parallel;
// - transformers: series impedance from vk/vkr on sn_mva between two ideal transformers that
//   carry the rated ratio against the buses' voltages, the tap position (on tap_side) and the
//   phase shift shift_degree (LV lags HV; as pandapower, the vector group only matters for the
//   zero sequence, so a document whose group and shift disagree is solved with shift_degree);
//   no magnetizing branch (the document has no field for it);
// - three-winding transformers: star equivalent of the pair impedances at a star node;
// - external grids: slack at vm_pu/va_degree; generators: PV at vm_pu with p_mw (the first
//   generator's vm_pu where several share a node), reactive limits summed per node;
// - loads: constant P, Q; motors: constant P = pn/η, Q = P·tan φ; shunts: constant admittance.
// Static generators: constant P, Q from p_mw/q_mvar (left out, with a warning, without them).

import {
  type Line,
  type NetworkDocument,
  seriesImpedance,
  type Transformer,
  type Transformer3w,
} from "@ampflux/contracts";
import { add, cx, fromShortCircuitVoltage, inv, polar, scale, sub } from "../iec60909/complex.ts";
import { lineEndNodes, type NetworkNodes, networkNodes, terminalNode } from "../network-nodes.ts";
import { checkFiniteModel } from "./finite-model.ts";
import type { PerUnitBranch, PerUnitBus, PerUnitModel } from "./per-unit-model.ts";

export const LOAD_FLOW_BASE_MVA = 100;
const RAD = Math.PI / 180;

export interface BranchRef {
  id: string;
  kind: "line" | "transformer" | "transformer3w" | "impedance";
  /** Document bus ids at the two ends of the model branch (the star node of a 3-winding one is "*"). */
  fromBus: string;
  toBus: string;
  /** Rated current at each end (kA), for loading; undefined when unknown. */
  ratedFromKa: number | undefined;
  ratedToKa: number | undefined;
}

export interface LoadFlowModel extends PerUnitModel {
  /** Node of each in-service document bus. */
  nodeOfBus: ReadonlyMap<string, number>;
  /** Base kV of each node. */
  baseKv: number[];
  /** One per model branch, in the same order. */
  branchRefs: BranchRef[];
  /** Per node: what its loads and motors draw (MW, Mvar), to tell generation from net injection. */
  drawnMw: { p: number; q: number }[];
  warnings: string[];
}

class ModelBuilder {
  readonly buses: PerUnitBus[] = [];
  readonly baseKv: number[] = [];
  readonly branches: PerUnitBranch[] = [];
  readonly branchRefs: BranchRef[] = [];
  readonly drawnMw: { p: number; q: number }[] = [];
  /** The document's electrical nodes (network-nodes.ts); the builder adds one node per bus group. */
  readonly firstBus: NetworkNodes["firstBus"];
  readonly nodeOfBus: ReadonlyMap<string, number>;
  readonly nodes: NetworkNodes;
  readonly warnings: string[] = [];
  readonly #limitless = new Set<number>();
  readonly doc: NetworkDocument;

  constructor(doc: NetworkDocument) {
    this.doc = doc;
    const nodes = networkNodes(doc);
    this.nodes = nodes;
    this.firstBus = nodes.firstBus;
    this.nodeOfBus = nodes.nodeOfBus;
  }

  addNode(kv: number): number {
    this.baseKv.push(kv);
    this.drawnMw.push({ p: 0, q: 0 });
    this.buses.push({
      kind: "pq",
      p: 0,
      q: 0,
      vSet: 1,
      vaSet: 0,
      yShunt: cx(0, 0),
      qMin: 0,
      qMax: 0,
      vm0: Number.NaN,
      va0: Number.NaN,
    });
    return this.buses.length - 1;
  }

  /** The node of `bus` as seen from `element`; undefined when out of service or switched off. */
  terminal(element: string, bus: string): number | undefined {
    return terminalNode(this.nodes, element, bus);
  }

  kv(node: number): number {
    return this.baseKv[node] ?? 1;
  }

  node(i: number): PerUnitBus {
    return this.buses[i] as PerUnitBus;
  }

  addBranch(branch: PerUnitBranch, ref: BranchRef): void {
    this.branches.push(branch);
    this.branchRefs.push(ref);
  }

  /** Adds a generator's reactive range to its node; an unset limit makes the node unlimited. */
  addLimits(node: number, qMin: number | undefined, qMax: number | undefined): void {
    const bus = this.node(node);
    if (qMin === undefined || qMax === undefined) this.#limitless.add(node);
    bus.qMin += (qMin ?? 0) / LOAD_FLOW_BASE_MVA;
    bus.qMax += (qMax ?? 0) / LOAD_FLOW_BASE_MVA;
  }

  /** Limits become net-injection limits: generator range plus the node's fixed Q. */
  finishLimits(): void {
    this.buses.forEach((bus, i) => {
      if (bus.kind !== "pv" || this.#limitless.has(i)) {
        bus.qMin = Number.NEGATIVE_INFINITY;
        bus.qMax = Number.POSITIVE_INFINITY;
      } else {
        bus.qMin += bus.q;
        bus.qMax += bus.q;
      }
    });
  }
}

function numberBuses(b: ModelBuilder): void {
  for (const bus of b.firstBus) {
    const node = b.addNode(bus.vn_kv);
    // Warm start from the stored solution of the node's first bus (flat where it has none).
    b.node(node).vm0 = bus.vm_pu ?? Number.NaN;
    b.node(node).va0 = bus.va_degree === undefined ? Number.NaN : bus.va_degree * RAD;
  }
}

const ratedKa = (sMva: number, kv: number) => sMva / (Math.sqrt(3) * kv);

function addLines(b: ModelBuilder): void {
  const f = b.doc.frequency_hz;
  // terminal of both ends, looked up once per network.
  const ends = lineEndNodes(b.doc, b.nodes);
  const { lines } = b.doc;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as Line;
    const from = ends[2 * k] ?? -1;
    const to = ends[2 * k + 1] ?? -1;
    if (!line.in_service || from < 0 || to < 0) continue;
    const zBase = b.kv(from) ** 2 / LOAD_FLOW_BASE_MVA;
    const z = cx(
      (line.r_ohm_per_km * line.length_km) / line.parallel / zBase,
      (line.x_ohm_per_km * line.length_km) / line.parallel / zBase,
    );
    const bPu = 2 * Math.PI * f * line.c_nf_per_km * 1e-9 * line.length_km * line.parallel * zBase;
    // Ends at different nominal voltages (a validation warning) keep the volts equal.
    const rated = line.max_i_ka === undefined ? undefined : line.max_i_ka * line.parallel;
    b.addBranch(
      { from, to, y: inv(z), b: bPu, tFrom: cx(1, 0), tTo: cx(b.kv(from) / b.kv(to), 0), inService: true },
      {
        id: line.id,
        kind: "line",
        fromBus: line.from_bus,
        toBus: line.to_bus,
        ratedFromKa: rated,
        ratedToKa: rated,
      },
    );
  }
}

/** Ratio of a tap changer at its position on `side` (1 elsewhere or without one). */
function tapFactor(t: Transformer | Transformer3w, side: string): number {
  if (t.tap_pos === undefined || t.tap_side !== side) return 1;
  return 1 + ((t.tap_pos - (t.tap_neutral ?? 0)) * (t.tap_step_percent ?? 0)) / 100;
}

function addTransformers(b: ModelBuilder): void {
  for (const t of b.doc.transformers) {
    const hv = b.terminal(t.id, t.hv_bus);
    const lv = b.terminal(t.id, t.lv_bus);
    if (!t.in_service || hv === undefined || lv === undefined) continue;
    const z = scale(
      fromShortCircuitVoltage(t.vk_percent, t.vkr_percent),
      LOAD_FLOW_BASE_MVA / t.sn_mva / t.parallel,
    );
    const tHv = polar((t.vn_hv_kv * tapFactor(t, "hv")) / b.kv(hv), t.shift_degree);
    const tLv = cx((t.vn_lv_kv * tapFactor(t, "lv")) / b.kv(lv), 0);
    const sn = t.sn_mva * t.parallel;
    b.addBranch(
      { from: hv, to: lv, y: inv(z), b: 0, tFrom: tHv, tTo: tLv, inService: true },
      {
        id: t.id,
        kind: "transformer",
        fromBus: t.hv_bus,
        toBus: t.lv_bus,
        ratedFromKa: ratedKa(sn, t.vn_hv_kv),
        ratedToKa: ratedKa(sn, t.vn_lv_kv),
      },
    );
  }
}

const WINDINGS = ["hv", "mv", "lv"] as const;

/**
 * Star equivalent: pair impedances (pandapower convention: vk_hv is HV–MV, vk_mv MV–LV, vk_lv
 * HV–LV, on the smaller rating of the pair) on the system base, Z_A = (Z_AB + Z_AC − Z_BC)/2 and
 * cyclically, each winding joined to a star node (base vn_hv_kv) through its rated ratio.
 */
function addTransformers3w(b: ModelBuilder): void {
  for (const t of b.doc.transformers3w) {
    const nodes = WINDINGS.map((w) => b.terminal(t.id, t[`${w}_bus`]));
    if (!t.in_service || nodes.every((n) => n === undefined)) continue;
    const sn = [t.sn_hv_mva, t.sn_mv_mva, t.sn_lv_mva];
    const pair = (vk: "hv" | "mv" | "lv", a: number, c: number) =>
      scale(
        fromShortCircuitVoltage(t[`vk_${vk}_percent`], t[`vkr_${vk}_percent`]),
        LOAD_FLOW_BASE_MVA / Math.min(sn[a] ?? 1, sn[c] ?? 1),
      );
    const [ab, bc, ac] = [pair("hv", 0, 1), pair("mv", 1, 2), pair("lv", 0, 2)];
    const star = [
      scale(sub(add(ab, ac), bc), 0.5),
      scale(sub(add(ab, bc), ac), 0.5),
      scale(sub(add(ac, bc), ab), 0.5),
    ];
    const shifts = [0, t.shift_mv_degree, t.shift_lv_degree];
    const starNode = b.addNode(t.vn_hv_kv);
    WINDINGS.forEach((w, k) => {
      const node = nodes[k];
      if (node === undefined) return;
      const vn = t[`vn_${w}_kv`];
      // Bus side: rated ratio and tap; star side: the winding's phase shift (it lags HV).
      const tBus = cx((vn * tapFactor(t, w)) / b.kv(node), 0);
      const tStar = polar(1, shifts[k] ?? 0);
      b.addBranch(
        {
          from: node,
          to: starNode,
          y: inv(star[k] ?? cx(0, 1)),
          b: 0,
          tFrom: tBus,
          tTo: tStar,
          inService: true,
        },
        {
          id: t.id,
          kind: "transformer3w",
          fromBus: t[`${w}_bus`],
          toBus: "*",
          ratedFromKa: ratedKa(sn[k] ?? 1, vn),
          ratedToKa: undefined,
        },
      );
    });
  }
}

/**
 * Series impedances: per-unit form on sn_mva with an ideal 1:1 ratio between the ends' nominal
 * voltages (as pandapower); ohm and reactor forms at the from bus, volts kept equal as for lines.
 * No shunt part: pandapower's gf/bf are not in the document. Earthing transformers carry no
 * positive-sequence current and are not in the load flow.
 */
function addImpedances(b: ModelBuilder): void {
  for (const imp of b.doc.impedances) {
    const from = b.terminal(imp.id, imp.from_bus);
    const to = b.terminal(imp.id, imp.to_bus);
    if (!imp.in_service || from === undefined || to === undefined) continue;
    const z = seriesImpedance(imp, b.kv(from));
    const zBase =
      z.unit === "pu" ? (imp.sn_mva ?? 1) / LOAD_FLOW_BASE_MVA : b.kv(from) ** 2 / LOAD_FLOW_BASE_MVA;
    const rated = imp.ir_ka;
    b.addBranch(
      {
        from,
        to,
        y: inv(cx(z.r1 / zBase, z.x1 / zBase)),
        b: 0,
        tFrom: cx(1, 0),
        tTo: cx(z.unit === "pu" ? 1 : b.kv(from) / b.kv(to), 0),
        inService: true,
      },
      {
        id: imp.id,
        kind: "impedance",
        fromBus: imp.from_bus,
        toBus: imp.to_bus,
        ratedFromKa: rated,
        ratedToKa: rated,
      },
    );
  }
}

function addInjections(b: ModelBuilder): void {
  const doc = b.doc;
  const at = (bus: string) => b.nodeOfBus.get(bus);
  const draw = (node: number | undefined, p: number, q: number) => {
    if (node === undefined) return;
    const n = b.node(node);
    n.p -= p / LOAD_FLOW_BASE_MVA;
    n.q -= q / LOAD_FLOW_BASE_MVA;
    const drawn = b.drawnMw[node] ?? { p: 0, q: 0 };
    drawn.p += p;
    drawn.q += q;
  };
  for (const load of doc.loads) if (load.in_service) draw(at(load.bus), load.p_mw, load.q_mvar);
  for (const m of doc.motors) {
    if (!m.in_service) continue;
    const p = m.pn_mech_mw / (m.efficiency_n_percent / 100);
    draw(at(m.bus), p, p * Math.tan(Math.acos(m.cos_phi_n)));
  }
  for (const s of doc.shunts) {
    const node = at(s.bus);
    if (!s.in_service || node === undefined) continue;
    // Draws p + jq at vn_kv: Y = (p − jq)/vn², in per unit of the node's base.
    const k = (b.kv(node) / s.vn_kv) ** 2 / LOAD_FLOW_BASE_MVA;
    const n = b.node(node);
    n.yShunt = add(n.yShunt, cx(s.p_mw * k, -s.q_mvar * k));
  }
  for (const g of doc.generators) {
    const node = at(g.bus);
    if (!g.in_service || node === undefined) continue;
    const n = b.node(node);
    n.p += (g.p_mw ?? 0) / LOAD_FLOW_BASE_MVA;
    if (n.kind === "pq") {
      n.kind = "pv";
      n.vSet = g.vm_pu ?? 1;
    }
    b.addLimits(node, g.q_min_mvar, g.q_max_mvar);
  }
  for (const grid of doc.external_grids) {
    const node = at(grid.bus);
    if (!grid.in_service || node === undefined) continue;
    const n = b.node(node);
    if (n.kind === "slack") continue;
    n.kind = "slack";
    n.vSet = grid.vm_pu ?? 1;
    n.vaSet = (grid.va_degree ?? 0) * RAD;
  }
  b.finishLimits();
  // Static generators inject their p_mw/q_mvar (constant power, generation sign) where given.
  let without = 0;
  for (const s of doc.static_generators) {
    const node = at(s.bus);
    if (!s.in_service || node === undefined) continue;
    if (s.p_mw === undefined && s.q_mvar === undefined) without++;
    else draw(node, -(s.p_mw ?? 0), -(s.q_mvar ?? 0));
  }
  if (without > 0)
    b.warnings.push(
      `${without} static generators without p_mw/q_mvar left out: no operating point in the document`,
    );
}

export function buildLoadFlowModel(doc: NetworkDocument): LoadFlowModel {
  const b = new ModelBuilder(doc);
  numberBuses(b);
  addLines(b);
  addTransformers(b);
  addTransformers3w(b);
  addImpedances(b);
  addInjections(b);
  const model = {
    baseMva: LOAD_FLOW_BASE_MVA,
    buses: b.buses,
    branches: b.branches,
    nodeOfBus: b.nodeOfBus,
    baseKv: b.baseKv,
    branchRefs: b.branchRefs,
    drawnMw: b.drawnMw,
    warnings: b.warnings,
  };
  // The engine never meets a non-finite value: the element is named here instead.
  checkFiniteModel(doc, model);
  return model;
}
