// Builds an export archive (docs/accounts-lifecycle.md): claims the data_exports row, writes the
// zip with progress on the row (the web page polls it), stores it with its link expiry and tells
// the requester (in the app, by email when email is on). A company or account that is gone fails
// the export at once; anything else retries with graphile-worker's backoff, then fails it.

import { claimExport, type Database, finishExport, reportExportProgress } from "@ampflux/db";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { buildCompanyArchive, ExportInputError, type Progress } from "../exports/company-archive.ts";
import type { TaskDeps } from "./study.ts";

const payloadSchema = z.object({ exportId: z.uuid() });

/** What builds one kind of archive: the claimed export's company or requester goes in. */
export type ArchiveBuilder = (
  db: Database,
  claimed: { companyId: string; requestedBy: string },
  progress: Progress,
) => Promise<Uint8Array>;

export const exportTask =
  (deps: TaskDeps, build: ArchiveBuilder): Task =>
  async (payload, helpers) => {
    const { exportId } = payloadSchema.parse(payload);
    const claimed = await claimExport(deps.db, exportId);
    // Gone, or already finished by an earlier run of a repeated job.
    if (!claimed) return;
    const delivery = { email: deps.mailer !== undefined };
    try {
      const archive = await build(deps.db, claimed, (fraction, message) =>
        reportExportProgress(deps.db, exportId, fraction, message),
      );
      await finishExport(deps.db, claimed, { status: "done", archive }, delivery);
      helpers.logger.info(`export ${exportId} (${claimed.kind}) done: ${archive.byteLength} bytes`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const { attempts, max_attempts } = helpers.job;
      if (!(error instanceof ExportInputError) && attempts < max_attempts) throw error;
      await finishExport(deps.db, claimed, { status: "failed", message }, delivery);
    }
  };

export const exportCompanyTask = (deps: TaskDeps): Task =>
  exportTask(deps, (db, claimed, progress) => buildCompanyArchive(db, claimed.companyId, progress));
