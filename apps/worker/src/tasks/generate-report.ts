// Renders one study report (issue 20; docs/reports-lifecycle.md): loads the study, its network version,
// the previous report of the circuit and the signatures, builds the StudyReportModel and renders
// HTML and PDF with @ampflux/reports, reporting progress the way studies do (a row update and a
// NOTIFY per step). A report that cannot be made fails at once; anything else retries with
// graphile-worker's backoff, then fails the report.

import {
  claimReport,
  type Database,
  finishReport,
  type ReportOutcome,
  reportReportProgress,
} from "@ampflux/db";
import { buildReportModel, renderReportHtml, renderReportPdf } from "@ampflux/reports";
import { type LabelFonts, loadLabelFont } from "@ampflux/reports/node";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { loadReport, ReportInputError } from "../reports/load.ts";
import { reportSources } from "../reports/sources.ts";
import type { TaskDeps } from "./study.ts";

const payloadSchema = z.object({ reportId: z.uuid() });

/** DejaVu Sans, read once per process (about 1 MB). */
let fonts: Promise<LabelFonts> | undefined;
const reportFonts = () => {
  fonts ??= loadLabelFont().catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return fonts;
};

async function render(db: Database, reportId: string): Promise<ReportOutcome | undefined> {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark);
    mark = now;
  };
  const loaded = await loadReport(db, reportId);
  if (!loaded) return undefined;
  const step = (progress: number, message: string) =>
    reportReportProgress(db, loaded.report, progress, message);
  lap("load");
  await step(0.2, "assembling the report");
  const model = buildReportModel(reportSources(loaded, new Date()));
  lap("model");
  const { paper } = loaded.report.options;
  await step(0.3, "rendering the HTML page");
  const html = renderReportHtml(model, { paper });
  lap("html");
  await step(0.5, "rendering the PDF");
  const pdf = await renderReportPdf(model, { paper, ...(await reportFonts()) });
  lap("pdf");
  await step(0.9, "storing the documents");
  return { status: "done", pdf, html, timings };
}

export const generateReportTask =
  (deps: TaskDeps): Task =>
  async (payload, helpers) => {
    const { reportId } = payloadSchema.parse(payload);
    const where = await claimReport(deps.db, reportId);
    // Gone (deleted) or already finished by an earlier run of a repeated job.
    if (!where) return;
    try {
      await reportReportProgress(deps.db, where, 0.05, "loading the study");
      const outcome = await render(deps.db, reportId);
      if (outcome) await finishReport(deps.db, where, outcome);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Bad inputs, and the renderers' refusals (a model of another version, an unknown paper).
      if (error instanceof ReportInputError || error instanceof RangeError) {
        await finishReport(deps.db, where, { status: "failed", error: { message } });
        return;
      }
      const { attempts, max_attempts } = helpers.job;
      if (attempts < max_attempts) throw error;
      await finishReport(deps.db, where, { status: "failed", error: { message, attempts } });
    }
  };
