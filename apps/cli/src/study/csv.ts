// CSV: one header row and one row per bus; with --branches a blank line, then the branch block.
// Columns and quoting are the contracts' (the same as every results CSV); numbers are rounded
// here to the digits the table shows.

import {
  BRANCH_CSV_COLUMNS,
  BUS_CSV_COLUMNS,
  plainCell,
  type ShortCircuitResult,
  writeCsv,
} from "@ampflux/contracts";
import { DIGITS, fixed } from "./numbers.ts";

/** Decimals of a column from its unit: currents in kA, powers in MVA, impedances, angles, κ. */
function digitsOf(column: string): number | undefined {
  if (column.endsWith("_ka")) return DIGITS.ka;
  if (column.endsWith("_mva")) return DIGITS.mva;
  if (column.endsWith("_ohm")) return DIGITS.ohm;
  if (column.endsWith("_deg")) return DIGITS.deg;
  if (column === "kappa") return DIGITS.ratio;
  return undefined;
}

function cell(value: unknown, column: string): string {
  const digits = digitsOf(column);
  return digits === undefined ? plainCell(value) : fixed(value as number | null, digits);
}

export function formatCsv(result: ShortCircuitResult): string {
  const buses = writeCsv(BUS_CSV_COLUMNS, result.buses, cell);
  if (!result.options.branches) return buses;
  return `${buses}\n${writeCsv(BRANCH_CSV_COLUMNS, result.branches, cell)}`;
}
