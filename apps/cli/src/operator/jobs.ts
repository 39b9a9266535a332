// `ampflux jobs failed` and `ampflux jobs retry`: the worker's dead letters (jobs that used their
// last attempt), listed and queued again on DATABASE_URL directly (packages/db, dead-letters.ts).

import { parseSettings, SettingsError, sweepSettingsShape } from "@ampflux/contracts";
import { type DeadLetter, NotDeadLetterError } from "@ampflux/db";
import { z } from "zod";
import type { Command } from "../args.ts";
import { inputError, usageError } from "../errors.ts";

/** graphile-worker's job ids: bigints. */
const JOB_ID = /^\d{1,19}$/;

/** The jobs `jobs retry` names: its ids, or every dead letter with --all-failed (not both, not neither). */
export function retryTarget(command: Command): string[] | "all" {
  const ids = command.rest ?? [];
  const all = command.flags["all-failed"] === true;
  if (all && ids.length > 0) throw usageError("jobs retry: give job ids or --all-failed, not both");
  if (all) return "all";
  if (ids.length === 0)
    throw usageError("jobs retry: give the ids of failed jobs (see jobs failed) or --all-failed");
  const bad = ids.filter((id) => !JOB_ID.test(id));
  if (bad.length > 0)
    throw inputError(
      `job-id: ${bad.map((id) => `"${id}"`).join(", ")} is not a job id (a whole number; see jobs failed)`,
    );
  return [...new Set(ids)];
}

/** SWEEP_SLOTS_PER_COMPANY as the api and workers read it: a retried part re-queues its study in a sweep queue. */
export function sweepSlots(env: Record<string, string | undefined>): number {
  try {
    return parseSettings(z.object(sweepSettingsShape), env).SWEEP_SLOTS_PER_COMPANY;
  } catch (error) {
    if (error instanceof SettingsError) throw inputError(...error.problems);
    throw error;
  }
}

/** NotDeadLetterError as the one line the operator sees, naming the argument. */
export function describeRetryError(error: unknown): unknown {
  return error instanceof NotDeadLetterError ? inputError(`job-id: ${error.message}`) : error;
}

export const FAILED_HEADER = ["id", "task", "attempts", "failed at", "study", "project", "company", "error"];

export const failedRow = (job: DeadLetter): string[] => [
  job.id,
  job.task,
  `${job.attempts}/${job.maxAttempts}`,
  job.failedAt.toISOString().replace(/\.\d+Z$/, "Z"),
  job.study ? `${job.study.id}${job.study.part === null ? "" : ` part ${job.study.part}`}` : "",
  job.study?.projectId ?? "",
  job.study?.companyId ?? "",
  job.lastError ?? "",
];
