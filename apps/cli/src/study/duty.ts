// Duty checks (--duty) as text: a table worst first, the counts per status, and the CSV block.
// The checks themselves are the engine's (result.duty); a check that fails its rating is a
// finding to print, not an error, so none of this changes the exit code.

import {
  compareDuty,
  DUTY_CSV_COLUMNS,
  type DutyCheck,
  type DutyStatus,
  dutyCsvRows,
  dutySummary,
  plainCell,
  writeCsv,
} from "@ampflux/contracts";
import { fixed } from "./numbers.ts";
import type { Column } from "./table.ts";

const NONE = "–";
/** Duties and ratings in kA or kA²s to the table's current digits; percentages to 0.1 %. */
const DIGITS = { value: 3, percent: 1 } as const;

export const DUTY_COLUMNS: Column<DutyCheck>[] = [
  { title: "element", text: true, cell: (c) => c.element },
  { title: "type", text: true, cell: (c) => c.element_type },
  { title: "check", text: true, cell: (c) => c.check },
  { title: "bus", text: true, cell: (c) => c.bus ?? NONE },
  { title: "value", cell: (c) => fixed(c.value, DIGITS.value, NONE) },
  { title: "rating", cell: (c) => fixed(c.rating, DIGITS.value, NONE) },
  { title: "unit", text: true, cell: (c) => c.unit },
  { title: "%", cell: (c) => fixed(c.percent, DIGITS.percent, NONE) },
  { title: "status", text: true, cell: (c) => c.status },
  /** Defaults used and why a rating is missing: what the engineer has to confirm. */
  { title: "notes", text: true, cell: (c) => c.notes.join("; ") },
];

/** Worst first (compareDuty), whatever order the checks came in. */
export const worstFirst = (checks: readonly DutyCheck[]) => [...checks].sort(compareDuty);

/** The summary names the findings first, as the table lists them. */
const SUMMARY_ORDER = ["overdutied", "warning", "ok", "missing rating"] as const satisfies DutyStatus[];

/** "duty: 1 overdutied, 2 warning, 40 ok, 3 missing rating (46 checks)". */
export function dutySummaryLine(checks: readonly DutyCheck[]): string {
  const summary = dutySummary(checks);
  const counts = SUMMARY_ORDER.map((status) => `${summary[status]} ${status}`);
  return `duty: ${counts.join(", ")} (${checks.length} check${checks.length === 1 ? "" : "s"})`;
}

function csvCell(value: unknown, column: string): string {
  if (column === "value" || column === "rating") return fixed(value as number | null, DIGITS.value);
  if (column === "percent") return fixed(value as number | null, DIGITS.percent);
  return plainCell(value);
}

/** The duty CSV: DUTY_CSV_COLUMNS, one row per check worst first, numbers as the table rounds them. */
export const dutyCsv = (checks: readonly DutyCheck[]) =>
  writeCsv(DUTY_CSV_COLUMNS, dutyCsvRows(worstFirst(checks)), csvCell);
