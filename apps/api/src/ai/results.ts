// Reading stored study results, whichever kind of study produced them: a short-circuit study
// has a row per bus (`buses`), a batch study a worst-case row per bus, fault and case (`worst`).

import type { ContextStudy } from "./project-data.ts";

export interface FaultRow {
  bus: string;
  ikss_ka: number | null;
  ip_ka?: number | null;
  ib_ka?: number | null;
  skss_mva?: number | null;
  /** Batch rows only: which fault, case and outage the worst value came from. */
  fault?: string;
  case?: string;
  outage?: string | null;
}

interface StoredResult {
  buses?: FaultRow[];
  worst?: FaultRow[];
  warnings?: Array<{ message: string }>;
}

export const faultRows = (result: unknown): FaultRow[] =>
  (result as StoredResult | null)?.buses ?? (result as StoredResult | null)?.worst ?? [];

export const resultWarnings = (result: unknown): string[] =>
  ((result as StoredResult | null)?.warnings ?? []).map((w) => w.message);

/** The rows with the highest I''k first; unfed buses (null) are left out. */
export function highestFaultCurrents(rows: FaultRow[], count: number): FaultRow[] {
  return rows
    .filter((row) => row.ikss_ka !== null)
    .sort((a, b) => (b.ikss_ka ?? 0) - (a.ikss_ka ?? 0))
    .slice(0, count);
}

/** "3ph max" for a short-circuit study, "batch (3ph, 1ph × max, min)" for a sweep. */
export function describeStudy(study: Pick<ContextStudy, "kind" | "options">): string {
  const options = study.options as { fault?: string; case?: string; faults?: string[]; cases?: string[] };
  if (study.kind === "batch_study")
    return `batch (${options.faults?.join(", ")} × ${options.cases?.join(", ")})`;
  return `${options.fault} ${options.case}`;
}

/** Four significant digits: what an engineer reads, and what the model should cite. */
export const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? "n/a" : String(Number(value.toPrecision(4)));

export function describeFaultRow(row: FaultRow): string {
  const parts = [`I''k ${fmt(row.ikss_ka)} kA`];
  if (row.ip_ka !== undefined) parts.push(`ip ${fmt(row.ip_ka)} kA`);
  if (row.ib_ka !== undefined) parts.push(`Ib ${fmt(row.ib_ka)} kA`);
  if (row.skss_mva !== undefined) parts.push(`S''k ${fmt(row.skss_mva)} MVA`);
  const origin = row.fault ? ` (${row.fault} ${row.case}${row.outage ? `, ${row.outage} out` : ""})` : "";
  return `bus ${row.bus}: ${parts.join(", ")}${origin}`;
}
