// The reports table as a job ledger shared by the api (create, approve) and the worker
// (claim, progress, store): one definition of each state change, like simulations.ts.

import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { type reportApprovals, reports } from "./schema/reports.ts";
import { canonicalJson } from "./simulations.ts";

export type Report = typeof reports.$inferSelect;
export type ReportApprovalRole = (typeof reportApprovals.$inferSelect)["role"];

/** The worker task that renders a report. */
export const REPORT_TASK = "generate_report";
export const REPORT_MAX_ATTEMPTS = 3;

/** The standards whose methods a report's numbers follow (part of its content hash). */
export const REPORT_STANDARDS = ["IEC 60909-0:2016", "IEEE 1584-2018"] as const;

export interface ReportInputs {
  /** The circuit version's document, as stored (defaults filled in). */
  document: unknown;
  /** The study's options, as stored. */
  studyOptions: unknown;
  /** The engine that computed the numbers, e.g. "sim-wasm abi 6": a new engine outdates reports. */
  engine: string;
}

/**
 * SHA-256 of a canonical JSON (sorted keys) of what a report's numbers depend on. The version's
 * id is left out on purpose: a new version with the same document does not outdate a report.
 */
export function reportContentHash(inputs: ReportInputs): string {
  const canonical = canonicalJson({
    document: inputs.document,
    studyOptions: inputs.studyOptions,
    engine: inputs.engine,
    standards: REPORT_STANDARDS,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** Postgres NOTIFY channel of report progress (same event shape as a study's, keyed by report). */
export const REPORT_PROGRESS_CHANNEL = "report_progress";

export interface ReportProgressEvent {
  reportId: string;
  projectId: string;
  status: Report["status"];
  /** Fraction done, 0..1. */
  progress: number;
  message: string | null;
}

/** Sends a progress event (in the caller's transaction, if any: delivered at commit). */
export async function notifyReportProgress(db: Executor, event: ReportProgressEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${REPORT_PROGRESS_CHANNEL}, ${JSON.stringify(event)})`);
}

/**
 * Queues a rendering in the caller's transaction. The job key is the report's id, so a second
 * request while one is queued (two approvals in a row) renders once, with both signatures.
 */
export async function enqueueReport(tx: Executor, reportId: string): Promise<void> {
  await tx.execute(sql`
    select graphile_worker.add_job(
      ${REPORT_TASK},
      json_build_object('reportId', ${reportId}::text),
      job_key := ${`report:${reportId}`},
      max_attempts := ${REPORT_MAX_ATTEMPTS}
    )`);
}

/** queued → running; undefined when the report is gone or already finished (a repeated job). */
export async function claimReport(
  db: Executor,
  id: string,
): Promise<Pick<Report, "id" | "projectId"> | undefined> {
  const [claimed] = await db
    .update(reports)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(and(eq(reports.id, id), inArray(reports.status, ["queued", "running"])))
    .returning({ id: reports.id, projectId: reports.projectId });
  return claimed;
}

/** Records progress of a running report and notifies listeners. */
export async function reportReportProgress(
  db: Executor,
  report: Pick<Report, "id" | "projectId">,
  progress: number,
  message: string,
): Promise<void> {
  const updated = await db
    .update(reports)
    .set({ progress, progressMessage: message })
    .where(and(eq(reports.id, report.id), eq(reports.status, "running")))
    .returning({ id: reports.id });
  if (updated.length === 0) return;
  await notifyReportProgress(db, {
    reportId: report.id,
    projectId: report.projectId,
    status: "running",
    progress,
    message,
  });
}

export type ReportOutcome =
  | { status: "done"; pdf: Uint8Array; html: string; timings: Record<string, number> }
  | { status: "failed"; error: { message: string; [detail: string]: unknown } };

/** Stores the outcome of a running report once, with its terminal progress event. */
export async function finishReport(
  db: Executor,
  report: Pick<Report, "id" | "projectId">,
  outcome: ReportOutcome,
): Promise<boolean> {
  const done = await db
    .update(reports)
    .set({
      status: outcome.status,
      ...(outcome.status === "done"
        ? {
            pdf: outcome.pdf,
            html: outcome.html,
            size: outcome.pdf.byteLength,
            timings: outcome.timings,
            error: null,
          }
        : { error: outcome.error }),
      progress: 1,
      progressMessage: null,
      finishedAt: new Date(),
    })
    .where(and(eq(reports.id, report.id), eq(reports.status, "running")))
    .returning({ id: reports.id });
  if (done.length === 0) return false;
  await notifyReportProgress(db, {
    reportId: report.id,
    projectId: report.projectId,
    status: outcome.status,
    progress: 1,
    message: null,
  });
  return true;
}
