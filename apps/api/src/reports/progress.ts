// Live report progress, the way study progress works: the reports' rows as a RowProgressHub
// (progress/row-progress-hub.ts) on the channel the worker NOTIFYs.

import {
  type DbClient,
  type Executor,
  REPORT_PROGRESS_CHANNEL,
  type Report,
  type ReportProgressEvent,
  reports,
} from "@ampflux/db";
import { and, eq, inArray } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import { type ProgressRows, RowProgressHub, watchRowProgress } from "../progress/row-progress-hub.ts";

const TERMINAL: ReadonlySet<Report["status"]> = new Set(["done", "failed"]);

const progressColumns = {
  reportId: reports.id,
  projectId: reports.projectId,
  status: reports.status,
  progress: reports.progress,
  message: reports.progressMessage,
};

const reportRows: ProgressRows<ReportProgressEvent> = {
  label: "report progress",
  channel: REPORT_PROGRESS_CHANNEL,
  idKey: "reportId",
  statuses: new Set(["queued", "running", ...TERMINAL]),
  isTerminal: (status) => TERMINAL.has(status),
  read: (db, ids) => db.select(progressColumns).from(reports).where(inArray(reports.id, ids)),
  readOne: async (db, projectId, id) =>
    (
      await db
        .select(progressColumns)
        .from(reports)
        .where(and(eq(reports.id, id), eq(reports.projectId, projectId)))
    )[0],
  notFound: "report not found",
};

export class ReportProgressHub extends RowProgressHub<ReportProgressEvent> {
  constructor(database: DbClient, log: Logger) {
    super(database, log, reportRows);
  }
}

/** A report's state, then each change, until done or failed, or until `signal` aborts. */
export const watchReportProgress = (
  hub: ReportProgressHub,
  db: Executor,
  projectId: string,
  reportId: string,
  signal: AbortSignal | undefined,
) => watchRowProgress(hub, db, projectId, reportId, signal);
