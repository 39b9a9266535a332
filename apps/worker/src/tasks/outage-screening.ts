// N-1 screening of short-circuit currents (issue 25): every selected branch outage against every
// bus by rank-1 updates (packages/sim-wasm, outages/). A set larger than one part is spread over
// the workers: one job per part (outage_screening_part), each stored once; the part completing the
// set merges them into the study's result (fan-in) and reports progress as parts finish.

import {
  type NetworkDocument,
  OUTAGE_COLLECTIONS,
  type OutageScreeningOptions,
  type OutageScreeningResult,
  outageScreeningOptionsSchema,
} from "@ampflux/contracts";
import {
  queueCompanyParts,
  queueSimulationParts,
  reportProgress,
  type SimulationPartInput,
  simulationPartInput,
  simulationPartResults,
  storeSimulationPart,
  versionSize,
} from "@ampflux/db";
import {
  interleavedSlice,
  mergeScreeningParts,
  outageCandidates,
  ShortCircuitInputError,
  type SimCore,
  screeningPart,
  type ValidatedNetwork,
} from "@ampflux/sim-wasm";
import type { JobHelpers, Task } from "graphile-worker";
import { z } from "zod";
import {
  failStudy,
  finish,
  type LoadedStudy,
  load,
  loadedStudy,
  loadSimulation,
  PermanentStudyError,
  parsedOptions,
  runStudyFromRow,
  StudyCancelled,
  type TaskDeps,
} from "./study.ts";

/**
 * How many parts a screening of `outages` branches at `buses` buses is spread over: by its work
 * (a part's kernel time is about proportional to buses × outages), so each part's fixed cost —
 * reading its rows, building the model, factorizing, storing its result — stays small against
 * its work; at most 10 (progress in steps of 10 %). More than one part is an even number, which
 * two workers share evenly.
 */
export function screeningPartCount(outages: number, buses: number, pairsPerPart: number): number {
  const byWork = Math.ceil((outages * buses) / pairsPerPart);
  if (byWork <= 1) return 1;
  return Math.min(10, byWork + (byWork % 2));
}

/** A listed set's parts: screeningPartCount interleaved slices of its ids (the merge's order). */
export function screeningParts(ids: string[], buses: number, pairsPerPart: number): string[][] {
  const count = screeningPartCount(ids.length, buses, pairsPerPart);
  return Array.from({ length: count }, (_, k) => interleavedSlice(ids, k, count));
}

const slices = (of: number) => Array.from({ length: of }, (_, slice) => ({ slice, of }));

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

/**
 * The parent job: splits the set into parts and queues them, reading only the study's row (an
 * "all" set is split by the version's branch count into slices each part takes from the
 * document itself, so the parts' workers read and validate it in parallel). A set of one part is
 * screened here.
 */
export const outageScreeningTask =
  (deps: TaskDeps): Task =>
  (payload, helpers) =>
    runStudyFromRow(deps, payload, helpers, async (simulation, core) => {
      const options = parsedOptions(outageScreeningOptionsSchema, simulation.options);
      const listed = options.outages === "all" ? undefined : options.outages;
      const size = await versionSize(deps.db, simulation.id);
      const parts: SimulationPartInput[] = listed
        ? screeningParts(listed, size.buses, deps.screeningPairsPerPart)
        : slices(screeningPartCount(size.branches, size.buses, deps.screeningPairsPerPart));
      if (parts.length === 1) {
        const stored = await load(deps.db, simulation.id);
        if (!stored) throw new StudyCancelled();
        const study = loadedStudy(stored.simulation, stored.document);
        const ids = setOutages(study, options, parts[0] ?? []);
        // The stored options are the study's own (the engine's carry the set's ids).
        const result = { ...screen(core, study.network, options, ids), options };
        return { outcome: { result, timings: result.timings }, buses: study.network.document.buses.length };
      }
      await deps.db.transaction((tx) => queueSimulationParts(tx, simulation, parts, deps.sweepSlots));
      const set = listed ? `${listed.length} outages` : "every branch";
      const message = `N-1 screening: ${set} in ${parts.length} parts, on every worker`;
      if (!(await reportProgress(deps.db, simulation, 0.05, message))) throw new StudyCancelled();
      return { outcome: "spread", buses: 0 };
    });

/**
 * A part's outages: its listed ids, or its slice of the "all" set. Read from the stored document
 * without validating it: versions are stored validated, defaults filled. One stored before a
 * collection existed lacks that array, and is validated first (which fills it in). A set with
 * nothing in it fails the study.
 */
function setOutages(
  study: LoadedStudy,
  options: OutageScreeningOptions,
  input: SimulationPartInput,
): string[] {
  if (Array.isArray(input)) return input;
  const stored = study.document as Partial<Record<string, unknown>>;
  const complete = ["buses", ...OUTAGE_COLLECTIONS].every((key) => Array.isArray(stored[key]));
  const all = outageCandidates(
    complete ? (study.document as NetworkDocument) : study.network.document,
    options,
  );
  if (all.length === 0)
    throw new PermanentStudyError("no branch to take out: the outage set is empty", [
      { path: ["outages"], message: "no in-service branch matches the options" },
    ]);
  return interleavedSlice(all, input.slice, input.of);
}

const partPayload = z.object({ simulationId: z.uuid(), part: z.number().int().min(0) });

/**
 * The document of the version this process last screened, with its network once validated.
 * Versions are immutable: the next parts of the study, and later screenings of the same version
 * (the other case, another fault), read only their study's row and validate nothing again (on a
 * 10,000-bus network ~0.1 s to read and parse the document and ~0.2–0.3 s to validate it).
 */
let lastVersion: { id: string; study: LoadedStudy } | undefined;

/**
 * The study, its row read afresh; its document read only when this process holds another
 * version's. The network is validated when a running study's part asks (a finished study's part
 * is skipped at once).
 */
async function partStudy(db: TaskDeps["db"], simulationId: string): Promise<LoadedStudy | undefined> {
  const simulation = await loadSimulation(db, simulationId);
  if (!simulation) return undefined;
  const kept = lastVersion?.id === simulation.circuitVersionId ? lastVersion.study : undefined;
  if (kept)
    return {
      simulation,
      document: kept.document,
      get network() {
        return kept.network;
      },
    };
  const stored = await load(db, simulationId);
  if (!stored) return undefined;
  const study = loadedStudy(stored.simulation, stored.document);
  lastVersion = { id: stored.simulation.circuitVersionId, study };
  return study;
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

async function runPart(deps: TaskDeps, helpers: JobHelpers, study: LoadedStudy, part: number): Promise<void> {
  const simulationId = study.simulation.id;
  // Cancelled, failed or finished meanwhile: nothing more to do.
  if (study.simulation.status !== "running") return;
  const input = await simulationPartInput(deps.db, simulationId, part);
  if (!input) return;
  const { simulation } = study;
  try {
    const options = parsedOptions(outageScreeningOptionsSchema, simulation.options);
    const outages = setOutages(study, options, input);
    const screened = screen(await deps.simCore(), study.network, options, outages);
    const stored = screeningPart(screened);
    const counts = await deps.db.transaction((tx) => storeSimulationPart(tx, simulationId, part, stored));
    const message = `N-1 screening: ${counts.done} of ${counts.total} parts done`;
    if (!(await reportProgress(deps.db, simulation, 0.05 + (0.9 * counts.done) / counts.total, message)))
      return;
    if (counts.done < counts.total) return;
    // This part's own screening is in memory: its result, and the buses' ids and intact currents.
    const parts = await simulationPartResults(deps.db, simulationId, { part, result: stored });
    const result = mergeScreeningParts(parts, options, screened.buses);
    await finish(deps, simulation, { status: "succeeded", result, timings: result.timings });
  } catch (error) {
    await failStudy(deps, simulation, helpers, error);
  }
}
