// Factorizing a sequence network's Ybus over its energized nodes. The ordering and symbolic
// analysis (AMD + elimination tree, Davis 2006 ch. 7) depend on the sparsity pattern only, so a
// SequenceFactorization keeps one analysis and re-factorizes new values on it while the pattern
// stays the same: the peak-current network (R_Gf, f_c) and the max/min cases of one network
// have the same branches, hence the same pattern, and differ in values only.
//
// The next studies of the same network have that pattern too (the editor recalculating after a
// value changed, another fault or case of a stored version, the next part of an N-1 screening
// on the same worker): a disposed SequenceFactorization leaves its analysis to its WASM
// instance's spares, and the next one of the same pattern takes it instead of analysing again.
// The same pattern gives the same ordering, hence bit for bit the same factors and results.
// Such a network also stamps its triplets in the same order: the analysis keeps the entry each
// triplet was summed into, and the next assembly is summed through those slots instead of being
// sorted again (triplet_slots.rs), with the same bits.

import { perInstance } from "../instance-state.ts";
import type { SimExports } from "../loader.ts";
import { allocF64, allocI32, viewF64, viewI32, type WasmBuffer, withBuffers } from "../memory.ts";
import { SparseLu } from "../solver.ts";
import {
  cscOfTriplets,
  type SparseMatrix,
  type SparsePattern,
  type WasmTriplets,
  withValuesCopied,
} from "../sparse.ts";
import { assembleInto, type StampOptions, tripletCapacity } from "./admittance.ts";
import type { SequenceNetwork } from "./model.ts";

/**
 * The triplets of `network`'s Ybus over the nodes `index` maps (−1: left out), assembled in WASM
 * memory (no JavaScript copy of them is made or collected: on the 200,000-bus network ~26 MB per
 * assembly, which V8 counts as external memory and answered with full collections of the whole
 * heap). Its buffers are left to `track`.
 */
function tripletsInWasm(
  sim: SimExports,
  track: (b: WasmBuffer) => WasmBuffer,
  network: SequenceNetwork,
  index: Int32Array,
  stamp: StampOptions,
): WasmTriplets {
  const capacity = tripletCapacity(network);
  const rows = track(allocI32(sim, capacity));
  const cols = track(allocI32(sim, capacity));
  const values = track(allocF64(sim, 2 * capacity));
  // Views made after the last allocation: growing the memory detaches earlier ones.
  const { n, count } = assembleInto(network, index, stamp, {
    rows: viewI32(sim, rows, capacity),
    cols: viewI32(sim, cols, capacity),
    values: viewF64(sim, values, 2 * capacity),
  });
  return { n, count, rows, cols, values };
}

/** Ybus of `network` over the nodes `index` maps (−1: left out), as a CSC matrix. */
export function sequenceYbus(
  sim: SimExports,
  network: SequenceNetwork,
  index: Int32Array,
  stamp: StampOptions,
): SparseMatrix {
  return withBuffers(sim, (track) =>
    withValuesCopied(sim, cscOfTriplets(sim, track, tripletsInWasm(sim, track, network, index, stamp))),
  );
}

/** A plain loop: `every` with a closure is ~8× slower (~9 ms against ~1 ms per 1.2M entries). */
function sameIndices(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

const samePattern = (a: SparsePattern, b: SparsePattern): boolean =>
  a === b || (a.n === b.n && sameIndices(a.colPtr, b.colPtr) && sameIndices(a.rowIdx, b.rowIdx));

/** An analysed pattern: the solver holding its analysis, and the pattern it was made for. */
interface Analysis {
  lu: SparseLu;
  pattern: SparsePattern;
}

/**
 * Analyses left by disposed SequenceFactorizations of one WASM instance, newest first, their
 * numeric factors freed. Taking one removes it: an analysis is never shared by two holders.
 * At most SPARE_ANALYSES are kept (a study's Y(1), Y(2), Y(0) and a screening's two); the
 * oldest beyond that is freed.
 */
class SpareAnalyses {
  #spares: Analysis[] = [];

  take(pattern: SparsePattern): Analysis | undefined {
    return this.takeFirst((a) => (samePattern(a.pattern, pattern) ? a : undefined))?.analysis;
  }

  /** The first spare, newest first, that `attempt` accepts, taken, with what `attempt` gave. */
  takeFirst<T>(
    attempt: (analysis: Analysis) => T | undefined,
  ): { analysis: Analysis; result: T } | undefined {
    for (const [k, analysis] of this.#spares.entries()) {
      const result = attempt(analysis);
      if (result !== undefined) {
        this.#spares.splice(k, 1);
        return { analysis, result };
      }
    }
    return undefined;
  }

  keep({ lu, pattern }: Analysis): void {
    // A new owner object: a reference to the old one kept by a caller fails from now on.
    this.#spares.unshift({ lu: lu.handOver(pattern), pattern });
    for (const old of this.#spares.splice(SPARE_ANALYSES)) old.lu.dispose();
  }
}

const SPARE_ANALYSES = 5;

/** Per WASM instance: an analysis's handle means nothing to another instance. */
const sparesFor = perInstance(() => new SpareAnalyses());

/** One sequence network's factors, re-factorized on the kept analysis while the pattern holds. */
export class SequenceFactorization implements Disposable {
  /** Symbolic analyses done here (AMD ordering + symbolic factorization). */
  analyses = 0;
  /** Analyses taken from earlier, disposed factorizations of the same pattern instead. */
  reusedAnalyses = 0;
  /** Numeric factorizations done. */
  factorizations = 0;
  /** Assemblies summed through an analysis's kept triplet slots instead of compressed. */
  slotAssemblies = 0;
  #sim: SimExports;
  #analysis: Analysis | undefined;

  constructor(sim: SimExports) {
    this.#sim = sim;
  }

  /** Factors of `matrix`, valid until the next call or dispose(); this object owns them. */
  factorize(matrix: SparseMatrix): SparseLu {
    const lu = this.#analysed(matrix);
    lu.factorize(matrix.values);
    this.factorizations++;
    return lu;
  }

  /**
   * factorize(sequenceYbus(…)) with the matrix's values kept in WASM memory from assembly to
   * factorization, instead of copied out and back in. Triplets with the structure of the kept
   * analysis, or of a spare, are summed through its kept slots (triplet_slots.rs: the
   * peak-current network after Y(1), every network of the next study of the same network);
   * others are compressed, and their pattern is read in WASM memory too: compared with the kept
   * analysis's there, and copied out only for a new one.
   */
  factorizeNetwork(network: SequenceNetwork, index: Int32Array, stamp: StampOptions): SparseLu {
    return withBuffers(this.#sim, (track) => {
      const triplets = tripletsInWasm(this.#sim, track, network, index, stamp);
      const lu = this.#scattered(triplets, track) ?? this.#compressed(triplets, track);
      this.factorizations++;
      return lu;
    });
  }

  /** Factors of `triplets` summed through the slots of the kept analysis or a spare; else undefined. */
  #scattered(triplets: WasmTriplets, track: (b: WasmBuffer) => WasmBuffer): SparseLu | undefined {
    const sumWith = ({ lu }: Analysis): WasmBuffer | undefined => {
      if (lu.n !== triplets.n) return undefined;
      const values = track(allocF64(this.#sim, 2 * lu.nnz));
      return lu.scatterTriplets(triplets, values) ? values : undefined;
    };
    let values = this.#analysis && sumWith(this.#analysis);
    if (!values) {
      const spare = sparesFor(this.#sim).takeFirst(sumWith);
      if (!spare) return undefined;
      this.dispose();
      this.#analysis = spare.analysis;
      this.reusedAnalyses++;
      values = spare.result;
    }
    const { lu } = this.#analysis as Analysis;
    this.slotAssemblies++;
    return lu.factorizeWasmValues(values, lu.nnz);
  }

  /** Factors of `triplets` compressed, on the analysis of their pattern, whose slots they become. */
  #compressed(triplets: WasmTriplets, track: (b: WasmBuffer) => WasmBuffer): SparseLu {
    // The pattern's views are used before anything else is allocated in WASM memory.
    const ybus = cscOfTriplets(this.#sim, track, triplets, true);
    const lu = this.#analysed(ybus.pattern);
    lu.keepTripletSlots(triplets);
    return lu.factorizeWasmValues(ybus.values, ybus.nnz);
  }

  /** The solver holding an analysis of `pattern`: the kept one, a spare, or a new one. */
  #analysed(pattern: SparsePattern): SparseLu {
    if (!this.#analysis || !samePattern(this.#analysis.pattern, pattern)) {
      // Copied first: `pattern` may be views of WASM memory, which what follows may grow, and
      // the analysis outlives the caller's matrix in the spares.
      const copy = { n: pattern.n, colPtr: pattern.colPtr.slice(), rowIdx: pattern.rowIdx.slice() };
      this.dispose();
      this.#analysis = this.#takeOrAnalyze(copy);
    }
    return this.#analysis.lu;
  }

  /** `pattern` is this object's own copy. */
  #takeOrAnalyze(pattern: SparsePattern): Analysis {
    const spare = sparesFor(this.#sim).take(pattern);
    if (spare) {
      this.reusedAnalyses++;
      return spare;
    }
    const lu = new SparseLu(this.#sim, pattern);
    this.analyses++;
    return { lu, pattern };
  }

  /** Leaves the analysis to the instance's spares; the factors are freed. */
  dispose(): void {
    const analysis = this.#analysis;
    this.#analysis = undefined;
    if (analysis) sparesFor(this.#sim).keep(analysis);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
