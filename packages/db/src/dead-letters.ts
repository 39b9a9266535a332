// Dead letters: graphile-worker jobs that used their last attempt. graphile-worker keeps them
// (attempts = max_attempts, never run again) with their last error; an operator lists them and
// queues them again (`ampflux jobs failed`, `ampflux jobs retry`, docs/operations.md).

import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "./client.ts";
import { simulations } from "./schema/simulations.ts";
import { SIMULATION_PART_TASKS } from "./simulation-parts.ts";
import { enqueueSimulation, notifyProgress, SIMULATION_TASKS, type Simulation } from "./simulations.ts";

export interface DeadLetter {
  /** graphile-worker's job id (a bigint, as text). */
  id: string;
  task: string;
  attempts: number;
  maxAttempts: number;
  /** The first line of the last attempt's error. */
  lastError: string | null;
  /** When the last attempt failed. */
  failedAt: Date;
  createdAt: Date;
  /** The study the payload names, with where it belongs, when it names one that still exists. */
  study: {
    id: string;
    part: number | null;
    status: Simulation["status"];
    projectId: string;
    companyId: string;
  } | null;
}

const STUDY_TASKS: ReadonlySet<string> = new Set(Object.values(SIMULATION_TASKS));
const PART_TASKS: ReadonlySet<string> = new Set(Object.values(SIMULATION_PART_TASKS));

interface DeadRow extends Record<string, unknown> {
  id: string;
  task: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  failed_at: Date | string;
  created_at: Date | string;
  simulation_id: string | null;
  part: number | null;
  status: Simulation["status"] | null;
  project_id: string | null;
  company_id: string | null;
}

const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** Job ids as one Postgres array literal (drizzle spreads a JS array into a list of parameters). */
function bigintArray(ids: string[]): string {
  const bad = ids.filter((id) => !/^\d{1,19}$/.test(id));
  if (bad.length > 0) throw new NotDeadLetterError(bad);
  return `{${ids.join(",")}}`;
}

// Unlocked jobs out of attempts: a locked one is still running its last attempt.
const deadRows = (db: Executor, ids: string[] | "all", lock: boolean) =>
  db.execute<DeadRow>(sql`
    select j.id::text as id, t.identifier as task, j.attempts::int as attempts,
           j.max_attempts::int as max_attempts, j.last_error, j.updated_at as failed_at, j.created_at,
           s.id as simulation_id, (j.payload->>'part')::int as part, s.status, s.project_id, p.company_id
      from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      left join simulations s on s.id = case when j.payload->>'simulationId' ~ ${UUID}
                                             then (j.payload->>'simulationId')::uuid end
      left join projects p on p.id = s.project_id
     where j.attempts >= j.max_attempts and j.locked_at is null
       ${ids === "all" ? sql`` : sql`and j.id = any(${bigintArray(ids)}::bigint[])`}
     order by j.updated_at desc, j.id desc
     ${lock ? sql`for update of j` : sql``}`);

const deadLetterOf = (row: DeadRow): DeadLetter => ({
  id: row.id,
  task: row.task,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  lastError: row.last_error?.split("\n", 1)[0] ?? null,
  failedAt: new Date(row.failed_at),
  createdAt: new Date(row.created_at),
  study:
    row.simulation_id && row.status && row.project_id && row.company_id
      ? {
          id: row.simulation_id,
          part: row.part,
          status: row.status,
          projectId: row.project_id,
          companyId: row.company_id,
        }
      : null,
});

/** Whether a worker ever migrated the job queue's schema here (a fresh database has none: no jobs). */
async function queueExists(db: Executor): Promise<boolean> {
  const [row] = await db.execute<{ exists: boolean }>(
    sql`select to_regclass('graphile_worker._private_jobs') is not null as exists`,
  );
  return row?.exists === true;
}

/** Every dead letter, the latest failure first. */
export async function listDeadLetters(db: Executor): Promise<DeadLetter[]> {
  if (!(await queueExists(db))) return [];
  return (await deadRows(db, "all", false)).map(deadLetterOf);
}

export interface RetriedJob {
  id: string;
  task: string;
  /**
   * rescheduled: the same job runs again with its attempts reset; study_requeued: a part of a
   * spread study failed, so the study's own job is queued again (it queues the parts without a
   * stored result) and the dead part job is dropped.
   */
  action: "rescheduled" | "study_requeued";
  /** The study put back to queued (it had failed with the job), if any. */
  studyId: string | null;
}

/** Thrown for job ids that are not dead letters (unknown, still queued, running or done). */
export class NotDeadLetterError extends Error {
  override name = "NotDeadLetterError";
  readonly ids: string[];
  constructor(ids: string[]) {
    super(`not a failed job: ${ids.join(", ")} (see jobs failed)`);
    this.ids = ids;
  }
}

/** A study that failed with its job goes back to queued, so the job's task runs it again. */
async function requeueStudy(tx: Executor, simulationId: string): Promise<Simulation | undefined> {
  const [row] = await tx
    .update(simulations)
    .set({
      status: "queued",
      error: null,
      result: null,
      timings: null,
      progress: 0,
      progressMessage: null,
      startedAt: null,
      finishedAt: null,
    })
    .where(and(eq(simulations.id, simulationId), eq(simulations.status, "failed")))
    .returning();
  if (row)
    await notifyProgress(tx, {
      simulationId: row.id,
      projectId: row.projectId,
      status: "queued",
      progress: 0,
      message: null,
    });
  return row;
}

/**
 * Queues dead letters again, all in one transaction: `ids` (each must be a dead letter, else
 * nothing is done) or every one. A study job's failed study goes back to queued first, since its
 * task runs only queued studies; a failed part re-queues its study (see RetriedJob). A study no
 * longer failed (cancelled, run again and succeeded meanwhile) is left alone: its job, run again,
 * finds nothing to do.
 */
export async function retryDeadLetters(
  db: Database,
  ids: string[] | "all",
  sweepSlots: number,
): Promise<RetriedJob[]> {
  return db.transaction(async (tx) => {
    const rows = (await queueExists(tx)) ? await deadRows(tx, ids, true) : [];
    if (ids !== "all") {
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotDeadLetterError(missing);
    }
    const retried: RetriedJob[] = [];
    const reschedule: string[] = [];
    for (const row of rows) {
      const simulationId = row.simulation_id;
      const study = simulationId && (STUDY_TASKS.has(row.task) || PART_TASKS.has(row.task));
      const requeued = study ? await requeueStudy(tx, simulationId) : undefined;
      if (study && PART_TASKS.has(row.task)) {
        // The other parts' jobs ended when the study failed: only the study's own job queues
        // every part still without a result.
        if (requeued) await enqueueSimulation(tx, requeued, sweepSlots);
        await tx.execute(sql`select graphile_worker.complete_jobs(${bigintArray([row.id])}::bigint[])`);
        retried.push({ id: row.id, task: row.task, action: "study_requeued", studyId: requeued?.id ?? null });
        continue;
      }
      reschedule.push(row.id);
      retried.push({ id: row.id, task: row.task, action: "rescheduled", studyId: requeued?.id ?? null });
    }
    if (reschedule.length > 0)
      await tx.execute(sql`
        select graphile_worker.reschedule_jobs(${bigintArray(reschedule)}::bigint[], run_at := now(), attempts := 0)`);
    return retried;
  });
}
