// CSV: one header row and one row per bus; with --branches a blank line, then the branch block;
// with --line-fault a block of line faults (and their branch ends);
// with --duty a blank line, then the duty checks; with --arc-flash a blank line, then one row per bus.
// Columns and quoting are the contracts' (the same as every results CSV); numbers are rounded
// here to the digits the table shows.

import {
  BRANCH_CSV_COLUMNS,
  BUS_CSV_COLUMNS,
  LINE_FAULT_CSV_COLUMNS,
  plainCell,
  type ShortCircuitResult,
  writeCsv,
} from "@ampflux/contracts";
import { arcFlashCsv } from "./arc-flash.ts";
import { dutyCsv } from "./duty.ts";
import { DIGITS, fixed } from "./numbers.ts";

/** Decimals of a column from its unit: currents in kA, powers in MVA, impedances, angles, κ. */
function digitsOf(column: string): number | undefined {
  if (column.endsWith("_ka")) return DIGITS.ka;
  if (column.endsWith("_mva")) return DIGITS.mva;
  if (column.endsWith("_ohm")) return DIGITS.ohm;
  if (column.endsWith("_deg")) return DIGITS.deg;
  if (column === "kappa" || column === "position" || column === "distance_km") return DIGITS.ratio;
  return undefined;
}

function cell(value: unknown, column: string): string {
  const digits = digitsOf(column);
  return digits === undefined ? plainCell(value) : fixed(value as number | null, digits);
}

/**
 * Blocks separated by a blank line: buses, branch ends (--branches), faults along lines
 * (--line-fault) and their branch ends, duty checks (--duty), arc flash (--arc-flash).
 */
export function formatCsv(result: ShortCircuitResult): string {
  const blocks = [writeCsv(BUS_CSV_COLUMNS, result.buses, cell)];
  if (result.options.branches && result.branches.length > 0)
    blocks.push(writeCsv(BRANCH_CSV_COLUMNS, result.branches, cell));
  if (result.line_faults) {
    blocks.push(writeCsv(LINE_FAULT_CSV_COLUMNS, result.line_faults, cell));
    if (result.options.branches)
      blocks.push(
        writeCsv(
          BRANCH_CSV_COLUMNS,
          result.line_faults.flatMap((f) => f.branches),
          cell,
        ),
      );
  }
  if (result.duty) blocks.push(dutyCsv(result.duty));
  if (result.arc_flash) blocks.push(arcFlashCsv(result.arc_flash));
  return blocks.join("\n");
}
