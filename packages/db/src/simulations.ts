// The simulations table as a job ledger shared by the api (inline studies, queueing, cancel)
// and the worker (claim, store, fail): one definition of each state change.

import { createHash } from "node:crypto";
import type { StudyError, StudyResult } from "@ampflux/contracts";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { simulations } from "./schema/simulations.ts";

export type Simulation = typeof simulations.$inferSelect;
export type SimulationKind = Simulation["kind"];

/** JSON with object keys sorted, so equal options hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of (version, kind, parsed options): the cache key and the job key of a study. */
export function simulationOptionsHash(
  circuitVersionId: string,
  kind: SimulationKind,
  options: unknown,
): string {
  return createHash("sha256").update(canonicalJson({ circuitVersionId, kind, options })).digest("hex");
}

/** The newest study of these (version, options) that succeeded or is still under way. */
export async function findReusableSimulation(
  db: Executor,
  circuitVersionId: string,
  optionsHash: string,
): Promise<Simulation | undefined> {
  const [row] = await db
    .select()
    .from(simulations)
    .where(
      and(
        eq(simulations.circuitVersionId, circuitVersionId),
        eq(simulations.optionsHash, optionsHash),
        inArray(simulations.status, ["queued", "running", "succeeded"]),
      ),
    )
    .orderBy(sql`${simulations.createdAt} desc`)
    .limit(1);
  return row;
}

/** The worker task of each kind of study. */
export const SIMULATION_TASKS = {
  short_circuit: "simulate",
  batch_study: "batch_study",
  load_flow: "load_flow",
  outage_screening: "outage_screening",
} as const;
export const SIMULATION_MAX_ATTEMPTS = 5;

/**
 * graphile-worker priority of each kind (lower runs first; reports and emails are queued at the
 * default 0): a single study someone waits for in the editor never queues behind a sweep.
 */
export const SIMULATION_PRIORITIES = {
  short_circuit: 0,
  load_flow: 0,
  batch_study: 10,
  outage_screening: 10,
} as const;

/** Postgres NOTIFY channel of study progress; any api instance LISTENs and relays to clients. */
export const SIMULATION_PROGRESS_CHANNEL = "simulation_progress";

export interface SimulationProgressEvent {
  simulationId: string;
  projectId: string;
  status: Simulation["status"];
  /** Fraction done, 0..1. */
  progress: number;
  message: string | null;
}

/** Sends a progress event (in the caller's transaction, if any: delivered at commit). */
export async function notifyProgress(db: Executor, event: SimulationProgressEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${SIMULATION_PROGRESS_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Records progress of a running study and notifies listeners; false once it was cancelled. */
export async function reportProgress(
  db: Executor,
  simulation: Pick<Simulation, "id" | "projectId">,
  progress: number,
  message: string,
): Promise<boolean> {
  // The column is a float4: a client that reads the row (a reconnect) and one that hears the
  // event must see the same number, so it is rounded to what float4 keeps exactly in decimal
  // (0.01 %), else 0.0006234414 from the row and 0.0006234413965… from the event look like a
  // step backwards.
  const stored = Math.round(progress * 10_000) / 10_000;
  const updated = await db
    .update(simulations)
    .set({ progress: stored, progressMessage: message })
    .where(and(eq(simulations.id, simulation.id), eq(simulations.status, "running")))
    .returning({ id: simulations.id });
  if (updated.length === 0) return false;
  await notifyProgress(db, {
    simulationId: simulation.id,
    projectId: simulation.projectId,
    status: "running",
    progress: stored,
    message,
  });
  return true;
}

/** A sweep (batch study, N-1 screening and its parts): queued behind single studies, capped per company. */
export const isSweep = (kind: SimulationKind): boolean => SIMULATION_PRIORITIES[kind] > 0;

/**
 * The named queue of a company's next sweep job: `sweeps:<company id>:<slot>`, the slot of the
 * `slots` with the fewest jobs waiting or running, so consecutive jobs (a batch queued after
 * another) go round-robin; a screening's parts are capped in simulation-parts.ts instead. graphile-worker runs one job of a named queue at a time,
 * so a company's sweeps hold at most `slots` worker slots at once, however many jobs they have,
 * while single studies (no queue) and other companies' sweeps take the others. One queue per
 * company was tried: it left a single-company deployment's other workers idle. (The count scans
 * the job table, which holds only queued, running and dead jobs: small.)
 */
export function sweepQueue(projectId: string, slots: number): SQL {
  // No slot at all would put the jobs in no queue: uncapped.
  if (!Number.isInteger(slots) || slots < 1)
    throw new RangeError(`sweep slots must be a whole number ≥ 1, not ${slots}`);
  const name = sql`'sweeps:' || p.company_id || ':' || s.slot`;
  return sql`(
    select ${name}
      from projects p, generate_series(0, ${slots}::int - 1) as s(slot)
     where p.id = ${projectId}
     order by (
       select count(*) from graphile_worker._private_jobs j
         join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        where q.queue_name = ${name} and (j.is_available or j.locked_at is not null)
     ), s.slot
     limit 1)`;
}

/**
 * Queues the worker's job in the caller's transaction, so a simulation row never exists without
 * its job or the other way round. The job key makes re-queuing the same study idempotent. A sweep
 * goes to one of its company's `sweepSlots` queues (SWEEP_SLOTS_PER_COMPANY).
 */
export async function enqueueSimulation(
  tx: Executor,
  simulation: Pick<Simulation, "id" | "optionsHash" | "kind" | "projectId">,
  sweepSlots: number,
): Promise<void> {
  const queue = isSweep(simulation.kind) ? sweepQueue(simulation.projectId, sweepSlots) : sql`null`;
  await tx.execute(sql`
    select graphile_worker.add_job(
      ${SIMULATION_TASKS[simulation.kind]},
      json_build_object('simulationId', ${simulation.id}::text),
      queue_name := ${queue},
      job_key := ${simulation.optionsHash},
      max_attempts := ${SIMULATION_MAX_ATTEMPTS},
      priority := ${SIMULATION_PRIORITIES[simulation.kind]}
    )`);
}

/** Cancels a study that has not finished; a queued job is removed, a running one stops at its next step. */
export async function cancelSimulation(
  tx: Executor,
  simulation: Pick<Simulation, "id" | "optionsHash">,
): Promise<boolean> {
  const cancelled = await tx
    .update(simulations)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(simulations.id, simulation.id), inArray(simulations.status, ["queued", "running"])))
    .returning({ id: simulations.id });
  if (cancelled.length === 0) return false;
  await tx.execute(sql`select graphile_worker.remove_job(${simulation.optionsHash})`);
  return true;
}

/** queued → running; false when the study was cancelled or already finished (a repeated job). */
export async function claimSimulation(db: Executor, id: string): Promise<boolean> {
  const claimed = await db
    .update(simulations)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(and(eq(simulations.id, id), inArray(simulations.status, ["queued", "running"])))
    .returning({ id: simulations.id });
  return claimed.length > 0;
}

/** Stores the outcome once: only a study still running (not cancelled meanwhile) is updated. */
export async function finishSimulation(
  db: Executor,
  id: string,
  outcome:
    | { status: "succeeded"; result: unknown; timings: Record<string, number> }
    | { status: "failed"; error: StudyError; timings?: Record<string, number> },
): Promise<boolean> {
  // `result` is the engine's or the sweep's StudyResult (the column's type); it is taken as
  // unknown because the CLI's tests store a partial one.
  const result = outcome.status === "succeeded" ? (outcome.result as StudyResult) : null;
  const done = await db
    .update(simulations)
    .set({
      status: outcome.status,
      result,
      error: outcome.status === "failed" ? outcome.error : null,
      timings: outcome.timings ?? null,
      progress: 1,
      progressMessage: null,
      finishedAt: new Date(),
    })
    .where(and(eq(simulations.id, id), eq(simulations.status, "running")))
    .returning({ id: simulations.id });
  return done.length > 0;
}
