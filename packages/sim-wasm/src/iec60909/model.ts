// The per-unit sequence networks IEC 60909 works on, as plain data: what build-model.ts builds
// from a network document and admittance.ts stamps into Ybus. A model depends on the study case
// (max/min) and the voltage factors, never on the fault type: one model serves every fault.

import type { CorrectionFactor, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import type { Cx } from "./complex.ts";

/** System base power; any value works, 100 MVA keeps per-unit numbers near 1. */
export const S_BASE_MVA = 100;

/** What a series element stands for. */
export type SeriesKind = "line" | "transformer" | "transformer3w" | "impedance";

/**
 * A series element between two nodes with an ideal transformer of ratio `ratio`∠`shiftDeg` on
 * the `from` side (V_from / V_to at no load, in per unit); lines have ratio 1, shift 0. A view
 * of one entry of a SeriesList, made when asked for.
 */
export interface SeriesElement {
  id: string;
  kind: SeriesKind;
  from: number;
  to: number;
  z: Cx;
  ratio: number;
  shiftDeg: number;
}

/** SeriesKind per code, as SeriesList stores kinds (one byte per element). */
const SERIES_KINDS: readonly SeriesKind[] = ["line", "transformer", "transformer3w", "impedance"];
/** A kind's code; comparisons of interned strings, cheaper than a map lookup per element. */
const seriesKindCode = (kind: SeriesKind): number =>
  kind === "line" ? 0 : kind === "transformer" ? 1 : kind === "transformer3w" ? 2 : 3;

/**
 * SeriesList's numeric fields and kind codes for `capacity` elements as views of one buffer: one
 * allocation instead of seven (allocating a typed array of tens of kB cost 30–300 µs on our 2-core
 * VMs, in Chromium and in Node), and a model has two lists.
 */
function numericFields(
  capacity: number,
  arrays: ArrayAllocator,
): [Float64Array, Float64Array, Float64Array, Float64Array, Int32Array, Int32Array, Uint8Array] {
  const buffer = arrays.buffer(41 * capacity);
  const f64 = (k: number) => new Float64Array(buffer, 8 * k * capacity, capacity);
  const i32 = (k: number) => new Int32Array(buffer, 32 * capacity + 4 * k * capacity, capacity);
  return [f64(0), f64(1), f64(2), f64(3), i32(0), i32(1), new Uint8Array(buffer, 40 * capacity, capacity)];
}

/**
 * A sequence network's series elements, one array per field ("structure of arrays"). Node has
 * no pointer compression, so an object per element with its impedance as a { re, im } object
 * held six boxed numbers: ~170 bytes per element, 450 per line with both sequences, 6 MB per
 * model of case9241pegase and ~120 MB at 200,000 buses, each promoted to the old generation and
 * traced by every full collection. Typed arrays hold the numbers unboxed and are not traced; they
 * are sized once from the document (`capacity`: a list that outgrows it doubles, as arrays grow,
 * but growing large arrays in steps cost more than the objects did). The hot loops (assembly,
 * islands) read the arrays up to `length`; the rest reads elements through `at` and iteration,
 * which make the objects on demand.
 */
export class SeriesList implements Iterable<SeriesElement> {
  #length = 0;
  id: string[];
  /** Index into SERIES_KINDS per element. */
  kindCode: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  zRe: Float64Array;
  zIm: Float64Array;
  ratio: Float64Array;
  shiftDeg: Float64Array;

  /** Where the numeric fields' buffers come from (a study's scratch arrays: scratch-arrays.ts). */
  #arrays: ArrayAllocator;

  constructor(capacity = 0, arrays: ArrayAllocator = freshArrays) {
    this.#arrays = arrays;
    this.id = new Array<string>(capacity);
    [this.zRe, this.zIm, this.ratio, this.shiftDeg, this.from, this.to, this.kindCode] = numericFields(
      capacity,
      arrays,
    );
  }

  static of(elements: readonly SeriesElement[]): SeriesList {
    const list = new SeriesList(elements.length);
    for (const e of elements) list.push(e);
    return list;
  }

  get length(): number {
    return this.#length;
  }

  /** Appends one element given by its fields (no object made). */
  add(
    id: string,
    kind: SeriesKind,
    from: number,
    to: number,
    zRe: number,
    zIm: number,
    ratio: number,
    shiftDeg: number,
  ): void {
    const k = this.#length;
    if (k === this.from.length) this.#grow(Math.max(8, 2 * k));
    this.id[k] = id;
    this.kindCode[k] = seriesKindCode(kind);
    this.from[k] = from;
    this.to[k] = to;
    this.zRe[k] = zRe;
    this.zIm[k] = zIm;
    this.ratio[k] = ratio;
    this.shiftDeg[k] = shiftDeg;
    this.#length = k + 1;
  }

  push(e: SeriesElement): void {
    this.add(e.id, e.kind, e.from, e.to, e.z.re, e.z.im, e.ratio, e.shiftDeg);
  }

  #grow(capacity: number): void {
    const fields = numericFields(capacity, this.#arrays);
    const [zRe, zIm, ratio, shiftDeg, from, to, kindCode] = fields;
    zRe.set(this.zRe);
    zIm.set(this.zIm);
    ratio.set(this.ratio);
    shiftDeg.set(this.shiftDeg);
    from.set(this.from);
    to.set(this.to);
    kindCode.set(this.kindCode);
    [this.zRe, this.zIm, this.ratio, this.shiftDeg, this.from, this.to, this.kindCode] = fields;
  }

  /** Element k as an object, or undefined outside 0 … length − 1. */
  at(k: number): SeriesElement | undefined {
    if (!(k >= 0 && k < this.#length)) return undefined;
    return {
      id: this.id[k] as string,
      kind: SERIES_KINDS[this.kindCode[k] ?? 0] as SeriesKind,
      from: this.from[k] as number,
      to: this.to[k] as number,
      z: { re: this.zRe[k] as number, im: this.zIm[k] as number },
      ratio: this.ratio[k] as number,
      shiftDeg: this.shiftDeg[k] as number,
    };
  }

  *[Symbol.iterator](): Iterator<SeriesElement> {
    for (let k = 0; k < this.#length; k++) yield this.at(k) as SeriesElement;
  }

  forEach(visit: (element: SeriesElement, k: number) => void): void {
    for (let k = 0; k < this.#length; k++) visit(this.at(k) as SeriesElement, k);
  }

  map<T>(f: (element: SeriesElement, k: number) => T): T[] {
    const out: T[] = [];
    this.forEach((e, k) => {
      out.push(f(e, k));
    });
    return out;
  }

  filter(keep: (element: SeriesElement, k: number) => boolean): SeriesElement[] {
    const out: SeriesElement[] = [];
    this.forEach((e, k) => {
      if (keep(e, k)) out.push(e);
    });
    return out;
  }
}

/** An impedance from a node to earth (the sources' internal impedances, earthed windings). */
export interface ShuntElement {
  /** The element it belongs to, when its current is a branch-end current (earthed windings). */
  id?: string;
  node: number;
  z: Cx;
  /** Impedance for the peak factor κ when it differs: generators with R_Gf (IEC 60909-0 §6.6.1). */
  zPeak?: Cx;
  /** Negative-sequence impedance when it differs from z: generators with X(2)G or R(2)G given. */
  z2?: Cx;
  /** An impedance source (grid, generator) that feeds the island; motors alone do not. */
  feeds: boolean;
  /**
   * Loads, line charging and bus shunts, which only the superposition method models: left out
   * of the peak-current network, since κ (eq. 58–59) is defined on IEC's network without them.
   */
  passive?: true;
  /** The source element it stands for, with the factors applied: for explanations only. */
  source?: SourceTag;
}

/** Which element a source shunt is, and the correction factors its impedance carries. */
export interface SourceTag {
  element: string;
  kind: "external_grid" | "generator" | "power_station_unit" | "motor";
  factors: CorrectionFactor[];
}

export interface SequenceNetwork {
  series: SeriesList;
  shunts: ShuntElement[];
}

/**
 * The negative-sequence network: the positive one with each shunt's z2 where it has one
 * (generators with X(2)G given, IEC 60909-0:2016 §6.6.1); the positive network itself, so
 * Z(2) = Z(1), when none has.
 */
export function negativeSequence(positive: SequenceNetwork): SequenceNetwork {
  if (!hasNegativeSequenceData(positive)) return positive;
  return {
    series: positive.series,
    shunts: positive.shunts.map((s) => (s.z2 ? { ...s, z: s.z2, zPeak: undefined } : s)),
  };
}

/** Some element's negative-sequence impedance differs from its positive one. */
export const hasNegativeSequenceData = (positive: SequenceNetwork): boolean =>
  positive.shunts.some((s) => s.z2 !== undefined);

export interface RotatingMachine {
  node: number;
  z: Cx;
  /** Rated current in per unit of the node's base current. */
  iRatedPu: number;
  /** Asynchronous motors: MW per pole pair (IEC 60909-0 eq. 73); 0 for synchronous machines. */
  mwPerPolePair: number;
  element: string;
  kind: "generator" | "power_station_unit" | "motor";
}

export interface ConverterSource {
  element: string;
  node: number;
  currentPu: number;
}

/**
 * Nodes are the document's buses (closed bus-bus switches merged) followed by the star points
 * of three-winding transformers. Per node: base voltage (kV), voltage factor c, low-voltage flag.
 */
/** The options a model depends on (IEC 60909-0 Table 1 and the max/min case of §2.3, §10). */
export type ModelOptions = Pick<ShortCircuitOptions, "case" | "c_max" | "c_min" | "lv_tolerance_percent">;

export interface ShortCircuitModel {
  nodeCount: number;
  nodeOfBus: ReadonlyMap<string, number>;
  /** The document bus each node stands for (star points: the transformer id). */
  busOfNode: string[];
  baseKv: number[];
  c: number[];
  positive: SequenceNetwork;
  zero: SequenceNetwork;
  machines: RotatingMachine[];
  converters: ConverterSource[];
  allBranchesRxBelow03: boolean;
  /** Assumed zero-sequence data (Z0 = 3·Z1, default vector groups): reported for earth faults. */
  earthFaultWarnings: NetworkIssue[];
  /** K_T of network transformers as applied (eq. 12a, 13), for explanations. */
  transformerFactors: Array<CorrectionFactor & { element: string }>;
  /**
   * Superposition method only: the load flow's voltage per node (per unit, angle in the load
   * flow's reference); `c` then holds its magnitude, the source voltage at each fault.
   */
  prefault?: Cx[];
}

export const baseImpedanceOhm = (kv: number): number => (kv * kv) / S_BASE_MVA;
export const baseCurrentKa = (kv: number): number => S_BASE_MVA / (Math.sqrt(3) * kv);
