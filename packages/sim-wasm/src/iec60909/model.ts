// The per-unit sequence networks IEC 60909 works on, as plain data: what build-model.ts builds
// from a network document and admittance.ts stamps into Ybus. A model depends on the study case
// (max/min) and the voltage factors, never on the fault type: one model serves every fault.

import type { CorrectionFactor, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import type { Cx } from "./complex.ts";

/** System base power; any value works, 100 MVA keeps per-unit numbers near 1. */
export const S_BASE_MVA = 100;

/**
 * A series element between two nodes with an ideal transformer of ratio `ratio`∠`shiftDeg` on
 * the `from` side (V_from / V_to at no load, in per unit); lines have ratio 1, shift 0.
 */
export interface SeriesElement {
  id: string;
  kind: "line" | "transformer" | "transformer3w" | "impedance";
  from: number;
  to: number;
  z: Cx;
  ratio: number;
  shiftDeg: number;
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
  series: SeriesElement[];
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
