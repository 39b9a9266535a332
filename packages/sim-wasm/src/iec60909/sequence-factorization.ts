// Factorizing a sequence network's Ybus over its energized nodes. The ordering and symbolic
// analysis (AMD + elimination tree, Davis 2006 ch. 7) depend on the sparsity pattern only, so a
// SequenceFactorization keeps one analysis and re-factorizes new values on it while the pattern
// stays the same: the peak-current network (R_Gf, f_c) and the max/min cases of one network
// have the same branches, hence the same pattern, and differ in values only.

import type { SimExports } from "../loader.ts";
import { SparseLu } from "../solver.ts";
import { fromTriplets, type SparseMatrix, type SparsePattern } from "../sparse.ts";
import { assemble, type StampOptions } from "./admittance.ts";
import type { SequenceNetwork } from "./model.ts";

/** Ybus of `network` over the nodes `index` maps (−1: left out), as a CSC matrix. */
export function sequenceYbus(
  sim: SimExports,
  network: SequenceNetwork,
  index: Int32Array,
  stamp: StampOptions,
): SparseMatrix {
  const t = assemble(network, index, stamp);
  return fromTriplets(sim, t.n, t.rows, t.cols, t.values);
}

const samePattern = (a: SparsePattern, b: SparsePattern): boolean =>
  a.n === b.n &&
  a.colPtr.length === b.colPtr.length &&
  a.rowIdx.length === b.rowIdx.length &&
  a.colPtr.every((v, k) => v === b.colPtr[k]) &&
  a.rowIdx.every((v, k) => v === b.rowIdx[k]);

/** One sequence network's factors, re-factorized on the kept analysis while the pattern holds. */
export class SequenceFactorization implements Disposable {
  /** Symbolic analyses done (AMD ordering + symbolic factorization). */
  analyses = 0;
  /** Numeric factorizations done. */
  factorizations = 0;
  #sim: SimExports;
  #lu: SparseLu | undefined;
  #pattern: SparsePattern | undefined;

  constructor(sim: SimExports) {
    this.#sim = sim;
  }

  /** Factors of `matrix`, valid until the next call or dispose(); this object owns them. */
  factorize(matrix: SparseMatrix): SparseLu {
    if (!this.#lu || !this.#pattern || !samePattern(this.#pattern, matrix)) {
      this.dispose();
      this.#lu = new SparseLu(this.#sim, matrix);
      this.#pattern = matrix;
      this.analyses++;
    }
    this.#lu.factorize(matrix.values);
    this.factorizations++;
    return this.#lu;
  }

  dispose(): void {
    this.#lu?.dispose();
    this.#lu = undefined;
    this.#pattern = undefined;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
