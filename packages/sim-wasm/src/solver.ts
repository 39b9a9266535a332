// The sparse complex solver over the WASM core: analyze a pattern once, factorize (and
// re-factorize) values, then solve, read columns of Z = A⁻¹ or its selected inverse.
// A SparseLu owns a Rust-side handle: call dispose() (or `using`) to free it; the
// convenience functions on SimCore do so in `finally`.

import { check, lastError, SimError } from "./errors.ts";
import type { SimExports } from "./loader.ts";
import {
  allocF64,
  copyInF64,
  copyInI32,
  copyOutF64,
  viewF64,
  type WasmBuffer,
  withBuffers,
} from "./memory.ts";
import { type ArrayAllocator, freshArrays } from "./scratch-arrays.ts";
import {
  checkDimension,
  complexCount,
  type SparseMatrix,
  type SparsePattern,
  type WasmTriplets,
} from "./sparse.ts";

export interface FactorizeOptions {
  /**
   * Threshold τ ∈ (0, 1] of the pivot test |pivot| ≥ τ·max|column|. Diagonal pivots in AMD
   * order are kept while they pass it; otherwise partial pivoting takes over. Default 0.01
   * (DEFAULT_PIVOT_TOLERANCE).
   */
  pivotTolerance?: number;
}

/** Same value as `solver::DEFAULT_PIVOT_TOLERANCE` in the crate. */
export const DEFAULT_PIVOT_TOLERANCE = 0.01;

export interface FactorStats {
  n: number;
  nnzA: number;
  /** Entries of L + U (diagonal counted once). */
  nnzLU: number;
  /** "diagonal": static pivots in AMD order; "partial": threshold partial pivoting fallback. */
  pivoting: "diagonal" | "partial";
  /** With partial pivoting: the column (bus) whose diagonal pivot failed the threshold test. */
  rejectedColumn?: number;
}

/** Z = A⁻¹ on the pattern of A, plus its diagonal; values interleaved like A's. */
export interface SelectedInverse {
  diagonal: Float64Array;
  onPattern: Float64Array;
}

export class SparseLu implements Disposable {
  readonly n: number;
  readonly nnz: number;
  #sim: SimExports;
  #handle: number;
  #factorized = false;

  /**
   * Ordering (AMD on A + Aᵀ) and symbolic analysis of `pattern`; no values needed. `adopted`:
   * the handle of an existing analysis of `pattern` to own instead (`handOver`).
   */
  constructor(sim: SimExports, pattern: SparsePattern, adopted?: number) {
    checkDimension(pattern.n);
    this.#sim = sim;
    this.n = pattern.n;
    this.nnz = pattern.rowIdx.length;
    if (adopted !== undefined) {
      this.#handle = adopted;
      return;
    }
    this.#handle = withBuffers(sim, (track) => {
      const colPtr = track(copyInI32(sim, pattern.colPtr));
      const rowIdx = track(copyInI32(sim, pattern.rowIdx));
      return sim.ampflux_analyze(pattern.n, colPtr.ptr, pattern.colPtr.length, rowIdx.ptr, this.nnz);
    });
    if (this.#handle === 0) throw lastError(sim);
  }

  #live(): number {
    if (this.#handle === 0) throw new SimError("invalid-handle", "this SparseLu has been disposed");
    return this.#handle;
  }

  #factors(): number {
    const handle = this.#live();
    if (!this.#factorized) throw new SimError("not-factorized", "call factorize() before solving");
    return handle;
  }

  /** Numeric factorization of values on the analyzed pattern (reuses the ordering). */
  factorize(values: Float64Array, options: FactorizeOptions = {}): this {
    this.#live();
    const count = complexCount(values, "factorize");
    return withBuffers(this.#sim, (track) =>
      this.factorizeWasmValues(track(copyInF64(this.#sim, values)), count, options),
    );
  }

  /** factorize() on `count` complex values already in WASM memory (interleaved f64 at `values`). */
  factorizeWasmValues(values: WasmBuffer, count: number, options: FactorizeOptions = {}): this {
    const handle = this.#live();
    this.#factorized = false;
    const tol = options.pivotTolerance ?? DEFAULT_PIVOT_TOLERANCE;
    check(this.#sim, this.#sim.ampflux_factorize(handle, values.ptr, count, tol));
    this.#factorized = true;
    return this;
  }

  /**
   * Keeps which entry of the analysed pattern each of the `triplets` (in WASM memory) was summed
   * into; they must be the triplets the pattern was compressed from. scatterTriplets then sums
   * the next assembly of the same structure without compressing it again (triplet_slots.rs).
   */
  keepTripletSlots(triplets: WasmTriplets): void {
    const { count, rows, cols } = triplets;
    check(this.#sim, this.#sim.ampflux_keep_triplet_slots(this.#live(), count, rows.ptr, cols.ptr));
  }

  /**
   * The values of `triplets` (in WASM memory) summed into `out` (nnz complex values in WASM
   * memory), bit for bit as compressing them would, when they have the structure whose slots
   * are kept; false otherwise (compress them then: that path also reports a bad value).
   */
  scatterTriplets(triplets: WasmTriplets, out: WasmBuffer): boolean {
    const { count, rows, cols, values } = triplets;
    const code = this.#sim.ampflux_scatter_triplets(
      this.#live(),
      count,
      rows.ptr,
      cols.ptr,
      values.ptr,
      out.ptr,
      this.nnz,
    );
    if (code < 0) return false;
    check(this.#sim, code);
    return true;
  }

  /** A⁻¹ B for B of n × nrhs complex values, column-major, interleaved. */
  solve(b: Float64Array): Float64Array {
    const handle = this.#factors();
    const count = complexCount(b, "solve");
    return withBuffers(this.#sim, (track) => {
      const rhs = track(copyInF64(this.#sim, b));
      check(this.#sim, this.#sim.ampflux_solve(handle, rhs.ptr, count));
      return viewF64(this.#sim, rhs, b.length).slice();
    });
  }

  /** Column j of Z = A⁻¹ (n complex values): one solve. */
  inverseColumn(j: number): Float64Array {
    const handle = this.#factors();
    if (!Number.isInteger(j)) throw new RangeError(`inverseColumn: column ${j} is not an integer`);
    return withBuffers(this.#sim, (track) => {
      const out = track(allocF64(this.#sim, 2 * this.n));
      check(this.#sim, this.#sim.ampflux_inverse_column(handle, j, out.ptr, this.n));
      return viewF64(this.#sim, out, 2 * this.n).slice();
    });
  }

  /** diag(Z), Z = A⁻¹, by selected inversion (n complex values), in an array from `arrays`. */
  diagInverse(arrays: ArrayAllocator = freshArrays): Float64Array {
    return this.#selected(false, arrays).diagonal;
  }

  /** diag(Z) and Z on the pattern of A (in the order of A's values). */
  selectedInverse(): SelectedInverse {
    return this.#selected(true, freshArrays);
  }

  #selected(withPattern: boolean, arrays: ArrayAllocator): SelectedInverse {
    const handle = this.#factors();
    return withBuffers(this.#sim, (track) => {
      const diag = track(allocF64(this.#sim, 2 * this.n));
      const onPattern = withPattern ? track(allocF64(this.#sim, 2 * this.nnz)) : undefined;
      check(
        this.#sim,
        this.#sim.ampflux_selected_inverse(handle, diag.ptr, this.n, onPattern?.ptr ?? 0, this.nnz),
      );
      return {
        diagonal: copyOutF64(this.#sim, diag, 2 * this.n, arrays),
        onPattern: onPattern ? viewF64(this.#sim, onPattern, 2 * this.nnz).slice() : new Float64Array(),
      };
    });
  }

  /** The Rust-side handle of the factors, for kernels that solve inside WASM (iec60909). */
  factorsHandle(): number {
    return this.#factors();
  }

  stats(): FactorStats {
    const handle = this.#live();
    return withBuffers(this.#sim, (track) => {
      const out = track(allocF64(this.#sim, 4));
      check(this.#sim, this.#sim.ampflux_solver_stats(handle, out.ptr));
      const [n = 0, nnzA = 0, nnzLU = 0, rejected = -1] = viewF64(this.#sim, out, 4);
      return rejected < 0
        ? { n, nnzA, nnzLU, pivoting: "diagonal" }
        : { n, nnzA, nnzLU, pivoting: "partial", rejectedColumn: rejected };
    });
  }

  /**
   * Frees the numeric factors and keeps the analysis: solves need factorize() again. An analysis
   * kept for a later factorization of the same pattern holds no factor memory meanwhile.
   */
  releaseFactors(): void {
    const handle = this.#live();
    this.#factorized = false;
    check(this.#sim, this.#sim.ampflux_release_factors(handle));
  }

  /**
   * A new SparseLu owning this one's analysis, its factors freed; this object is left as if
   * disposed, so a reference kept to it fails ("invalid-handle") instead of solving with
   * whatever the analysis's next owner factorizes.
   */
  handOver(pattern: SparsePattern): SparseLu {
    this.releaseFactors();
    const handle = this.#handle;
    this.#handle = 0;
    return new SparseLu(this.#sim, pattern, handle);
  }

  /** Frees the Rust-side analysis and factors; idempotent. */
  dispose(): void {
    if (this.#handle === 0) return;
    const handle = this.#handle;
    this.#handle = 0;
    check(this.#sim, this.#sim.ampflux_free_solver(handle));
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** Analyze + factorize in one go; the handle is freed if factorization fails. */
export function factorizeMatrix(sim: SimExports, matrix: SparseMatrix, options?: FactorizeOptions): SparseLu {
  const lu = new SparseLu(sim, matrix);
  try {
    return lu.factorize(matrix.values, options);
  } catch (error) {
    lu.dispose();
    throw error;
  }
}

/** Runs `body` on a fresh factorization of `matrix` and always frees it. */
export function withFactorization<T>(
  sim: SimExports,
  matrix: SparseMatrix,
  options: FactorizeOptions | undefined,
  body: (lu: SparseLu) => T,
): T {
  const lu = factorizeMatrix(sim, matrix, options);
  try {
    return body(lu);
  } finally {
    lu.dispose();
  }
}
