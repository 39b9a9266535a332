// Typed wrappers over the duty kernels of rust/src/ffi_duty.rs. Currents in kA, times in s; a
// NaN input (missing rating, unfed bus) gives NaN outputs for its row.

import { check } from "../errors.ts";
import type { SimExports } from "../loader.ts";
import { allocF64, copyInF64, viewF64, withBuffers } from "../memory.ts";

/** Values per row written by ampflux_duty_breaking (BREAKING_STRIDE in the crate). */
export const BREAKING_STRIDE = 4;

export interface BreakingInput {
  fHz: number;
  /** I''k and Ib the breaker sees (kA). */
  ikss: Float64Array;
  ib: Float64Array;
  /** R/X of the κ method at the fault bus. */
  rOverX: Float64Array;
  /** Contact parting time and the breaker's d.c. time constant (s). */
  tOpS: Float64Array;
  tauS: Float64Array;
  /** Rated short-circuit breaking current Isc (kA). */
  isc: Float64Array;
}

/** BREAKING_STRIDE values per row: i_DC, I_b,asym, rated DC %, rated asymmetrical breaking current. */
export function breakingDuty(sim: SimExports, input: BreakingInput): Float64Array {
  const n = input.ikss.length;
  return withBuffers(sim, (track) => {
    const put = (values: Float64Array) => track(copyInF64(sim, values)).ptr;
    const out = track(allocF64(sim, n * BREAKING_STRIDE));
    check(
      sim,
      sim.ampflux_duty_breaking(
        n,
        input.fHz,
        put(input.ikss),
        put(input.ib),
        put(input.rOverX),
        put(input.tOpS),
        put(input.tauS),
        put(input.isc),
        out.ptr,
      ),
    );
    return viewF64(sim, out, n * BREAKING_STRIDE).slice();
  });
}

/** Short-time ratings (kA for s) referred to tk by equal I²t. */
export function shortTimeRatings(
  sim: SimExports,
  tkS: number,
  ratingKa: Float64Array,
  ratingS: Float64Array,
): Float64Array {
  const n = ratingKa.length;
  return withBuffers(sim, (track) => {
    const out = track(allocF64(sim, n));
    check(
      sim,
      sim.ampflux_duty_short_time(
        n,
        tkS,
        track(copyInF64(sim, ratingKa)).ptr,
        track(copyInF64(sim, ratingS)).ptr,
        out.ptr,
      ),
    );
    return viewF64(sim, out, n).slice();
  });
}

/** Two values per row: Ith²·tk and k²S² (kA²s). */
export function cableDuty(
  sim: SimExports,
  tkS: number,
  ithKa: Float64Array,
  k: Float64Array,
  sMm2: Float64Array,
): Float64Array {
  const n = ithKa.length;
  return withBuffers(sim, (track) => {
    const put = (values: Float64Array) => track(copyInF64(sim, values)).ptr;
    const out = track(allocF64(sim, 2 * n));
    check(sim, sim.ampflux_duty_cable(n, tkS, put(ithKa), put(k), put(sMm2), out.ptr));
    return viewF64(sim, out, 2 * n).slice();
  });
}
