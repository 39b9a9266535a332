import { BUS_CSV_COLUMNS, type ShortCircuitResult, writeCsv } from "@ampflux/contracts";

/** Per-bus results as CSV (the columns of every results CSV), with the study's options in a comment line. */
export function resultsCsv(result: ShortCircuitResult): string {
  const o = result.options;
  const comment = `# ${result.standard}, fault ${o.fault}, case ${o.case}, kappa ${o.kappa_method}, tmin ${o.tmin_s} s, tk ${o.tk_s} s\n`;
  return comment + writeCsv(BUS_CSV_COLUMNS, result.buses);
}
