// A sweep: every bus × fault type × case, on the base network and with each chosen branch out
// of service in turn (N-1). Per bus, fault and case the worst result is kept with the outage
// that caused it: the highest I''k for "max" (equipment duty), the lowest for "min" (protection).

import {
  type BatchStudyOptions,
  type BatchStudyResult,
  BRANCH_COLLECTIONS,
  type BusFaultResult,
  batchStudyOptionsSchema,
  type NetworkDocument,
  type StudyCase,
  type WorstCase,
} from "@ampflux/contracts";
import { reportProgress } from "@ampflux/db";
import { ShortCircuitInputError, type SimCore } from "@ampflux/sim-wasm";
import type { Task } from "graphile-worker";
import { PermanentStudyError, parsedOptions, runStudy, StudyCancelled, type TaskDeps } from "./study.ts";

interface Variant {
  outage: string | null;
  document: NetworkDocument;
}

/** The base network and one copy per contingency with that branch out of service. */
export function contingencyVariants(document: NetworkDocument, outages: string[]): Variant[] {
  const variants: Variant[] = [{ outage: null, document }];
  outages.forEach((id, index) => {
    const collection = BRANCH_COLLECTIONS.find((c) => document[c].some((b) => b.id === id));
    if (!collection) {
      throw new PermanentStudyError(`contingencies[${index}]: no line or transformer "${id}"`, [
        { path: ["contingencies", index], message: `no line or transformer "${id}"` },
      ]);
    }
    const outaged = document[collection].map((b) => (b.id === id ? { ...b, in_service: false } : b));
    variants.push({ outage: id, document: { ...document, [collection]: outaged } });
  });
  return variants;
}

/**
 * Is `candidate` worse than `current` for this case? An unfed bus is the worst minimum. Ties
 * (within rounding) keep the earlier step, so an outage that changes nothing is not blamed.
 */
function worse(studyCase: StudyCase, candidate: number | null, current: number | null): boolean {
  const margin = 1e-9 * Math.abs(current ?? 0);
  if (studyCase === "max") return (candidate ?? -1) > (current ?? -1) + margin;
  if (current === null) return false;
  return candidate === null || candidate < current - margin;
}

function merge(
  worst: Map<string, WorstCase>,
  buses: BusFaultResult[],
  step: Omit<WorstCase, "bus" | "ikss_ka" | "ip_ka" | "ib_ka">,
) {
  for (const b of buses) {
    const key = `${b.bus}\n${step.fault}\n${step.case}`;
    const current = worst.get(key);
    if (!current || worse(step.case, b.ikss_ka, current.ikss_ka)) {
      worst.set(key, { bus: b.bus, ...step, ikss_ka: b.ikss_ka, ip_ka: b.ip_ka, ib_ka: b.ib_ka });
    }
  }
}

async function sweep(
  deps: TaskDeps,
  simulation: Parameters<typeof reportProgress>[1],
  document: NetworkDocument,
  options: BatchStudyOptions,
  core: SimCore,
) {
  const started = performance.now();
  const variants = contingencyVariants(document, options.contingencies);
  const steps = variants.length * options.faults.length * options.cases.length;
  const worst = new Map<string, WorstCase>();
  let done = 0;
  let reportedAt = 0;
  for (const variant of variants) {
    for (const fault of options.faults) {
      for (const studyCase of options.cases) {
        if (performance.now() - reportedAt >= 500) {
          const what = `${fault} ${studyCase}, ${variant.outage ? `${variant.outage} out` : "base case"} (${done + 1}/${steps})`;
          if (!(await reportProgress(deps.db, simulation, done / steps, what))) throw new StudyCancelled();
          reportedAt = performance.now();
        }
        const { faults: _f, cases: _c, contingencies: _o, ...common } = options;
        try {
          const result = core.shortCircuit(variant.document, { ...common, fault, case: studyCase });
          merge(worst, result.buses, { fault, case: studyCase, outage: variant.outage });
        } catch (error) {
          if (error instanceof ShortCircuitInputError)
            throw new PermanentStudyError(error.message, error.issues);
          throw error;
        }
        done++;
        // Let graphile-worker's timers and the database client run between steps.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  return {
    result: {
      standard: "IEC 60909-0:2016",
      steps,
      outages: options.contingencies,
      worst: [...worst.values()],
    } satisfies BatchStudyResult,
    timings: { total: performance.now() - started, perStep: (performance.now() - started) / steps },
  };
}

export const batchStudyTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudy(deps, payload, helpers, ({ simulation, document }, core) =>
      sweep(deps, simulation, document, parsedOptions(batchStudyOptionsSchema, simulation.options), core),
    );
