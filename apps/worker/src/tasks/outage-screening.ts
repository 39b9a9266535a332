// N-1 screening of short-circuit currents (issue 25): every selected branch outage against every
// bus by rank-1 updates (packages/sim-wasm, outages/). A set larger than one part is spread over
// the workers: one job per part (outage_screening_part), each stored once; the part completing the
// set merges them into the study's result (fan-in) and reports progress as parts finish.

import {
  type OutageScreeningOptions,
  type OutageScreeningResult,
  outageScreeningOptionsSchema,
} from "@ampflux/contracts";
import {
  queueCompanyParts,
  queueSimulationParts,
  reportProgress,
  simulationPartInput,
  simulationPartResults,
  storeSimulationPart,
} from "@ampflux/db";
import {
  mergeOutageScreenings,
  outageCandidates,
  ShortCircuitInputError,
  type SimCore,
  type ValidatedNetwork,
} from "@ampflux/sim-wasm";
import type { JobHelpers, Task } from "graphile-worker";
import { z } from "zod";
import {
  failStudy,
  finish,
  load,
  loadSimulation,
  PermanentStudyError,
  parsedOptions,
  runStudy,
  StudyCancelled,
  type TaskDeps,
  validatedNetwork,
} from "./study.ts";

/**
 * Parts of a screening: about 10 (progress every 10 %, enough to keep a few workers busy), none
 * under 500 outages: each part builds the model and factorizes again (~0.15 s on a 10,000-bus
 * network), and twice as many parts made two workers only 1.5× faster than one.
 */
export function screeningParts(ids: string[]): string[][] {
  const size = Math.max(500, Math.ceil(ids.length / 10));
  const parts: string[][] = [];
  for (let k = 0; k < ids.length; k += size) parts.push(ids.slice(k, k + size));
  return parts;
}

function screen(
  core: SimCore,
  network: ValidatedNetwork,
  options: OutageScreeningOptions,
  outages: string[],
): OutageScreeningResult {
  try {
    return core.outageScreening(network, { ...options, outages });
  } catch (error) {
    if (error instanceof ShortCircuitInputError) throw new PermanentStudyError(error.message, error.issues);
    throw error;
  }
}

/** The study's result from its parts' results: the stored options are the study's own. */
const merged = (parts: OutageScreeningResult[], options: OutageScreeningOptions): OutageScreeningResult => ({
  ...mergeOutageScreenings(parts),
  options,
});

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
      // This process will likely take a part next: it keeps the network it just validated.
      lastNetwork = { simulationId: simulation.id, network };
      if (parts.length === 1) {
        const result = merged([screen(core, network, options, ids)], options);
        return { result, timings: result.timings };
      }
      await deps.db.transaction((tx) => queueSimulationParts(tx, simulation, parts, deps.sweepSlots));
      const message = `N-1 screening: ${ids.length} outages in ${parts.length} parts, on every worker`;
      if (!(await reportProgress(deps.db, simulation, 0.05, message))) throw new StudyCancelled();
      return "spread";
    });

const partPayload = z.object({ simulationId: z.uuid(), part: z.number().int().min(0) });

/**
 * The last study's validated network, kept by this worker process (set by the parent job too):
 * its next parts read only the study's row, not the document, and skip the validation (on a
 * 10,000-bus network ~0.1 s to read and parse the document and ~0.2 s to validate it, per part).
 */
let lastNetwork: { simulationId: string; network: ValidatedNetwork } | undefined;

type PartStudy = NonNullable<Awaited<ReturnType<typeof partStudy>>>;

/** The study and its validated network: the row alone when this process holds the network. */
async function partStudy(db: TaskDeps["db"], simulationId: string) {
  if (lastNetwork?.simulationId === simulationId) {
    const simulation = await loadSimulation(db, simulationId);
    const { network } = lastNetwork;
    return simulation && { simulation, network: () => network };
  }
  const study = await load(db, simulationId);
  if (!study) return undefined;
  // Validated when a running study's part asks (a finished study's part is skipped at once).
  const network = () => {
    lastNetwork = { simulationId, network: validatedNetwork(study.document) };
    return lastNetwork.network;
  };
  return { simulation: study.simulation, network };
}

/**
 * One part of a spread screening; the part that completes the set stores the study's result.
 * However it ends (stored, skipped, failed), its company's next waiting part is queued: the slot
 * it held is free (a part to be retried still holds it).
 */
export const outageScreeningPartTask =
  (deps: TaskDeps): Task =>
  async (payload, helpers) => {
    const { simulationId, part } = partPayload.parse(payload);
    const study = await partStudy(deps.db, simulationId);
    if (!study) return;
    try {
      await runPart(deps, helpers, study, part);
    } finally {
      await deps.db.transaction((tx) => queueCompanyParts(tx, study.simulation.projectId, deps.sweepSlots));
    }
  };

async function runPart(deps: TaskDeps, helpers: JobHelpers, study: PartStudy, part: number): Promise<void> {
  const simulationId = study.simulation.id;
  // Cancelled, failed or finished meanwhile: nothing more to do.
  if (study.simulation.status !== "running") return;
  const outages = await simulationPartInput(deps.db, simulationId, part);
  if (!outages) return;
  const { simulation } = study;
  try {
    const options = parsedOptions(outageScreeningOptionsSchema, simulation.options);
    const screened = screen(await deps.simCore(), study.network(), options, outages);
    const counts = await deps.db.transaction((tx) => storeSimulationPart(tx, simulationId, part, screened));
    const message = `N-1 screening: ${counts.done} of ${counts.total} parts done`;
    if (!(await reportProgress(deps.db, simulation, 0.05 + (0.9 * counts.done) / counts.total, message)))
      return;
    if (counts.done < counts.total) return;
    const parts = (await simulationPartResults(deps.db, simulationId)) as OutageScreeningResult[];
    const result = merged(parts, options);
    await finish(deps, simulation, { status: "succeeded", result, timings: result.timings });
  } catch (error) {
    await failStudy(deps, simulation, helpers, error);
  }
}
