// A sweep: every bus × fault type × case, on the base network and with each chosen branch out
// of service in turn (N-1). Per bus, fault and case the worst result is kept with the outage
// that caused it: the highest currents for "max" (equipment duty), the lowest for "min"
// (protection); with duty, per element and check the worst duty and its step (batch-worst.ts).

import {
  type BatchStudyOptions,
  type BatchStudyResult,
  BRANCH_COLLECTIONS,
  type BranchCollection,
  batchStudyOptionsSchema,
  type DutyCheck,
  type LoadFlowWorst,
  type WorstCase,
} from "@ampflux/contracts";
import { reportProgress } from "@ampflux/db";
import {
  addStudyWork,
  noStudyWork,
  ShortCircuitInputError,
  type ShortCircuitStudies,
  type SimCore,
  type StudyWork,
  type ValidatedNetwork,
} from "@ampflux/sim-wasm";
import type { Task } from "graphile-worker";
import { loadFlowCollector } from "./batch-load-flow.ts";
import { mergeBusWorst, mergeDutyWorst, worstDuty } from "./batch-worst.ts";
import { PermanentStudyError, parsedOptions, runStudy, StudyCancelled, type TaskDeps } from "./study.ts";

export interface Variant {
  outage: string | null;
  /** Where the outaged branch is (null: the base network). */
  collection: BranchCollection | null;
  network: ValidatedNetwork;
}

/**
 * The base network and one copy per contingency with that branch out of service; validated
 * once with the base (taking a branch out of service changes nothing validation looks at).
 */
export function contingencyVariants(network: ValidatedNetwork, outages: string[]): Variant[] {
  const variants: Variant[] = [{ outage: null, collection: null, network }];
  outages.forEach((id, index) => {
    const collection = BRANCH_COLLECTIONS.find((c) => network.document[c].some((b) => b.id === id));
    if (!collection) {
      throw new PermanentStudyError(`contingencies[${index}]: no line or transformer "${id}"`, [
        { path: ["contingencies", index], message: `no line or transformer "${id}"` },
      ]);
    }
    variants.push({ outage: id, collection, network: network.withOutOfService(id) });
  });
  return variants;
}

/** Called before each step with what it is; resolves false when the study was cancelled. */
export type BeforeStep = (done: number, steps: number, what: string) => Promise<boolean>;

export interface Sweep {
  /** Short-circuit studies run (the load flows are counted in loadFlow.steps). */
  steps: number;
  worst: WorstCase[];
  /** With options.duty: per element and check the worst over the max-case steps, worst first. */
  duty?: DutyCheck[];
  /** With options.load_flow: worst voltages and loadings over the states' load flows. */
  loadFlow?: LoadFlowWorst;
  /** With options.load_flow: milliseconds spent in the load flows. */
  loadFlowMs?: number;
  /** Models built, analyses and factorizations over all variants (each per variant and case). */
  work: StudyWork;
}

/** The studies of one variant; options the engine rejects make the batch fail at once. */
function studiesOf(
  core: SimCore,
  network: ValidatedNetwork,
  options: BatchStudyOptions,
): ShortCircuitStudies {
  const { contingencies: _o, load_flow: _lf, ...plan } = options;
  try {
    return core.shortCircuitStudies(network, plan);
  } catch (error) {
    if (error instanceof ShortCircuitInputError) throw new PermanentStudyError(error.message, error.issues);
    throw error;
  }
}

/**
 * Every variant × fault × case. Per variant one ShortCircuitStudies: each case's model is built
 * and its sequence networks factorized once, then every fault type reuses them.
 */
export async function worstCases(
  core: SimCore,
  network: ValidatedNetwork,
  options: BatchStudyOptions,
  beforeStep: BeforeStep,
): Promise<Sweep> {
  if (options.duty && !options.cases.includes("max")) {
    // Duty compares ratings with the maximum currents; a sweep of minimum ones cannot give it.
    throw new PermanentStudyError('duty needs the "max" case among cases', [
      { path: ["cases"], message: 'duty needs the "max" case' },
    ]);
  }
  const variants = contingencyVariants(network, options.contingencies);
  const loadFlows = loadFlowCollector(options);
  const shortCircuits = variants.length * options.faults.length * options.cases.length;
  // Progress counts a state's load flow as one step, as each fault type and case is.
  const steps = shortCircuits + (loadFlows ? variants.length : 0);
  const worst = new Map<string, WorstCase>();
  const duty = new Map<string, DutyCheck>();
  const work = noStudyWork();
  let done = 0;
  for (const variant of variants) {
    const state = variant.outage ? `${variant.outage} out` : "base case";
    if (loadFlows) {
      // First, so that options the engine refuses fail the batch at the base network at once.
      if (!(await beforeStep(done, steps, `load flow, ${state} (${done + 1}/${steps})`)))
        throw new StudyCancelled();
      loadFlows.run(core, variant);
      done++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const studies = studiesOf(core, variant.network, options);
    try {
      for (const fault of options.faults) {
        for (const studyCase of options.cases) {
          const what = `${fault} ${studyCase}, ${state} (${done + 1}/${steps})`;
          if (!(await beforeStep(done, steps, what))) throw new StudyCancelled();
          const result = studies.run(fault, studyCase);
          const step = { fault, case: studyCase, outage: variant.outage };
          mergeBusWorst(worst, result.buses, step);
          // The engine gives duty with the maximum currents only (max-case runs).
          if (result.duty) mergeDutyWorst(duty, result.duty, step);
          done++;
          // Let graphile-worker's timers and the database client run between steps.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      addStudyWork(work, studies.work);
    } finally {
      studies.dispose();
    }
  }
  return {
    steps: shortCircuits,
    worst: [...worst.values()],
    ...(options.duty && { duty: worstDuty(duty) }),
    ...(loadFlows && { loadFlow: loadFlows.result(), loadFlowMs: loadFlows.elapsedMs }),
    work,
  };
}

async function sweep(
  deps: TaskDeps,
  simulation: Parameters<typeof reportProgress>[1],
  network: ValidatedNetwork,
  options: BatchStudyOptions,
  core: SimCore,
) {
  const started = performance.now();
  let reportedAt = 0;
  const { steps, worst, duty, loadFlow, loadFlowMs } = await worstCases(
    core,
    network,
    options,
    async (done, steps, what) => {
      // The start and the first finished step are always reported, so a client sees the batch
      // move even when it ends within the throttle's half second; later steps at most every 500 ms.
      if (done > 1 && performance.now() - reportedAt < 500) return true;
      reportedAt = performance.now();
      return reportProgress(deps.db, simulation, done / steps, what);
    },
  );
  return {
    result: {
      standard: "IEC 60909-0:2016",
      steps,
      outages: options.contingencies,
      worst,
      ...(duty && { duty }),
      ...(loadFlow && { load_flow: loadFlow }),
    } satisfies BatchStudyResult,
    timings: {
      total: performance.now() - started,
      perStep: (performance.now() - started) / (steps + (loadFlow?.steps ?? 0)),
      ...(loadFlowMs !== undefined && { loadFlow: loadFlowMs }),
    },
  };
}

export const batchStudyTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudy(deps, payload, helpers, ({ simulation, network }, core) =>
      sweep(deps, simulation, network, parsedOptions(batchStudyOptionsSchema, simulation.options), core),
    );
