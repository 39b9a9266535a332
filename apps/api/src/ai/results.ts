// Reading stored study results, whichever kind of study produced them: a short-circuit study
// has a row per bus (`buses`), a batch study a worst-case row per bus, fault and case (`worst`);
// a load flow has no fault rows (get_load_flow_results reads it).

import {
  type BusFaultResult,
  isBatchStudyResult,
  isLoadFlowResult,
  isOutageScreeningResult,
  type OutageScreeningBus,
  type StudyOptions,
  type StudyResult,
  type WorstCase,
} from "@ampflux/contracts";
import type { ContextStudy } from "./project-data.ts";

/** A bus row of a short-circuit study, a worst-case row of a batch study or of an N-1 screening. */
export type FaultRow = BusFaultResult | WorstCase | OutageScreeningBus;

export const faultRows = (result: StudyResult | null | undefined): FaultRow[] =>
  !result || isLoadFlowResult(result) ? [] : isBatchStudyResult(result) ? result.worst : result.buses;

export const resultWarnings = (result: StudyResult | null | undefined): string[] =>
  !result || isBatchStudyResult(result)
    ? []
    : isOutageScreeningResult(result)
      ? result.not_screened.map((s) => `not screened: ${s.element}: ${s.reason}`)
      : isLoadFlowResult(result)
        ? result.warnings
        : result.warnings.map((w) => w.message);

/** The rows with the highest I''k first; unfed buses (null) are left out. */
export function highestFaultCurrents(rows: FaultRow[], count: number): FaultRow[] {
  return rows
    .filter((row) => row.ikss_ka !== null)
    .sort((a, b) => (b.ikss_ka ?? 0) - (a.ikss_ka ?? 0))
    .slice(0, count);
}

/** "3ph max" for a short-circuit study, "batch (3ph, 1ph × max, min)" for a sweep. */
export function describeStudy(study: Pick<ContextStudy, "kind" | "options">): string {
  const options: StudyOptions = study.options;
  if ("faults" in options) return `batch (${options.faults.join(", ")} × ${options.cases.join(", ")})`;
  if ("algorithm" in options) return `load flow (${options.algorithm})`;
  if ("outages" in options) return `N-1 screening ${options.fault} ${options.case}`;
  return `${options.fault} ${options.case}`;
}

/** Four significant digits: what an engineer reads, and what the model should cite. */
export const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? "n/a" : String(Number(value.toPrecision(4)));

export function describeFaultRow(row: FaultRow): string {
  // An N-1 screening's row has I''k only: the worst over the outages, and the one that gives it.
  if ("base_ikss_ka" in row)
    return `bus ${row.bus}: worst I''k ${fmt(row.ikss_ka)} kA (${row.outage ? `${row.outage} out` : "intact network"}; intact ${fmt(row.base_ikss_ka)} kA)`;
  const parts = [`I''k ${fmt(row.ikss_ka)} kA`, `ip ${fmt(row.ip_ka)} kA`, `Ib ${fmt(row.ib_ka)} kA`];
  if ("skss_mva" in row) parts.push(`S''k ${fmt(row.skss_mva)} MVA`);
  const origin =
    "fault" in row ? ` (${row.fault} ${row.case}${row.outage ? `, ${row.outage} out` : ""})` : "";
  return `bus ${row.bus}: ${parts.join(", ")}${origin}`;
}
