import { formatDate } from "../lib/format.ts";
import type { StudyChoice } from "./GenerateReportForm.tsx";

interface StudySummary {
  id: string;
  kind: "short_circuit" | "batch_study";
  version: number;
  status: string;
  createdAt: Date | string;
}

const kindLabel = { short_circuit: "Short-circuit study", batch_study: "Batch study" } as const;

/** How a study is named on the Reports page: kind, network version and when it started. */
export const studyLabel = (s: StudySummary): string =>
  `${kindLabel[s.kind]} · v${s.version} · ${formatDate(s.createdAt)}`;

/** The studies a report can be made of: only succeeded ones (reports.create refuses the others). */
export const reportableStudies = (studies: readonly StudySummary[]): StudyChoice[] =>
  studies.filter((s) => s.status === "succeeded").map((s) => ({ id: s.id, label: studyLabel(s) }));
