// Sparse matrices as the solver takes them: compressed sparse columns (CSC) with 0-based
// Int32Array indices and complex values interleaved (re, im) in a Float64Array.

import { check } from "./errors.ts";
import type { SimExports } from "./loader.ts";
import {
  allocF64,
  allocI32,
  copyInF64,
  copyInI32,
  viewF64,
  viewI32,
  type WasmBuffer,
  withBuffers,
} from "./memory.ts";

/** Pattern of a square n×n matrix: column j has rows rowIdx[colPtr[j] .. colPtr[j+1]). */
export interface SparsePattern {
  n: number;
  colPtr: Int32Array;
  rowIdx: Int32Array;
}

/** A pattern with one complex value per entry: values[2p] + i·values[2p+1]. */
export interface SparseMatrix extends SparsePattern {
  values: Float64Array;
}

export function checkDimension(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`dimension ${n} is not a non-negative integer`);
}

/** Number of complex values in an interleaved array; rejects an odd length. */
export function complexCount(values: Float64Array, what: string): number {
  if (values.length % 2 !== 0) throw new RangeError(`${what}: expected interleaved (re, im) pairs`);
  return values.length / 2;
}

/**
 * Assembles an n×n CSC matrix from triplets (row, col, value), summing duplicates and sorting
 * rows within each column. Index range and finiteness are checked by the Rust side.
 */
export function fromTriplets(
  sim: SimExports,
  n: number,
  rows: Int32Array,
  cols: Int32Array,
  values: Float64Array,
): SparseMatrix {
  checkDimension(n);
  const count = complexCount(values, "fromTriplets");
  if (rows.length !== count || cols.length !== count) {
    throw new RangeError(
      `fromTriplets: ${rows.length} rows, ${cols.length} cols and ${count} values differ in length`,
    );
  }
  return withBuffers(sim, (track) => {
    const triplets = {
      n,
      count,
      rows: track(copyInI32(sim, rows)),
      cols: track(copyInI32(sim, cols)),
      values: track(copyInF64(sim, values)),
    };
    return withValuesCopied(sim, cscOfTriplets(sim, track, triplets));
  });
}

/** `count` (row, col, value) triplets of an n×n matrix in WASM memory (i32, i32, interleaved f64). */
export interface WasmTriplets {
  n: number;
  count: number;
  rows: WasmBuffer;
  cols: WasmBuffer;
  values: WasmBuffer;
}

/** A CSC matrix whose pattern is copied out and whose values stay in WASM memory. */
export interface WasmValuedMatrix {
  pattern: SparsePattern;
  /** nnz interleaved complex values, freed with the call's other buffers. */
  values: WasmBuffer;
  nnz: number;
}

/**
 * fromTriplets on triplets already in WASM memory: the pattern copied out, the values left in
 * WASM memory. Its buffers are left to `track`.
 * With `patternViews` the pattern is views of WASM memory instead of copies, valid only until the
 * next allocation there (memory growth detaches them): for a caller that only compares it with a
 * kept pattern and copies it when it differs (sequence-factorization.ts).
 */
export function cscOfTriplets(
  sim: SimExports,
  track: (b: WasmBuffer) => WasmBuffer,
  { n, count, rows, cols, values }: WasmTriplets,
  patternViews = false,
): WasmValuedMatrix {
  checkDimension(n);
  const colPtr = track(allocI32(sim, n + 1));
  const rowIdx = track(allocI32(sim, count));
  const out = track(allocF64(sim, 2 * count));
  check(
    sim,
    sim.ampflux_csc_from_triplets(n, count, rows.ptr, cols.ptr, values.ptr, colPtr.ptr, rowIdx.ptr, out.ptr),
  );
  const ptr = viewI32(sim, colPtr, n + 1);
  const nnz = ptr[n] ?? 0;
  const idx = viewI32(sim, rowIdx, nnz);
  const pattern = patternViews
    ? { n, colPtr: ptr, rowIdx: idx }
    : { n, colPtr: ptr.slice(), rowIdx: idx.slice() };
  return { pattern, values: out, nnz };
}

/** The values of `matrix` copied out of WASM memory. */
export function withValuesCopied(sim: SimExports, matrix: WasmValuedMatrix): SparseMatrix {
  return { ...matrix.pattern, values: viewF64(sim, matrix.values, 2 * matrix.nnz).slice() };
}
