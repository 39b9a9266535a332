// The data_exports table as a job ledger shared by the api (request, list, download) and the
// worker (claim, progress, store), like reports.ts: one definition of each state change.

import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { createNotification, enqueueEmail } from "./notifications.ts";
import { dataExports } from "./schema/lifecycle.ts";

export type DataExport = typeof dataExports.$inferSelect;
export type DataExportKind = DataExport["kind"];

/** The worker task that builds each kind of archive. */
export const EXPORT_TASKS = { user: "export_user", company: "export_company" } as const satisfies Record<
  DataExportKind,
  string
>;
export const EXPORT_MAX_ATTEMPTS = 3;
/** How long a finished archive can be downloaded; then the hourly cleanup deletes it. */
export const EXPORT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Queues building an export in the caller's transaction (the job runs once it commits). */
export async function enqueueExport(tx: Executor, exportId: string, kind: DataExportKind): Promise<void> {
  await tx.execute(sql`
    select graphile_worker.add_job(
      ${EXPORT_TASKS[kind]},
      json_build_object('exportId', ${exportId}::text),
      job_key := ${`export:${exportId}`},
      max_attempts := ${EXPORT_MAX_ATTEMPTS}
    )`);
}

export type ClaimedExport = Pick<DataExport, "id" | "kind" | "companyId" | "requestedBy">;

/** queued → running; undefined when the export is gone or already finished (a repeated job). */
export async function claimExport(db: Executor, id: string): Promise<ClaimedExport | undefined> {
  const [claimed] = await db
    .update(dataExports)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, ["queued", "running"])))
    .returning({
      id: dataExports.id,
      kind: dataExports.kind,
      companyId: dataExports.companyId,
      requestedBy: dataExports.requestedBy,
    });
  return claimed;
}

/** Records the progress of a running export (the web page polls it). */
export async function reportExportProgress(
  db: Executor,
  id: string,
  progress: number,
  message: string,
): Promise<void> {
  await db
    .update(dataExports)
    .set({ progress, progressMessage: message })
    .where(and(eq(dataExports.id, id), eq(dataExports.status, "running")));
}

export type ExportOutcome = { status: "done"; archive: Uint8Array } | { status: "failed"; message: string };

/**
 * Stores the outcome of a running export once and tells its requester (in the app, and by email
 * when `email` is on), all in one transaction.
 */
export async function finishExport(
  db: Executor,
  claimed: ClaimedExport,
  outcome: ExportOutcome,
  delivery: { email: boolean },
  now = new Date(),
): Promise<boolean> {
  const done = await db
    .update(dataExports)
    .set({
      status: outcome.status,
      ...(outcome.status === "done"
        ? {
            archive: outcome.archive,
            size: outcome.archive.byteLength,
            expiresAt: new Date(now.getTime() + EXPORT_LINK_LIFETIME_MS),
            error: null,
          }
        : { error: { message: outcome.message } }),
      progress: 1,
      progressMessage: null,
      finishedAt: now,
    })
    .where(and(eq(dataExports.id, claimed.id), eq(dataExports.status, "running")))
    .returning({ expiresAt: dataExports.expiresAt });
  const [row] = done;
  if (!row) return false;
  const what = claimed.kind === "company" ? "The company export" : "Your data export";
  const notification = await createNotification(db, {
    userId: claimed.requestedBy,
    companyId: claimed.companyId,
    kind: outcome.status === "done" ? "export_ready" : "export_failed",
    title: outcome.status === "done" ? `${what} is ready` : `${what} failed`,
    body:
      outcome.status === "done"
        ? `Download it before ${row.expiresAt?.toISOString().slice(0, 16).replace("T", " ")} UTC.`
        : outcome.message,
  });
  if (delivery.email) await enqueueEmail(db, notification.id);
  return true;
}

/** Drops the archives whose link expired (the rows stay, as a record of the export). */
export async function expireExports(db: Executor, now = new Date()): Promise<number> {
  const expired = await db
    .update(dataExports)
    .set({ archive: null })
    .where(and(lt(dataExports.expiresAt, now), isNotNull(dataExports.archive)))
    .returning({ id: dataExports.id });
  return expired.length;
}
