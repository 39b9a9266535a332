import { STUDY_KIND_LABELS, type StudyRequest } from "@ampflux/contracts";
import { formatDate } from "../lib/format.ts";
import type { StudyChoice } from "./GenerateReportForm.tsx";

interface StudySummary {
  id: string;
  kind: StudyRequest["kind"];
  version: number;
  status: string;
  createdAt: Date | string;
}

/** How a study is named on the Reports page: kind, network version and when it started. */
export const studyLabel = (s: StudySummary): string =>
  `${STUDY_KIND_LABELS[s.kind]} · v${s.version} · ${formatDate(s.createdAt)}`;

/**
 * The studies a report can be made of: only succeeded short-circuit and batch studies
 * (reports.create refuses the others: a load flow or an N-1 screening has no report).
 */
export const reportableStudies = (studies: readonly StudySummary[]): StudyChoice[] =>
  studies
    .filter((s) => s.status === "succeeded" && (s.kind === "short_circuit" || s.kind === "batch_study"))
    .map((s) => ({ id: s.id, label: studyLabel(s) }));
