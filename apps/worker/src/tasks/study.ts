// What the simulate and batch_study tasks share: loading a queued study, storing its outcome
// exactly once with a terminal progress event, and the retry policy (bad input fails at once,
// anything else retries with graphile-worker's backoff, then fails the study).

import type { FeatureDefaults } from "@ampflux/contracts";
import { type StudyResult, storedDocumentTypes, validateNetwork } from "@ampflux/contracts";
import {
  circuitVersions,
  claimSimulation,
  type Database,
  finishSimulation,
  notifyProgress,
  notifyStudyOutcome,
  type Simulation,
  simulations,
} from "@ampflux/db";
import { sizeClass } from "@ampflux/db/metrics";
import { type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { eq } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import type { Histogram } from "prom-client";
import { z } from "zod";
import type { Mailer } from "../email/mailer.ts";

export interface TaskDeps {
  db: Database;
  simCore(): Promise<SimCore>;
  /** Undefined while email is off: notifications then stay in the app. */
  mailer: Mailer | undefined;
  /** The deployment's feature defaults (FEATURE_*); companies may override them. */
  features: FeatureDefaults;
  /** Engine time per study (metrics.ts). */
  engineSeconds: Histogram<"kind" | "size">;
  /** SWEEP_SLOTS_PER_COMPANY: the named queues a company's sweep parts are spread over. */
  sweepSlots: number;
  /** SCREENING_PAIRS_PER_PART: the bus × outage pairs of one part of a spread screening. */
  screeningPairsPerPart: number;
}

export interface LoadedStudy {
  simulation: Simulation;
  /** The stored document as read (stored validated, with its defaults filled in). */
  document: unknown;
  /** The stored document validated once, on first use: the engine does not validate it again. */
  readonly network: ValidatedNetwork;
}

/** A loaded study whose network is validated when first asked for. */
export function loadedStudy(simulation: Simulation, document: unknown): LoadedStudy {
  let network: ValidatedNetwork | undefined;
  return {
    simulation,
    document,
    get network() {
      network ??= validatedNetwork(document);
      return network;
    },
  };
}

const payloadSchema = z.object({ simulationId: z.uuid() });

/** A problem with the study itself: retrying cannot help, so the study fails at once. */
export class PermanentStudyError extends Error {
  override name = "PermanentStudyError";
  readonly details: unknown;
  constructor(message: string, details?: unknown) {
    super(message);
    this.details = details;
  }
}

/** Thrown by a task that saw its study cancelled between steps; nothing more is stored. */
export class StudyCancelled extends Error {
  override name = "StudyCancelled";
}

export async function load(
  db: Database,
  simulationId: string,
): Promise<{ simulation: Simulation; document: unknown } | undefined> {
  const [row] = await db
    .select({ simulation: simulations, document: circuitVersions.document })
    .from(simulations)
    .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(eq(simulations.id, simulationId));
  return row && { simulation: row.simulation, document: row.document };
}

/** The study's row alone, for a task that holds its validated document already. */
export async function loadSimulation(db: Database, simulationId: string): Promise<Simulation | undefined> {
  const [row] = await db.select().from(simulations).where(eq(simulations.id, simulationId));
  return row;
}

/**
 * The stored document with its defaults filled in; versions are validated (and their types
 * resolved with the company's library) when saved, so only the type references are accepted here.
 */
export function validatedNetwork(stored: unknown): ValidatedNetwork {
  const checked = validateNetwork(stored, storedDocumentTypes(stored));
  if (!checked.document || !checked.ok)
    throw new PermanentStudyError("the circuit version is not a valid network", checked.errors);
  return ValidatedNetwork.fromValidation(checked);
}

/** Study options as stored, parsed with their schema; a mismatch is permanent. */
export function parsedOptions<T>(schema: z.ZodType<T>, stored: unknown): T {
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map((k) => (typeof k === "number" ? k : String(k))),
    message: i.message,
  }));
  throw new PermanentStudyError("the study options are invalid", issues);
}

type Outcome =
  | Extract<Parameters<typeof finishSimulation>[2], { status: "succeeded" }>
  | { status: "failed"; error: { message: string; [detail: string]: unknown } };

/** Stores the outcome, announces it and tells the user who queued the study, all at one commit. */
export async function finish(deps: TaskDeps, simulation: Simulation, outcome: Outcome) {
  await deps.db.transaction(async (tx) => {
    if (await finishSimulation(tx, simulation.id, outcome)) {
      const { id: simulationId, projectId } = simulation;
      await notifyProgress(tx, {
        simulationId,
        projectId,
        status: outcome.status,
        progress: 1,
        message: null,
      });
      const told =
        outcome.status === "failed" ? { status: outcome.status, message: outcome.error.message } : outcome;
      await notifyStudyOutcome(tx, simulation, told, {
        email: deps.mailer !== undefined,
        features: deps.features,
      });
    }
  });
}

type StudyOutcome = { result: StudyResult; timings: Record<string, number> } | "spread";

/**
 * Runs `body` for the queued study named by the payload. Returns quietly when the study is gone,
 * cancelled or already finished (a repeated job); stores the result or the failure otherwise.
 */
export async function runStudy(
  deps: TaskDeps,
  payload: unknown,
  helpers: JobHelpers,
  body: (study: LoadedStudy, core: SimCore) => Promise<StudyOutcome>,
): Promise<void> {
  const { simulationId } = payloadSchema.parse(payload);
  const stored = await load(deps.db, simulationId);
  if (!stored || !(await claimSimulation(deps.db, simulationId))) return;
  const study = loadedStudy(stored.simulation, stored.document);
  await runClaimed(deps, stored.simulation, helpers, async () => {
    const { network } = study;
    const started = performance.now();
    const outcome = await body(study, await deps.simCore());
    return { outcome, started, buses: network.document.buses.length };
  });
}

/**
 * runStudy for a task that reads the document itself, if at all: only the study's row is read
 * before it runs (an N-1 screening's parent, which splits its set and leaves the document to
 * the parts). `buses` of the outcome is the network's size, for the engine-time metric.
 */
export async function runStudyFromRow(
  deps: TaskDeps,
  payload: unknown,
  helpers: JobHelpers,
  body: (simulation: Simulation, core: SimCore) => Promise<{ outcome: StudyOutcome; buses: number }>,
): Promise<void> {
  const { simulationId } = payloadSchema.parse(payload);
  const simulation = await loadSimulation(deps.db, simulationId);
  if (!simulation || !(await claimSimulation(deps.db, simulationId))) return;
  await runClaimed(deps, simulation, helpers, async () => {
    const started = performance.now();
    return { ...(await body(simulation, await deps.simCore())), started };
  });
}

async function runClaimed(
  deps: TaskDeps,
  simulation: Simulation,
  helpers: JobHelpers,
  run: () => Promise<{ outcome: StudyOutcome; started: number; buses: number }>,
): Promise<void> {
  try {
    const { outcome, started, buses } = await run();
    // Spread over part jobs: the part that completes the set stores the result.
    if (outcome === "spread") return;
    const { result, timings } = outcome;
    deps.engineSeconds.observe(
      { kind: simulation.kind, size: sizeClass(buses) },
      (performance.now() - started) / 1000,
    );
    await finish(deps, simulation, { status: "succeeded", result, timings });
  } catch (error) {
    await failStudy(deps, simulation, helpers, error);
  }
}

/**
 * What a failure of a study's job means: nothing for a cancellation, a failed study for a
 * permanent problem (the job ends: running it again cannot help); otherwise the job is retried
 * (rethrown). After the last attempt the study fails and the error is still rethrown, so the job
 * stays as a dead letter an operator can inspect and queue again (`ampflux jobs retry`).
 */
export async function failStudy(
  deps: TaskDeps,
  simulation: Simulation,
  helpers: JobHelpers,
  error: unknown,
): Promise<void> {
  if (error instanceof StudyCancelled) return;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PermanentStudyError) {
    await finish(deps, simulation, { status: "failed", error: { message, details: error.details } });
    return;
  }
  const { attempts, max_attempts } = helpers.job;
  if (attempts >= max_attempts)
    await finish(deps, simulation, { status: "failed", error: { message, attempts } });
  throw error;
}
