import { shortCircuitOptionsSchema } from "@ampflux/contracts";
import { reportProgress } from "@ampflux/db";
import { ShortCircuitInputError } from "@ampflux/sim-wasm";
import type { Task } from "graphile-worker";
import { PermanentStudyError, parsedOptions, runStudy, type TaskDeps } from "./study.ts";

/** One short-circuit study on one circuit version. */
export const simulateTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudy(deps, payload, helpers, async ({ simulation, network }, core) => {
      const options = parsedOptions(shortCircuitOptionsSchema, simulation.options);
      await reportProgress(deps.db, simulation, 0.1, `all-bus ${options.fault} study`);
      try {
        const result = core.shortCircuit(network, options);
        return { result, timings: result.timings };
      } catch (error) {
        if (error instanceof ShortCircuitInputError)
          throw new PermanentStudyError(error.message, error.issues);
        throw error;
      }
    });
