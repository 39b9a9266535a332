// A study report's options and lifecycle names, shared by the worker that renders reports, the
// api that queues them, the web app's Reports page and `ampflux report`.

import { z } from "zod";

export const REPORT_PAPERS = ["A4", "Letter"] as const;
export type ReportPaper = (typeof REPORT_PAPERS)[number];

/** The document rendered: the PDF to sign, or the standalone HTML page of the same content. */
export const REPORT_FORMATS = ["pdf", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportOptionsSchema = z.strictObject({
  paper: z.enum(REPORT_PAPERS).default("A4"),
  /** Per-branch results (only when the study computed them: options.branches). */
  include_branches: z.boolean().default(false),
  format: z.enum(REPORT_FORMATS).default("pdf"),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;
export type ReportOptionsInput = z.input<typeof reportOptionsSchema>;

/** Who signs a report, in signing order. */
export const REPORT_APPROVAL_ROLES = ["prepared", "checked", "approved"] as const;
export type ReportApprovalRole = (typeof REPORT_APPROVAL_ROLES)[number];

/** A report job's state, as a worker task reports it. */
export const REPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
