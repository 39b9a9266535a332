// Short-circuit impedances at every bus from the sequence networks (IEC 60909-0 §4.2):
// diag Z(1) and diag Z(0) by selected inversion of each factorized Ybus, and what needs solves
// with the same factors — the breaking-current decay of rotating machines (eq. 75) and the
// voltage that converter current sources add at the fault (§6.10) — plus diag Z(1) of the
// peak-current network (R_Gf of §6.6.1; f_c = 0.4 f for κ by method C, eq. 59).

import type { ShortCircuitOptions } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import { energizedNodes, type StampOptions } from "./admittance.ts";
import { breakingDecay, sourceVoltage } from "./kernels.ts";
import { negativeSequence, type ShortCircuitModel } from "./model.ts";
import type { SequenceFactorization } from "./sequence-factorization.ts";
import type { Stopwatch } from "./stopwatch.ts";

/** Bus-level studies ignore phase shifts: |Z| at a bus does not depend on them. */
export const BUS_LEVEL: StampOptions = { xScale: 1, shiftSign: 0 };

/** Gathers a per-node quantity into matrix order. */
export function gather(
  index: Int32Array,
  n: number,
  value: (node: number) => number,
  arrays: ArrayAllocator = freshArrays,
): Float64Array {
  const out = arrays.f64(n);
  index.forEach((k, node) => {
    if (k >= 0) out[k] = value(node);
  });
  return out;
}

export interface PositiveSequence {
  /** Matrix index of each node; −1 for nodes no source feeds. */
  index: Int32Array;
  n: number;
  z1: Float64Array;
  zPeak: Float64Array;
  /** Eq. (75) decay term per bus; only when three-phase faults were asked for. */
  decay: Float64Array | undefined;
  sourceVoltage: Float64Array;
  /** Voltage factor c per bus. */
  c: Float64Array;
}

export interface PositiveSequenceNeeds {
  /** Three-phase faults follow: compute the machines' breaking-current decay. */
  breakingDecay: boolean;
  kappaMethod: ShortCircuitOptions["kappa_method"];
  tminS: number;
}

export function positiveSequence(
  sim: SimExports,
  factors: SequenceFactorization,
  model: ShortCircuitModel,
  needs: PositiveSequenceNeeds,
  clock: Stopwatch,
  arrays: ArrayAllocator = freshArrays,
): PositiveSequence {
  const index = energizedNodes(model.positive, model.nodeCount, true, arrays);
  let lu = factors.factorizeNetwork(model.positive, index, BUS_LEVEL);
  const n = lu.n;
  clock.lap("factorize");
  const z1 = lu.diagInverse(arrays);
  clock.lap("inverse");
  const c = gather(index, n, (node) => model.c[node] ?? 1, arrays);
  const active = <T extends { node: number }>(list: T[]) => list.filter((m) => (index[m.node] ?? -1) >= 0);
  const machines = needs.breakingDecay ? active(model.machines) : [];
  const decay = !needs.breakingDecay
    ? undefined
    : machines.length === 0
      ? arrays.f64(n)
      : breakingDecay(sim, lu, z1, c, needs.tminS, {
          bus: Int32Array.from(machines, (m) => index[m.node] ?? 0),
          z: Float64Array.from(machines.flatMap((m) => [m.z.re, m.z.im])),
          iRated: Float64Array.from(machines, (m) => m.iRatedPu),
          mwPerPolePair: Float64Array.from(machines, (m) => m.mwPerPolePair),
        });
  const converters = active(model.converters);
  const sources = sourceVoltage(
    sim,
    lu,
    n,
    Int32Array.from(converters, (s) => index[s.node] ?? 0),
    Float64Array.from(converters, (s) => s.currentPu),
  );
  clock.lap("transfer");
  // Same pattern as Y(1): the analysis is reused, only the values are factorized again.
  const xScale = needs.kappaMethod === "C" ? 0.4 : 1;
  lu = factors.factorizeNetwork(model.positive, index, { xScale, shiftSign: 0, peak: true });
  const zPeak = lu.diagInverse(arrays);
  clock.lap("peak network");
  return { index, n, z1, zPeak, decay, sourceVoltage: sources, c };
}

/** diag Z(0) per positive-sequence index; Infinity where no earth path exists. */
export function zeroSequence(
  factors: SequenceFactorization,
  model: ShortCircuitModel,
  positive: PositiveSequence,
  arrays: ArrayAllocator = freshArrays,
): Float64Array {
  const index = energizedNodes(model.zero, model.nodeCount, false, arrays);
  const z0 = arrays.f64(2 * positive.n).fill(Number.POSITIVE_INFINITY);
  if (!index.some((k) => k >= 0)) return z0;
  const diag = factors.factorizeNetwork(model.zero, index, BUS_LEVEL).diagInverse(arrays);
  positive.index.forEach((k, node) => {
    const k0 = index[node] ?? -1;
    if (k >= 0 && k0 >= 0) {
      z0[2 * k] = diag[2 * k0] ?? 0;
      z0[2 * k + 1] = diag[2 * k0 + 1] ?? 0;
    }
  });
  return z0;
}

/**
 * diag Z(2) per positive-sequence index: the positive network with the generators' Z(2)GK
 * (IEC 60909-0:2016 §6.6.1). Same nodes and pattern as Y(1), so `factors` may reuse its analysis.
 */
export function negativeSequenceImpedances(
  factors: SequenceFactorization,
  model: ShortCircuitModel,
  positive: PositiveSequence,
  arrays: ArrayAllocator = freshArrays,
): Float64Array {
  return factors
    .factorizeNetwork(negativeSequence(model.positive), positive.index, BUS_LEVEL)
    .diagInverse(arrays);
}
