import {
  ARC_FLASH_CSV_COLUMNS,
  type ArcFlashResult,
  arcFlashCsvRows,
  BUS_CSV_COLUMNS,
  DUTY_CSV_COLUMNS,
  type DutyCheck,
  dutyCsvRows,
  type ShortCircuitResult,
  writeCsv,
} from "@ampflux/contracts";

/** The study's standard and options in one line: the comment every CSV the results panel writes starts with. */
export function studyDescription(result: ShortCircuitResult): string {
  const o = result.options;
  const c = [o.c_max !== undefined && `c_max ${o.c_max}`, o.c_min !== undefined && `c_min ${o.c_min}`]
    .filter(Boolean)
    .map((s) => `, ${s}`)
    .join("");
  const arc = o.arc_flash
    ? `, arc flash IEEE 1584-2018 ${o.arc_flash_max_duration_s === null ? "no duration cap" : `cap ${o.arc_flash_max_duration_s} s`}`
    : "";
  return `${result.standard}, fault ${o.fault}, case ${o.case}, kappa ${o.kappa_method}, tmin ${o.tmin_s} s, tk ${o.tk_s} s${c}${arc}`;
}

/** A CSV after one comment line (# …) saying what computed it. */
const commented = (comment: string, csv: string) => `# ${comment.replace(/\n/g, " ")}\n${csv}`;

/** Per-bus results as CSV (the columns of every results CSV), with the study's options in a comment line. */
export function resultsCsv(result: ShortCircuitResult): string {
  return commented(studyDescription(result), writeCsv(BUS_CSV_COLUMNS, result.buses));
}

/** Duty checks as CSV (the columns of every duty CSV) after a comment line saying what computed them. */
export function dutyCsv(comment: string, checks: readonly DutyCheck[]): string {
  return commented(comment, writeCsv(DUTY_CSV_COLUMNS, dutyCsvRows(checks)));
}

/** Duty checks as JSON: what computed them (standard, options, study), then the checks (field names of DutyCheck). */
export function dutyJson(provenance: Record<string, unknown>, checks: readonly DutyCheck[]): string {
  return JSON.stringify({ ...provenance, duty: checks }, null, 2);
}

/** Arc-flash results as CSV (the contract's arc-flash columns) after a comment line saying what computed them. */
export function arcFlashCsv(comment: string, results: readonly ArcFlashResult[]): string {
  return commented(comment, writeCsv(ARC_FLASH_CSV_COLUMNS, arcFlashCsvRows(results)));
}

/** Arc-flash results as JSON: what computed them, then the results (field names of ArcFlashResult). */
export function arcFlashJson(
  provenance: Record<string, unknown>,
  results: readonly ArcFlashResult[],
): string {
  return JSON.stringify({ ...provenance, arc_flash: results }, null, 2);
}
