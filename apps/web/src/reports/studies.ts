import { formatDate } from "../lib/format.ts";
import type { StudyChoice } from "./GenerateReportForm.tsx";

interface StudySummary {
  id: string;
  kind: "short_circuit" | "batch_study" | "load_flow";
  version: number;
  status: string;
  createdAt: Date | string;
}

const kindLabel = {
  short_circuit: "Short-circuit study",
  batch_study: "Batch study",
  load_flow: "Load flow",
} as const;

/** How a study is named on the Reports page: kind, network version and when it started. */
export const studyLabel = (s: StudySummary): string =>
  `${kindLabel[s.kind]} · v${s.version} · ${formatDate(s.createdAt)}`;

/**
 * The studies a report can be made of: only succeeded short-circuit and batch studies
 * (reports.create refuses the others; a load flow has no report).
 */
export const reportableStudies = (studies: readonly StudySummary[]): StudyChoice[] =>
  studies
    .filter((s) => s.status === "succeeded" && s.kind !== "load_flow")
    .map((s) => ({ id: s.id, label: studyLabel(s) }));
