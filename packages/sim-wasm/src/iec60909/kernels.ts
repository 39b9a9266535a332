// Typed wrappers over the IEC 60909 exports of rust/src/ffi_iec60909.rs. Complex arrays are
// interleaved (re, im); everything is per unit.

import type { FaultType } from "@ampflux/contracts";
import { check } from "../errors.ts";
import type { SimExports } from "../loader.ts";
import { allocF64, copyInF64, copyInI32, copyOutF64, viewF64, withBuffers } from "../memory.ts";
import { type ArrayAllocator, freshArrays } from "../scratch-arrays.ts";
import type { SparseLu } from "../solver.ts";

/** Values per bus written by ampflux_sc_bus_results (BUS_RESULT_STRIDE in the crate). */
export const BUS_RESULT_STRIDE = 13;

export const FAULT_CODES: Record<FaultType, number> = { "3ph": 0, "2ph": 1, "1ph": 2, "2ph_earth": 3 };

export interface CorrectionFactors {
  voltageFactor(vnKv: number, lvTolerance10: boolean, which: "max" | "min"): number;
  kT: SimExports["ampflux_iec_k_t"];
  kG: SimExports["ampflux_iec_k_g"];
  kS: SimExports["ampflux_iec_k_s"];
  kSO: SimExports["ampflux_iec_k_so"];
}

export function correctionFactors(sim: SimExports): CorrectionFactors {
  return {
    voltageFactor: (vnKv, lv10, which) =>
      sim.ampflux_iec_voltage_factor(vnKv, lv10 ? 1 : 0, which === "max" ? 0 : 1),
    kT: sim.ampflux_iec_k_t,
    kG: sim.ampflux_iec_k_g,
    kS: sim.ampflux_iec_k_s,
    kSO: sim.ampflux_iec_k_so,
  };
}

export interface BusResultInput {
  fault: FaultType;
  kappaMethod: "B" | "C";
  fHz: number;
  tkS: number;
  allBranchesRxBelow03: boolean;
  z1: Float64Array;
  /** diag Z(2): z1 itself unless a generator's X(2)G makes it differ. */
  z2: Float64Array;
  /** Non-finite entries: no earth path at that bus. */
  z0: Float64Array;
  /** Z(1) of the peak-current network (R_Gf; at f_c = 0.4 f for method C). */
  zPeak: Float64Array;
  c: Float64Array;
  sourceVoltage: Float64Array;
  lowVoltage: Float64Array;
  decay: Float64Array;
  /** Fault impedance per bus (interleaved, per unit of the bus's base); zeros: bolted faults. */
  zf: Float64Array;
}

/** BUS_RESULT_STRIDE values per bus: I''k, I_E, κ, ip, Ib, Ith, I1, I2, I0 (re, im), R/X of the κ method. */
export function busResults(
  sim: SimExports,
  input: BusResultInput,
  arrays: ArrayAllocator = freshArrays,
): Float64Array {
  const n = input.c.length;
  return withBuffers(sim, (track) => {
    const put = (values: Float64Array) => track(copyInF64(sim, values)).ptr;
    const out = track(allocF64(sim, n * BUS_RESULT_STRIDE));
    check(
      sim,
      sim.ampflux_sc_bus_results(
        n,
        FAULT_CODES[input.fault],
        input.kappaMethod === "B" ? 0 : 1,
        input.fHz,
        input.tkS,
        input.allBranchesRxBelow03 ? 1 : 0,
        put(input.z1),
        put(input.z2),
        put(input.z0),
        put(input.zPeak),
        put(input.c),
        put(input.sourceVoltage),
        put(input.lowVoltage),
        put(input.decay),
        put(input.zf),
        out.ptr,
      ),
    );
    return copyOutF64(sim, out, n * BUS_RESULT_STRIDE, arrays);
  });
}

export interface MachineArrays {
  bus: Int32Array;
  z: Float64Array;
  iRated: Float64Array;
  /** MW per pole pair of asynchronous motors; 0 for synchronous machines. */
  mwPerPolePair: Float64Array;
}

/** Eq. (75) decay term per bus, solving with the factorized Y(1) inside WASM. */
export function breakingDecay(
  sim: SimExports,
  lu: SparseLu,
  zff: Float64Array,
  c: Float64Array,
  tMinS: number,
  machines: MachineArrays,
): Float64Array {
  const n = c.length;
  return withBuffers(sim, (track) => {
    const out = track(allocF64(sim, n));
    const ptr = (b: Float64Array) => track(copyInF64(sim, b)).ptr;
    check(
      sim,
      sim.ampflux_sc_breaking_decay(
        lu.factorsHandle(),
        n,
        ptr(zff),
        ptr(c),
        tMinS,
        machines.bus.length,
        track(copyInI32(sim, machines.bus)).ptr,
        ptr(machines.z),
        ptr(machines.iRated),
        ptr(machines.mwPerPolePair),
        out.ptr,
      ),
    );
    return viewF64(sim, out, n).slice();
  });
}

/** Σ_j |Z_fj| I_j per bus for converter current sources. */
export function sourceVoltage(
  sim: SimExports,
  lu: SparseLu,
  n: number,
  bus: Int32Array,
  current: Float64Array,
): Float64Array {
  return withBuffers(sim, (track) => {
    const out = track(allocF64(sim, n));
    check(
      sim,
      sim.ampflux_sc_source_voltage(
        lu.factorsHandle(),
        n,
        bus.length,
        track(copyInI32(sim, bus)).ptr,
        track(copyInF64(sim, current)).ptr,
        out.ptr,
      ),
    );
    return viewF64(sim, out, n).slice();
  });
}
