// Which protective devices clear an arc at a bus, and the current each one carries: the
// positive-sequence branch currents of a 3ph fault there (ΔV = −Z[:, f]·I''k, the superposition
// method of IEC 60909-0 §2.3.1 that branch-results.ts uses, through the same admittance stamps),
// walked from the fault bus towards the sources. On every branch that carries current towards
// the fault, the first closed switch with `protection` (near end first, then far end) ends that
// path; a path that reaches a source (grid, generator, motor, converter) without one is
// unprotected. Z[:, f] is needed only as far as the walk goes: Z between the fault node and its
// neighbours lies on the pattern of Ybus (one selected inversion serves every bus), and only a
// walk that goes further solves the full column.

import type { NetworkDocument, Switch } from "@ampflux/contracts";
import { seriesStamp } from "../iec60909/admittance.ts";
import { abs, add, type Cx, cx, mul } from "../iec60909/complex.ts";
import { BUS_RESULT_STRIDE } from "../iec60909/kernels.ts";
import { baseCurrentKa, type SeriesElement, type ShortCircuitModel } from "../iec60909/model.ts";
import type { SequenceFactorization } from "../iec60909/sequence-factorization.ts";
import { sequenceYbus } from "../iec60909/sequence-factorization.ts";
import { BUS_LEVEL } from "../iec60909/sequence-impedances.ts";
import type { SimExports } from "../loader.ts";
import type { SparseLu } from "../solver.ts";
import type { SparsePattern } from "../sparse.ts";

/** A switch on a branch end, and the current through it for the fault at hand (kA). */
export interface PathDevice {
  switch: Switch;
  currentKa: number;
}

export interface PathSearch {
  /** The first protected switch on each path, each switch once, in the order found. */
  devices: PathDevice[];
  /** Buses where a path reached a source with no protected switch on the way. */
  unprotected: string[];
}

/** A branch current this small (relative to the fault current) is round-off, not a path. */
const NEGLIGIBLE = 1e-6;

/** A series element seen from one of its ends, with what the walk reads there, computed once. */
interface BranchEnd {
  element: SeriesElement;
  /** The node at this end and at the other end. */
  node: number;
  other: number;
  /** Admittances giving the current into the element at this end: yHere·ΔV(node) + yThere·ΔV(other). */
  yHere: Cx;
  yThere: Cx;
  /** The first closed switch with protection on this end and on the other end. */
  protectedHere: Switch | undefined;
  protectedThere: Switch | undefined;
}

/** Switches by branch end: "element\nnode". */
const endKey = (element: string, node: number) => `${element}\n${node}`;

export class FaultPaths {
  readonly #sim: SimExports;
  readonly #model: ShortCircuitModel;
  readonly #index: Int32Array;
  readonly #raw: Float64Array;
  readonly #factors: SequenceFactorization;
  /** Each node's branch ends, and each branch end by "element\nnode" (set devices). */
  readonly #ends = new Map<number, BranchEnd[]>();
  readonly #endOf = new Map<string, BranchEnd>();
  readonly #sources = new Set<number>();
  #lu: SparseLu | undefined;
  #pattern: SparsePattern | undefined;
  #zOnPattern: Float64Array | undefined;
  #last: { node: number; dv: ((k: number) => Cx) | undefined } | undefined;
  /** Column solves done: what the pattern shortcut saves is visible in tests and the bench. */
  columnSolves = 0;

  /**
   * `factors` is the study's positive-sequence factorization: it is re-factorized here with the
   * bus-level Ybus (same pattern, so the analysis is reused) and must not be used by the study
   * until it factorizes again.
   */
  constructor(
    sim: SimExports,
    doc: NetworkDocument,
    model: ShortCircuitModel,
    index: Int32Array,
    raw: Float64Array,
    factors: SequenceFactorization,
  ) {
    this.#sim = sim;
    this.#model = model;
    this.#index = index;
    this.#raw = raw;
    this.#factors = factors;
    const protectedAt = new Map<string, Switch>();
    for (const sw of doc.switches) {
      const node = model.nodeOfBus.get(sw.bus);
      if (sw.element_type === "bus" || node === undefined || !sw.closed || !sw.protection) continue;
      const key = endKey(sw.element, node);
      if (!protectedAt.has(key)) protectedAt.set(key, sw);
    }
    for (const s of model.positive.series) {
      if (s.from === s.to) continue;
      const [ff, ft, tf, tt] = seriesStamp(s, BUS_LEVEL);
      const atFrom = protectedAt.get(endKey(s.id, s.from));
      const atTo = protectedAt.get(endKey(s.id, s.to));
      this.#add({
        element: s,
        node: s.from,
        other: s.to,
        yHere: ff,
        yThere: ft,
        protectedHere: atFrom,
        protectedThere: atTo,
      });
      this.#add({
        element: s,
        node: s.to,
        other: s.from,
        yHere: tt,
        yThere: tf,
        protectedHere: atTo,
        protectedThere: atFrom,
      });
    }
    for (const shunt of model.positive.shunts) this.#sources.add(shunt.node);
    for (const converter of model.converters) this.#sources.add(converter.node);
  }

  #add(end: BranchEnd): void {
    let list = this.#ends.get(end.node);
    if (!list) {
      list = [];
      this.#ends.set(end.node, list);
    }
    list.push(end);
    this.#endOf.set(endKey(end.element.id, end.node), end);
  }

  /** Factors of the bus-level positive-sequence Ybus and Z on its pattern, made on first use. */
  #prepare(): { lu: SparseLu; pattern: SparsePattern; zOnPattern: Float64Array } {
    if (!this.#lu || !this.#pattern || !this.#zOnPattern) {
      const matrix = sequenceYbus(this.#sim, this.#model.positive, this.#index, BUS_LEVEL);
      this.#lu = this.#factors.factorize(matrix);
      this.#pattern = matrix;
      this.#zOnPattern = this.#lu.selectedInverse().onPattern;
    }
    return { lu: this.#lu, pattern: this.#pattern, zOnPattern: this.#zOnPattern };
  }

  /** ΔV by matrix index for a fault at `node` (the last one asked for is kept: set devices share it). */
  #voltages(node: number): ((k: number) => Cx) | undefined {
    if (this.#last?.node !== node) this.#last = { node, dv: this.#faultVoltages(node) };
    return this.#last.dv;
  }

  /** ΔV for a fault at `node`: Z between neighbours first, the full column on demand. */
  #faultVoltages(node: number): ((k: number) => Cx) | undefined {
    const kf = this.#index[node] ?? -1;
    if (kf < 0) return undefined;
    const { lu, pattern, zOnPattern } = this.#prepare();
    const fault = this.#faultCurrent(node);
    const near = new Map<number, Cx>();
    for (let p = pattern.colPtr[kf] ?? 0; p < (pattern.colPtr[kf + 1] ?? 0); p++)
      near.set(pattern.rowIdx[p] ?? -1, cx(zOnPattern[2 * p] ?? 0, zOnPattern[2 * p + 1] ?? 0));
    let column: Float64Array | undefined;
    return (k) => {
      let z = near.get(k);
      if (!z) {
        if (!column) {
          column = lu.inverseColumn(kf);
          this.columnSolves++;
        }
        z = cx(column[2 * k] ?? 0, column[2 * k + 1] ?? 0);
      }
      return mul(cx(-z.re, -z.im), fault);
    };
  }

  /** Current into the element at this end (per unit of the end's base current). */
  #into(end: BranchEnd, dv: (k: number) => Cx): Cx {
    const here = dv(this.#index[end.node] ?? 0);
    const there = dv(this.#index[end.other] ?? 0);
    return add(mul(end.yHere, here), mul(end.yThere, there));
  }

  /** The same element's end at `other` seen from `end`. */
  #farEnd(end: BranchEnd): BranchEnd | undefined {
    return this.#endOf.get(endKey(end.element.id, end.other));
  }

  #kA(current: Cx, node: number): number {
    return abs(current) * baseCurrentKa(this.#model.baseKv[node] ?? 1);
  }

  /** The positive-sequence current drawn at a fault at `node` (bus-result kernel, per unit). */
  #faultCurrent(node: number): Cx {
    const k = this.#index[node] ?? 0;
    return cx(this.#raw[k * BUS_RESULT_STRIDE + 6] ?? 0, this.#raw[k * BUS_RESULT_STRIDE + 7] ?? 0);
  }

  /** The devices that clear a fault at `bus` (fed), found by walking towards the sources. */
  search(bus: string): PathSearch {
    const f = this.#model.nodeOfBus.get(bus);
    const dv = f === undefined ? undefined : this.#voltages(f);
    if (f === undefined || !dv) return { devices: [], unprotected: [] };
    const fault = this.#faultCurrent(f);
    const threshold = NEGLIGIBLE * abs(fault);
    const devices = new Map<string, PathDevice>();
    const unprotected: string[] = [];
    const visited = new Set<number>([f]);
    const queue = [f];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] ?? f;
      if (this.#sources.has(node)) unprotected.push(this.#model.busOfNode[node] ?? String(node));
      for (const end of this.#ends.get(node) ?? []) {
        const other = end.other;
        if ((this.#index[other] ?? -1) < 0) continue;
        // Current out of the branch into `node`, projected on the fault current: > 0 flows towards the fault.
        const into = this.#into(end, dv);
        const towardsFault = -(into.re * fault.re + into.im * fault.im) / (abs(fault) || 1);
        if (!(towardsFault > threshold)) continue;
        const sw = end.protectedHere ?? end.protectedThere;
        if (sw) {
          if (devices.has(sw.id)) continue;
          // The device's current at its own end (a transformer's other side has another base).
          const at = end.protectedHere ? end : this.#farEnd(end);
          const current = at === end ? into : at ? this.#into(at, dv) : into;
          devices.set(sw.id, { switch: sw, currentKa: this.#kA(current, at?.node ?? node) });
        } else if (!visited.has(other)) {
          visited.add(other);
          queue.push(other);
        }
      }
    }
    return { devices: [...devices.values()], unprotected };
  }

  /**
   * The current through a switch the engineer named for a fault at `bus` (kA): its branch end's
   * current; 0 for an open switch or a branch out of service (it carries nothing).
   */
  switchCurrent(bus: string, sw: Switch): number {
    const f = this.#model.nodeOfBus.get(bus);
    const node = this.#model.nodeOfBus.get(sw.bus);
    const dv = f === undefined ? undefined : this.#voltages(f);
    if (!dv || node === undefined || !sw.closed) return 0;
    const end = this.#endOf.get(endKey(sw.element, node));
    if (!end || (this.#index[end.other] ?? -1) < 0) return 0;
    return this.#kA(this.#into(end, dv), node);
  }
}
