// Moving typed arrays across the WASM boundary. Every buffer is freed in `finally`, so a
// throwing call never leaks linear memory however many times it runs.

import type { SimExports } from "./loader.ts";
import { type ArrayAllocator, freshArrays } from "./scratch-arrays.ts";

export interface WasmBuffer {
  ptr: number;
  bytes: number;
}

export class WasmOutOfMemoryError extends Error {
  override name = "WasmOutOfMemoryError";
}

/** Allocates `bytes` (at least 8, so the pointer is never null), 8-byte aligned. */
function allocBytes(sim: SimExports, bytes: number): WasmBuffer {
  const size = Math.max(8, bytes);
  const ptr = sim.ampflux_alloc(size);
  if (ptr === 0) throw new WasmOutOfMemoryError(`could not allocate ${size} bytes in WASM memory`);
  return { ptr, bytes: size };
}

export function allocF64(sim: SimExports, length: number): WasmBuffer {
  return allocBytes(sim, length * 8);
}

export function allocI32(sim: SimExports, length: number): WasmBuffer {
  return allocBytes(sim, length * 4);
}

/** A view valid until the next allocation (memory.grow detaches old views). */
export function viewF64(sim: SimExports, buffer: WasmBuffer, length: number): Float64Array {
  return new Float64Array(sim.memory.buffer, buffer.ptr, length);
}

export function viewI32(sim: SimExports, buffer: WasmBuffer, length: number): Int32Array {
  return new Int32Array(sim.memory.buffer, buffer.ptr, length);
}

export function copyInF64(sim: SimExports, values: Float64Array): WasmBuffer {
  const buffer = allocF64(sim, values.length);
  viewF64(sim, buffer, values.length).set(values);
  return buffer;
}

/** `length` values of `buffer` copied out of WASM memory into an array from `arrays`. */
export function copyOutF64(
  sim: SimExports,
  buffer: WasmBuffer,
  length: number,
  arrays: ArrayAllocator = freshArrays,
): Float64Array {
  const out = arrays.f64(length);
  out.set(viewF64(sim, buffer, length));
  return out;
}

export function copyInI32(sim: SimExports, values: Int32Array): WasmBuffer {
  const buffer = allocI32(sim, values.length);
  viewI32(sim, buffer, values.length).set(values);
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
