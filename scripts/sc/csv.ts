// CSV: one header row and one row per bus; with --branches a blank line, then the branch block.

import type { BranchFaultResult, BusFaultResult, ShortCircuitResult } from "@ampflux/contracts";
import { DIGITS, fixed } from "./numbers.ts";

type Columns<T> = [header: string, cell: (row: T) => string][];

const ka = (v: number | null) => fixed(v, DIGITS.ka);
const ohm = (v: number | null) => fixed(v, DIGITS.ohm);

const BUS_COLUMNS: Columns<BusFaultResult> = [
  ["bus", (b) => b.bus],
  ["fed", (b) => String(b.fed)],
  ["ikss_ka", (b) => ka(b.ikss_ka)],
  ["ip_ka", (b) => ka(b.ip_ka)],
  ["ib_ka", (b) => ka(b.ib_ka)],
  ["ith_ka", (b) => ka(b.ith_ka)],
  ["skss_mva", (b) => fixed(b.skss_mva, DIGITS.mva)],
  ["rk_ohm", (b) => ohm(b.rk_ohm)],
  ["xk_ohm", (b) => ohm(b.xk_ohm)],
  ["r0_ohm", (b) => ohm(b.r0_ohm)],
  ["x0_ohm", (b) => ohm(b.x0_ohm)],
  ["kappa", (b) => fixed(b.kappa, DIGITS.ratio)],
  ["ike_ka", (b) => ka(b.ike_ka)],
];

const BRANCH_COLUMNS: Columns<BranchFaultResult> = [
  ["fault_bus", (r) => r.fault_bus],
  ["branch", (r) => r.branch],
  ["branch_type", (r) => r.branch_type],
  ["bus", (r) => r.bus],
  ["ia_ka", (r) => ka(r.ia_ka)],
  ["ib_ka", (r) => ka(r.ib_ka)],
  ["ic_ka", (r) => ka(r.ic_ka)],
  ["ikss_ka", (r) => ka(r.ikss_ka)],
  ["angle_deg", (r) => fixed(r.angle_deg, DIGITS.deg)],
];

/** RFC 4180: quote fields holding a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvBlock<T>(columns: Columns<T>, rows: T[]): string[] {
  const line = (fields: string[]) => fields.map(csvField).join(",");
  return [
    line(columns.map(([header]) => header)),
    ...rows.map((row) => line(columns.map(([, cell]) => cell(row)))),
  ];
}

export function formatCsv(result: ShortCircuitResult): string {
  const lines = csvBlock(BUS_COLUMNS, result.buses);
  if (result.options.branches) lines.push("", ...csvBlock(BRANCH_COLUMNS, result.branches));
  return `${lines.join("\n")}\n`;
}
