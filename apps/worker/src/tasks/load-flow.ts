import { engineLoadFlowOptions, loadFlowStudyOptionsSchema } from "@ampflux/contracts";
import { reportProgress } from "@ampflux/db";
import { LoadFlowInputError } from "@ampflux/sim-wasm";
import type { Task } from "graphile-worker";
import { PermanentStudyError, parsedOptions, runStudy, StudyCancelled, type TaskDeps } from "./study.ts";

/**
 * One load flow on one circuit version (docs/load-flow.md). A load flow that does not converge
 * is a stored result (converged: false, with its mismatch history), not a failed study; only
 * input the engine refuses fails the study, at once.
 */
export const loadFlowTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudy(deps, payload, helpers, async ({ simulation, network }, core) => {
      const options = parsedOptions(loadFlowStudyOptionsSchema, simulation.options);
      const buses = network.document.buses.length;
      if (
        !(await reportProgress(deps.db, simulation, 0.1, `load flow (${options.algorithm}), ${buses} buses`))
      )
        throw new StudyCancelled();
      try {
        const result = core.loadFlow(network, engineLoadFlowOptions(options));
        return { result, timings: { ...result.timing_ms } };
      } catch (error) {
        if (error instanceof LoadFlowInputError) throw new PermanentStudyError(error.message, error.issues);
        throw error;
      }
    });
