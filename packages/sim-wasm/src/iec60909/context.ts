// What every element builder needs: node lookup, per-unit bases, voltage factors and the
// sequence networks under construction.

import type { Generator, NetworkDocument, Transformer } from "@ampflux/contracts";
import { lineEndNodes, type NetworkNodes, networkNodes, terminalNode } from "../network-nodes.ts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import type { Cx } from "./complex.ts";
import type { CorrectionFactors } from "./kernels.ts";
import { baseImpedanceOhm, type ModelOptions, SeriesList, type ShortCircuitModel } from "./model.ts";
import { ZeroSequenceAssumptions } from "./zero-sequence-assumptions.ts";

/** Series elements a model of `doc` can have: one per branch, three per three-winding transformer. */
const seriesCapacity = (doc: NetworkDocument): number =>
  doc.lines.length + doc.transformers.length + 3 * doc.transformers3w.length + doc.impedances.length;

export class BuildContext {
  readonly model: ShortCircuitModel;
  readonly isMax: boolean;
  /** Power station units: unit transformer id → its generator. */
  readonly unitGenerators = new Map<string, Generator>();
  /** In-service unit transformers by id: a lookup per generator instead of a scan of all. */
  readonly unitTransformers = new Map<string, Transformer>();
  readonly #nodes: NetworkNodes;
  /** Per line (document order) its from and to nodes, interleaved; −1 where `terminal` gives none. */
  readonly lineEnds: Int32Array;
  readonly doc: NetworkDocument;
  readonly options: ModelOptions;
  readonly factors: CorrectionFactors;
  /** Whether the zero-sequence network is built (studies with an earth fault). */
  readonly zeroSequence: boolean;

  constructor(
    doc: NetworkDocument,
    options: ModelOptions,
    factors: CorrectionFactors,
    zeroSequence = true,
    arrays: ArrayAllocator = freshArrays,
  ) {
    this.doc = doc;
    this.options = options;
    this.factors = factors;
    this.zeroSequence = zeroSequence;
    this.isMax = options.case === "max";
    this.model = {
      nodeCount: 0,
      nodeOfBus: new Map(),
      busOfNode: [],
      baseKv: [],
      c: [],
      positive: { series: new SeriesList(seriesCapacity(doc), arrays), shunts: [] },
      zero: { series: new SeriesList(zeroSequence ? seriesCapacity(doc) : 0, arrays), shunts: [] },
      machines: [],
      converters: [],
      allBranchesRxBelow03: true,
      earthFaultWarnings: [],
      transformerFactors: [],
    };
    this.#nodes = networkNodes(doc);
    this.#numberBuses();
    this.lineEnds = lineEndNodes(doc, this.#nodes);
    for (const gen of doc.generators) {
      if (gen.in_service && gen.power_station_trafo !== undefined)
        this.unitGenerators.set(gen.power_station_trafo, gen);
    }
    for (const t of doc.transformers) {
      // The first in-service one with the id, as a search in document order would find.
      if (t.in_service && this.unitGenerators.has(t.id) && !this.unitTransformers.has(t.id))
        this.unitTransformers.set(t.id, t);
    }
  }

  /** One node per group of in-service buses joined by closed bus-bus switches. */
  #numberBuses(): void {
    const nodes = this.#nodes;
    const m = this.model;
    // Each array made at its final size at once. Pushed one by one (addNode), a 200,000-node
    // array is copied into ever larger ones: ~3× its size of fresh memory, ~10 µs per 4 kB page.
    m.baseKv = nodes.firstBus.map((bus) => bus.vn_kv);
    m.c = m.baseKv.map((kv) => this.voltageFactor(kv));
    m.busOfNode = nodes.firstBus.map((bus) => bus.id);
    m.nodeCount = nodes.firstBus.length;
    // The model shares the map, read only (copying its 9,241 entries was a quarter of this
    // constructor on case9241pegase).
    this.model.nodeOfBus = nodes.nodeOfBus;
  }

  addNode(kv: number, name: string): number {
    const m = this.model;
    m.baseKv.push(kv);
    m.c.push(this.voltageFactor(kv));
    m.busOfNode.push(name);
    return m.nodeCount++;
  }

  /** The node of `bus` as seen from `element`; undefined when out of service or switched off. */
  terminal(element: string, bus: string): number | undefined {
    return terminalNode(this.#nodes, element, bus);
  }

  /** c of Table 1 for the study's case (c_max / c_min overrides apply to every level). */
  voltageFactor(kv: number): number {
    return this.isMax
      ? this.cMax(kv)
      : (this.options.c_min ?? this.factors.voltageFactor(kv, this.#lv10(), "min"));
  }

  /** c_max, which the correction factors K_T, K_G, K_S use in both cases. */
  cMax(kv: number): number {
    return this.options.c_max ?? this.factors.voltageFactor(kv, this.#lv10(), "max");
  }

  #lv10(): boolean {
    return this.options.lv_tolerance_percent === 10;
  }

  /** Ohm at a node's base voltage → per unit. */
  perUnit(z: Cx, node: number): Cx {
    const base = baseImpedanceOhm(this.model.baseKv[node] ?? 1);
    return { re: z.re / base, im: z.im / base };
  }

  /** Zero-sequence data assumed, reported with earth-fault results once per kind of assumption. */
  readonly zeroSequenceAssumed = new ZeroSequenceAssumptions();

  /** Records a branch's R/X for method B's "R/X < 0.3 in all branches" test. */
  noteBranchRx(z: Cx): void {
    if (z.re >= 0.3 * Math.abs(z.im)) this.model.allBranchesRxBelow03 = false;
  }
}
