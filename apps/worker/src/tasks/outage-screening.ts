// N-1 screening of short-circuit currents (issue 25): every selected branch outage against every
// bus by rank-1 updates (packages/sim-wasm, outages/). The set is screened in parts so the study
// reports progress and can be cancelled between them; the parts' results merge into one.

import { outageScreeningOptionsSchema } from "@ampflux/contracts";
import { reportProgress } from "@ampflux/db";
import { mergeOutageScreenings, outageCandidates, ShortCircuitInputError } from "@ampflux/sim-wasm";
import type { Task } from "graphile-worker";
import { PermanentStudyError, parsedOptions, runStudy, StudyCancelled, type TaskDeps } from "./study.ts";

/** Parts of a screening: about 20 (progress every 5 %), none under 500 outages (each part
 * builds the model and factorizes again, ~0.1–0.2 s on a 10,000-bus network). */
export function screeningParts(ids: string[]): string[][] {
  const size = Math.max(500, Math.ceil(ids.length / 20));
  const parts: string[][] = [];
  for (let k = 0; k < ids.length; k += size) parts.push(ids.slice(k, k + size));
  return parts;
}

export const outageScreeningTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudy(deps, payload, helpers, async ({ simulation, network }, core) => {
      const options = parsedOptions(outageScreeningOptionsSchema, simulation.options);
      const ids = options.outages === "all" ? outageCandidates(network.document, options) : options.outages;
      if (ids.length === 0)
        throw new PermanentStudyError("no branch to take out: the outage set is empty", [
          { path: ["outages"], message: "no in-service branch matches the options" },
        ]);
      const parts = screeningParts(ids);
      const results = [];
      let done = 0;
      for (const part of parts) {
        const message = `N-1 screening: ${done} of ${ids.length} outages`;
        if (!(await reportProgress(deps.db, simulation, 0.05 + (0.9 * done) / ids.length, message)))
          throw new StudyCancelled();
        try {
          results.push(core.outageScreening(network, { ...options, outages: part }));
        } catch (error) {
          if (error instanceof ShortCircuitInputError)
            throw new PermanentStudyError(error.message, error.issues);
          throw error;
        }
        done += part.length;
      }
      const merged = mergeOutageScreenings(results);
      // The stored options are the study's own ("all" stays "all"), not the last part's list.
      const result = { ...merged, options };
      return { result, timings: result.timings };
    });
