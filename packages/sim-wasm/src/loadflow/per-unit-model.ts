// The load flow's input as the Rust core sees it (rust/src/loadflow): buses and π branches in
// per unit on one system base, angles in radians. `build-model.ts` makes one from a network
// document; tests may build one directly (e.g. from a MATPOWER case's per-unit rows).

import type { Cx } from "../iec60909/complex.ts";

export type PerUnitBusKind = "pq" | "pv" | "slack";

export interface PerUnitBus {
  kind: PerUnitBusKind;
  /** Net injection (generation − load), per unit. */
  p: number;
  q: number;
  /** |V| set-point of PV and slack buses. */
  vSet: number;
  /** Slack angle, radians. */
  vaSet: number;
  /** Shunt admittance to earth, per unit. */
  yShunt: Cx;
  /** Net reactive injection limits of a PV bus (±Infinity: none). */
  qMin: number;
  qMax: number;
  /** Warm-start values (|V|, radians); NaN: none, the flat value is used there. */
  vm0: number;
  va0: number;
}

/**
 * A π branch between ideal transformers tFrom, tTo (ratio and phase shift as complex numbers):
 * series admittance y between the internal nodes, half of the charging b at each.
 */
export interface PerUnitBranch {
  from: number;
  to: number;
  y: Cx;
  b: number;
  tFrom: Cx;
  tTo: Cx;
  inService: boolean;
}

export interface PerUnitModel {
  baseMva: number;
  buses: PerUnitBus[];
  branches: PerUnitBranch[];
}

const KIND_CODE: Record<PerUnitBusKind, number> = { pq: 0, pv: 1, slack: 2 };

/** rust/src/ffi_loadflow.rs: LF_BUS_STRIDE and LF_BRANCH_STRIDE. */
export const BUS_STRIDE = 11;
export const BRANCH_STRIDE = 10;

export function packBuses(buses: readonly PerUnitBus[]): Float64Array {
  const out = new Float64Array(buses.length * BUS_STRIDE);
  buses.forEach((b, i) => {
    out.set(
      [KIND_CODE[b.kind], b.p, b.q, b.vSet, b.vaSet, b.yShunt.re, b.yShunt.im, b.qMin, b.qMax, b.vm0, b.va0],
      i * BUS_STRIDE,
    );
  });
  return out;
}

export function packBranches(branches: readonly PerUnitBranch[]): Float64Array {
  const out = new Float64Array(branches.length * BRANCH_STRIDE);
  branches.forEach((b, i) => {
    out.set(
      [b.from, b.to, b.y.re, b.y.im, b.b, b.tFrom.re, b.tFrom.im, b.tTo.re, b.tTo.im, b.inService ? 1 : 0],
      i * BRANCH_STRIDE,
    );
  });
  return out;
}
