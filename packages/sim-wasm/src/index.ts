// Public TypeScript API of the simulation core; the same module runs in Node and in browsers.

import { instantiateSim, type SimExports } from "./loader.ts";
import { allocF64, copyInF64, viewF64, withBuffers } from "./memory.ts";

export { EXPECTED_ABI_VERSION } from "./loader.ts";
export { WasmOutOfMemoryError } from "./memory.ts";

export interface SimCore {
  abiVersion: number;
  /** |z| of interleaved (re, im) complex values. */
  complexAbs(values: Float64Array): Float64Array;
}

function bindCore(sim: SimExports): SimCore {
  return {
    abiVersion: sim.ampflux_abi_version(),
    complexAbs(values) {
      if (values.length % 2 !== 0) throw new RangeError("complexAbs: expected interleaved (re, im) pairs");
      const n = values.length / 2;
      return withBuffers(sim, (track) => {
        const input = track(copyInF64(sim, values));
        const out = track(allocF64(sim, n));
        sim.ampflux_complex_abs(input.ptr, n, out.ptr);
        return viewF64(sim, out, n).slice();
      });
    },
  };
}

/** Loads the WASM module and returns the typed API over it. */
export async function loadSimCore(): Promise<SimCore> {
  return bindCore(await instantiateSim());
}
