// Moving typed arrays across the WASM boundary. Every buffer is freed in `finally`, so a
// throwing call never leaks linear memory however many times it runs.

import type { SimExports } from "./loader.ts";

export interface WasmBuffer {
  ptr: number;
  bytes: number;
}

export class WasmOutOfMemoryError extends Error {
  override name = "WasmOutOfMemoryError";
}

export function allocF64(sim: SimExports, length: number): WasmBuffer {
  const bytes = Math.max(8, length * 8);
  const ptr = sim.ampflux_alloc(bytes);
  if (ptr === 0) throw new WasmOutOfMemoryError(`could not allocate ${bytes} bytes in WASM memory`);
  return { ptr, bytes };
}

/** A view valid until the next allocation (memory.grow detaches old views). */
export function viewF64(sim: SimExports, buffer: WasmBuffer, length: number): Float64Array {
  return new Float64Array(sim.memory.buffer, buffer.ptr, length);
}

export function copyInF64(sim: SimExports, values: Float64Array): WasmBuffer {
  const buffer = allocF64(sim, values.length);
  viewF64(sim, buffer, values.length).set(values);
  return buffer;
}

/** Runs `body` with freshly allocated buffers and frees them all afterwards, even on throw. */
export function withBuffers<T>(sim: SimExports, body: (track: (b: WasmBuffer) => WasmBuffer) => T): T {
  const owned: WasmBuffer[] = [];
  try {
    return body((b) => {
      owned.push(b);
      return b;
    });
  } finally {
    for (const b of owned) sim.ampflux_free(b.ptr, b.bytes);
  }
}
