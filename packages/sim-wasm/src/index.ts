// Public TypeScript API of the simulation core; the same module runs in Node and in browsers.

import type {
  BusResultExplanation,
  ExplainOptionsInput,
  LoadFlowResult,
  OutageDetail,
  OutageScreeningOptionsInput,
  OutageScreeningResult,
  ShortCircuitOptionsInput,
  ShortCircuitResult,
} from "@ampflux/contracts";
import { type ArcFlashCaseResult, arcFlashCases } from "./arcflash/calculator.ts";
import { explainBusResult } from "./iec60909/explain/explain-bus-result.ts";
import { outageScreening } from "./iec60909/outages/outage-screening.ts";
import { outageDetailWithStudy } from "./iec60909/outages/outage-study.ts";
import { shortCircuit } from "./iec60909/short-circuit.ts";
import { ShortCircuitStudies, type StudyPlan } from "./iec60909/short-circuit-studies.ts";
import type { ValidatedNetwork } from "./iec60909/validated-network.ts";
import { instantiateSim, type SimExports } from "./loader.ts";
import { loadFlow } from "./loadflow/load-flow.ts";
import { type PerUnitSolution, solvePerUnit } from "./loadflow/newton-raphson.ts";
import { type LoadFlowOptions, resolveLoadFlowOptions } from "./loadflow/options.ts";
import type { PerUnitModel } from "./loadflow/per-unit-model.ts";
import { allocF64, copyInF64, viewF64, withBuffers } from "./memory.ts";
import { type FactorizeOptions, factorizeMatrix, SparseLu, withFactorization } from "./solver.ts";
import { fromTriplets, type SparseMatrix, type SparsePattern } from "./sparse.ts";

export type {
  ArcFlashCaseIntermediates,
  ArcFlashCaseIssue,
  ArcFlashCaseResult,
} from "./arcflash/calculator.ts";
export { SimError, type SimErrorCode } from "./errors.ts";
export { ShortCircuitInputError } from "./iec60909/errors.ts";
export { interleavedSlice, mergeScreeningParts, screeningPart } from "./iec60909/outages/merge.ts";
export { outageCandidates } from "./iec60909/outages/outage-set.ts";
export {
  addStudyWork,
  noStudyWork,
  ShortCircuitStudies,
  type StudyCase,
  type StudyPlan,
  type StudyWork,
} from "./iec60909/short-circuit-studies.ts";
export { ValidatedNetwork } from "./iec60909/validated-network.ts";
export { EXPECTED_ABI_VERSION } from "./loader.ts";
export { LOAD_FLOW_BASE_MVA } from "./loadflow/build-model.ts";
export { LoadFlowInputError } from "./loadflow/errors.ts";
export type { PerUnitSolution } from "./loadflow/newton-raphson.ts";
export type { LoadFlowOptions } from "./loadflow/options.ts";
export type { PerUnitBranch, PerUnitBus, PerUnitBusKind, PerUnitModel } from "./loadflow/per-unit-model.ts";
export { WasmOutOfMemoryError } from "./memory.ts";
export {
  DEFAULT_PIVOT_TOLERANCE,
  type FactorizeOptions,
  type FactorStats,
  type SelectedInverse,
  SparseLu,
} from "./solver.ts";
export type { SparseMatrix, SparsePattern } from "./sparse.ts";

export interface SimCore {
  abiVersion: number;
  /** Size of this instance's linear memory; WASM memory never shrinks, so this is its peak. */
  memoryBytes(): number;
  /**
   * Linear memory above the static data and stack (`__heap_base`): everything the allocator
   * can hand out, so its free space is less than this.
   */
  heapBytes(): number;
  /** |z| of interleaved (re, im) complex values. */
  complexAbs(values: Float64Array): Float64Array;
  /** CSC matrix from (row, col, value) triplets, duplicates summed. */
  fromTriplets(n: number, rows: Int32Array, cols: Int32Array, values: Float64Array): SparseMatrix;
  /** Ordering + symbolic analysis only; factorize values later (and again) on the result. */
  analyze(pattern: SparsePattern): SparseLu;
  /** Analysis + numeric LU. The caller owns the result: dispose() it. */
  factorize(matrix: SparseMatrix, options?: FactorizeOptions): SparseLu;
  /** A⁻¹ B (B: n × nrhs column-major, interleaved), freeing the factors afterwards. */
  solve(matrix: SparseMatrix, b: Float64Array, options?: FactorizeOptions): Float64Array;
  /** diag(A⁻¹) by selected inversion, freeing the factors afterwards. */
  diagInverse(matrix: SparseMatrix, options?: FactorizeOptions): Float64Array;
  /** Column j of A⁻¹, freeing the factors afterwards. */
  inverseColumn(matrix: SparseMatrix, j: number, options?: FactorizeOptions): Float64Array;
  /**
   * IEC 60909-0:2016 short-circuit study of a network: a ValidatedNetwork (validated once by the
   * caller, `ValidatedNetwork.check` / `fromValidation`) is used as it is, any other document is
   * validated here. Throws ShortCircuitInputError naming the JSON paths of what is wrong.
   */
  shortCircuit(network: ValidatedNetwork | unknown, options?: ShortCircuitOptionsInput): ShortCircuitResult;
  /**
   * "Why this number": how one bus's result of a study with these options follows from c,
   * Z(1)/Z(2)/Z(0), each source's partial current and its K factors, κ, μ/q and m/n
   * (docs/short-circuit.md). Throws ShortCircuitInputError for bad options or an unknown/unfed bus.
   */
  explainBusResult(
    network: ValidatedNetwork | unknown,
    options: ExplainOptionsInput,
    busId: string,
  ): BusResultExplanation;
  /**
   * Several studies of one network (fault types × cases) sharing its models and factorizations;
   * throws ShortCircuitInputError for invalid options. dispose() it (or `using`).
   */
  shortCircuitStudies(network: ValidatedNetwork, plan: StudyPlan): ShortCircuitStudies;
  /**
   * N-1 screening of I''k (docs/short-circuit.md, "N-1 screening"): every selected branch
   * outage against every bus, exact rank-1 updates of the base factorization. Throws
   * ShortCircuitInputError for bad options or a network it does not cover yet.
   */
  outageScreening(
    network: ValidatedNetwork | unknown,
    options?: OutageScreeningOptionsInput,
  ): OutageScreeningResult;
  /**
   * One outage's own I''k at every bus beside the intact network's (details of a screening), with
   * ip, Ib and Ith from a full re-solve of that outage (the screening gives I''k only).
   */
  outageDetail(
    network: ValidatedNetwork | unknown,
    options: OutageScreeningOptionsInput,
    outage: string,
  ): OutageDetail;
  /**
   * AC load flow by Newton–Raphson (docs/load-flow.md): a ValidatedNetwork is used as it is, any
   * other document is validated here (LoadFlowInputError names what is wrong). Non-convergence
   * is a result: `converged: false` with the mismatch per iteration.
   */
  loadFlow(network: ValidatedNetwork | unknown, options?: LoadFlowOptions): LoadFlowResult;
  /** The same Newton–Raphson on a per-unit model built by the caller (no validation). */
  loadFlowPerUnit(model: PerUnitModel, options?: LoadFlowOptions): PerUnitSolution;
  /**
   * IEEE 1584-2018 calculator: each case (contracts' arcFlashCaseSchema, checked here) gives its
   * ArcFlashCaseOutput with the intermediate values, or the field and reason it was refused
   * (schema, or outside the model's range of §4.2). One bad case does not stop the others.
   */
  arcFlashCases(cases: readonly unknown[]): ArcFlashCaseResult[];
}

function bindCore(sim: SimExports): SimCore {
  return {
    abiVersion: sim.ampflux_abi_version(),
    memoryBytes: () => sim.memory.buffer.byteLength,
    heapBytes: () => sim.memory.buffer.byteLength - Number(sim.__heap_base.value),
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
    fromTriplets: (n, rows, cols, values) => fromTriplets(sim, n, rows, cols, values),
    analyze: (pattern) => new SparseLu(sim, pattern),
    factorize: (matrix, options) => factorizeMatrix(sim, matrix, options),
    solve: (matrix, b, options) => withFactorization(sim, matrix, options, (lu) => lu.solve(b)),
    diagInverse: (matrix, options) => withFactorization(sim, matrix, options, (lu) => lu.diagInverse()),
    inverseColumn: (matrix, j, options) =>
      withFactorization(sim, matrix, options, (lu) => lu.inverseColumn(j)),
    shortCircuit: (network, options) => shortCircuit(sim, network, options),
    explainBusResult: (network, options, busId) => explainBusResult(sim, network, options, busId),
    shortCircuitStudies: (network, plan) => new ShortCircuitStudies(sim, network, plan),
    outageScreening: (network, options) => outageScreening(sim, network, options),
    outageDetail: (network, options, outage) => outageDetailWithStudy(sim, network, options, outage),
    loadFlow: (network, options) => loadFlow(sim, network, options),
    loadFlowPerUnit: (model, options) => solvePerUnit(sim, model, resolveLoadFlowOptions(options)),
    arcFlashCases: (cases) => arcFlashCases(sim, cases),
  };
}

/** Loads the WASM module and returns the typed API over it (one WASM instance per call). */
export async function loadSimCore(): Promise<SimCore> {
  return bindCore(await instantiateSim());
}
