import {
  BUS_CSV_COLUMNS,
  DUTY_CSV_COLUMNS,
  type DutyCheck,
  dutyCsvRows,
  type ShortCircuitResult,
  writeCsv,
} from "@ampflux/contracts";

/** The study's options as the first line of every CSV the results panel writes. */
function optionsComment(result: ShortCircuitResult): string {
  const o = result.options;
  const c = [o.c_max !== undefined && `c_max ${o.c_max}`, o.c_min !== undefined && `c_min ${o.c_min}`]
    .filter(Boolean)
    .map((s) => `, ${s}`)
    .join("");
  return `# ${result.standard}, fault ${o.fault}, case ${o.case}, kappa ${o.kappa_method}, tmin ${o.tmin_s} s, tk ${o.tk_s} s${c}\n`;
}

/** Per-bus results as CSV (the columns of every results CSV), with the study's options in a comment line. */
export function resultsCsv(result: ShortCircuitResult): string {
  return optionsComment(result) + writeCsv(BUS_CSV_COLUMNS, result.buses);
}

/** Duty checks as CSV (the columns of every duty CSV), with the options and the duty current in the comment. */
export function dutyCsv(result: ShortCircuitResult, checks: readonly DutyCheck[]): string {
  const comment = optionsComment(result).replace(/\n$/, `, duty current ${result.options.duty_current}\n`);
  return comment + writeCsv(DUTY_CSV_COLUMNS, dutyCsvRows(checks));
}

/** Duty checks as JSON: the standard and options they were computed with, then the checks (field names of DutyCheck). */
export function dutyJson(result: ShortCircuitResult, checks: readonly DutyCheck[]): string {
  return JSON.stringify({ standard: result.standard, options: result.options, duty: checks }, null, 2);
}
