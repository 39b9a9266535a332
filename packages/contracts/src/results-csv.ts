// Study results as CSV. Every CSV of results (the command line, the web app's download, `ampflux
// results export`) is written here, so a column is in the same place whichever one made the file.

import type { ArcFlashResult } from "./arc-flash/results.ts";
import type { DutyCheck } from "./duty.ts";
import type { BranchFaultResult, BusFaultResult, LineFaultResult } from "./short-circuit.ts";

/** Per-bus columns of a short-circuit result, in the order every results CSV has them. */
export const BUS_CSV_COLUMNS = [
  "bus",
  "fed",
  "ikss_ka",
  "ip_ka",
  "ib_ka",
  "ith_ka",
  "skss_mva",
  "rk_ohm",
  "xk_ohm",
  "r0_ohm",
  "x0_ohm",
  "kappa",
  "ike_ka",
] as const satisfies readonly (keyof BusFaultResult)[];

/** The bus columns after "bus": the quantities at any fault point. */
const FAULT_POINT_CSV_COLUMNS = BUS_CSV_COLUMNS.filter(
  (column): column is Exclude<(typeof BUS_CSV_COLUMNS)[number], "bus"> => column !== "bus",
);

/** Faults along lines (options.line_faults): the bus columns after the line and the position. */
export const LINE_FAULT_CSV_COLUMNS = [
  "line",
  "position",
  "distance_km",
  ...FAULT_POINT_CSV_COLUMNS,
] as const satisfies readonly (keyof LineFaultResult)[];

/** Branch-end currents (a study with branches): one row per fault bus and branch end. */
export const BRANCH_CSV_COLUMNS = [
  "fault_bus",
  "branch",
  "branch_type",
  "bus",
  "ia_ka",
  "ib_ka",
  "ic_ka",
  "ikss_ka",
  "angle_deg",
  "toward_fault",
] as const satisfies readonly (keyof BranchFaultResult)[];

/** Duty checks: one row per element and check; notes joined with "; " (see dutyCsvRows). */
export const DUTY_CSV_COLUMNS = [
  "element",
  "element_type",
  "kind",
  "check",
  "bus",
  "value",
  "rating",
  "unit",
  "percent",
  "status",
  "fault",
  "case",
  "outage",
  "notes",
] as const satisfies readonly (keyof DutyCheck)[];

/** Duty checks as CSV rows: the notes list becomes one text field. */
export const dutyCsvRows = (checks: readonly DutyCheck[]) =>
  checks.map((check) => ({ ...check, notes: check.notes.join("; ") }));

/**
 * Arc-flash results: one row per bus in bus order; the lists (defaulted values, devices, notes)
 * become text fields joined with "; " (see arcFlashCsvRows).
 */
export const ARC_FLASH_CSV_COLUMNS = [
  "bus",
  "voc_kv",
  "status",
  "reason",
  "equipment",
  "config",
  "gap_mm",
  "distance_mm",
  "height_mm",
  "width_mm",
  "depth_mm",
  "enclosure",
  "cf",
  "ibf_ka",
  "iarc_ka",
  "time_ms",
  "e_j_cm2",
  "afb_mm",
  "iarc_min_ka",
  "time_min_ms",
  "e_min_j_cm2",
  "afb_min_mm",
  "governing",
  "energy_j_cm2",
  "energy_cal_cm2",
  "boundary_mm",
  "ppe_category",
  "ppe",
  "hazard",
  "limited_approach_mm",
  "restricted_approach_mm",
  "devices",
  "defaulted",
  "notes",
] as const satisfies readonly (keyof ArcFlashResult)[];

/** A device as one CSV word: "Q1 (found, 12.3 kA, 250 ms)"; no trip is "no trip". */
const deviceText = (d: ArcFlashResult["devices"][number]) =>
  `${d.switch} (${d.via}, ${d.current_ka.toPrecision(4)} kA, ${d.time_ms === null ? "no trip" : `${d.time_ms.toPrecision(4)} ms`})`;

/** Arc-flash results as CSV rows: devices, defaulted values and notes become one text field each. */
export const arcFlashCsvRows = (results: readonly ArcFlashResult[]) =>
  results.map((r) => ({
    ...r,
    devices: r.devices.map(deviceText).join("; "),
    defaulted: r.defaulted.join("; "),
    notes: r.notes.join("; "),
  }));

/**
 * Where a stored per-bus row's columns go when its shape is only known at run time: a batch
 * study's worst cases name the step that gave them (fault, case, outage) right after the bus.
 */
const STORED_ROW_ORDER: readonly string[] = ["bus", "fault", "case", "outage", ...BUS_CSV_COLUMNS.slice(1)];

/** RFC 4180: a field holding a comma, quote or line break is quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell's text: empty for a missing value (null is a bus no source feeds). */
export const plainCell = (value: unknown): string =>
  value === null || value === undefined ? "" : String(value);

/**
 * A header line and one line per row, each ending in "\n". `cell` writes a value as text (e.g.
 * with fixed decimals); the result is quoted here, so no caller writes its own quoting.
 */
export function writeCsv<Row extends object>(
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  cell: (value: unknown, column: string) => string = plainCell,
): string {
  const line = (fields: string[]) => `${fields.map(csvField).join(",")}\n`;
  return line([...columns]) + rows.map((row) => line(columns.map((c) => cell(row[c], c)))).join("");
}

/** The columns of stored rows (any shape): the known ones in the CSV order, then others by name. */
export function csvColumnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const rank = (column: string) => {
    const index = STORED_ROW_ORDER.indexOf(column);
    return index < 0 ? STORED_ROW_ORDER.length : index;
  };
  return Object.keys(rows[0] ?? {}).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The per-bus table of a stored study result (each bus of a short circuit, each bus's worst case
 * of a batch study) at full precision; undefined when the result has no such table (a load flow).
 */
export function storedBusTableCsv(kind: string, result: unknown): string | undefined {
  const rows = (result as Record<string, unknown> | null)?.[kind === "batch_study" ? "worst" : "buses"];
  return Array.isArray(rows) ? writeCsv(csvColumnsOf(rows), rows) : undefined;
}
