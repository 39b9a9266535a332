// Human-readable output: a title, aligned columns with units, warnings and the timing line.

import type {
  BranchFaultResult,
  BusFaultResult,
  LineFaultResult,
  ShortCircuitResult,
} from "@ampflux/contracts";
import { ARC_FLASH_COLUMNS, arcFlashNotes, arcFlashSummaryLine } from "./arc-flash.ts";
import { DUTY_COLUMNS, dutySummaryLine, worstFirst } from "./duty.ts";
import { DIGITS, fixed, rOverX } from "./numbers.ts";
import { summaryLine, warningLines } from "./summary.ts";

const NONE = "–";

export interface Column<T> {
  title: string;
  /** Text columns are left-aligned, numbers right-aligned. */
  text?: boolean;
  cell: (row: T) => string;
}

const ka = (v: number | null) => fixed(v, DIGITS.ka, NONE);
const earthFault = (result: ShortCircuitResult) => ["1ph", "2ph_earth"].includes(result.options.fault);

/** The computed quantities at a fault point, bus or line. */
function faultColumns<T extends Omit<BusFaultResult, "bus">>(result: ShortCircuitResult): Column<T>[] {
  const columns: Column<T>[] = [
    { title: "Ik'' kA", cell: (b) => ka(b.ikss_ka) },
    { title: "ip kA", cell: (b) => ka(b.ip_ka) },
    { title: "Ib kA", cell: (b) => ka(b.ib_ka) },
    { title: "Ith kA", cell: (b) => ka(b.ith_ka) },
    { title: "Sk'' MVA", cell: (b) => fixed(b.skss_mva, DIGITS.mva, NONE) },
    { title: "R/X", cell: (b) => fixed(rOverX(b.rk_ohm, b.xk_ohm), DIGITS.ratio, NONE) },
    { title: "κ", cell: (b) => fixed(b.kappa, DIGITS.ratio, NONE) },
  ];
  if (earthFault(result)) columns.push({ title: "IkE kA", cell: (b) => ka(b.ike_ka) });
  return columns;
}

const busColumns = (result: ShortCircuitResult): Column<BusFaultResult>[] => [
  { title: "bus", text: true, cell: (b) => b.bus },
  ...faultColumns<BusFaultResult>(result),
];

const lineFaultColumns = (result: ShortCircuitResult): Column<LineFaultResult>[] => [
  { title: "line", text: true, cell: (f) => f.line },
  { title: "at %", cell: (f) => fixed(100 * f.position, 1, NONE) },
  { title: "from bus km", cell: (f) => fixed(f.distance_km, DIGITS.ratio, NONE) },
  ...faultColumns<LineFaultResult>(result),
];

const BRANCH_COLUMNS: Column<BranchFaultResult>[] = [
  { title: "fault bus", text: true, cell: (r) => r.fault_bus },
  { title: "branch", text: true, cell: (r) => r.branch },
  { title: "type", text: true, cell: (r) => r.branch_type },
  { title: "at bus", text: true, cell: (r) => r.bus },
  { title: "Ia kA", cell: (r) => ka(r.ia_ka) },
  { title: "Ib kA", cell: (r) => ka(r.ib_ka) },
  { title: "Ic kA", cell: (r) => ka(r.ic_ka) },
  { title: "Ik'' kA", cell: (r) => ka(r.ikss_ka) },
  { title: "angle °", cell: (r) => fixed(r.angle_deg, DIGITS.deg, NONE) },
];

/**
 * Characters as a terminal counts them (code points): the UTF-16 length less one per low
 * surrogate. Counted in place: spreading each of ~100,000 cells into an array was most of
 * the table's time on a 10,000-bus network.
 */
function width(text: string): number {
  let n = text.length;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0xdc00 && unit <= 0xdfff) n--;
  }
  return n;
}

/** Pads every cell to its column's widest entry, two spaces between columns. */
export function alignColumns<T>(columns: Column<T>[], rows: T[]): string[] {
  const cells = [columns.map((c) => c.title), ...rows.map((row) => columns.map((c) => c.cell(row)))];
  const widths = columns.map(() => 0);
  for (const line of cells)
    line.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  const pad = (cell: string, i: number) => {
    const fill = " ".repeat((widths[i] ?? 0) - width(cell));
    return columns[i]?.text ? cell + fill : fill + cell;
  };
  return cells.map((line) => line.map(pad).join("  ").trimEnd());
}

function title(result: ShortCircuitResult): string {
  const o = result.options;
  return (
    `${result.standard}: ${o.fault} fault, ${o.case} case, κ method ${o.kappa_method}, ` +
    `tmin ${o.tmin_s} s, tk ${o.tk_s} s` +
    (o.r_fault_ohm !== 0 || o.x_fault_ohm !== 0
      ? `, through Zf = ${o.r_fault_ohm} ${o.x_fault_ohm < 0 ? "−" : "+"} j${Math.abs(o.x_fault_ohm)} Ω (not IEC 60909: bolted faults only)`
      : "")
  );
}

export function formatTable(result: ShortCircuitResult): string {
  const lines = [title(result), "", ...alignColumns(busColumns(result), result.buses)];
  if (result.options.branches && result.branches.length > 0)
    lines.push("", ...alignColumns(BRANCH_COLUMNS, result.branches));
  if (result.line_faults) {
    lines.push("", "Faults along lines", ...alignColumns(lineFaultColumns(result), result.line_faults));
    const branches = result.line_faults.flatMap((f) => f.branches);
    if (branches.length > 0) lines.push("", ...alignColumns(BRANCH_COLUMNS, branches));
  }
  if (result.duty) {
    lines.push("", "Duty (worst first)", ...alignColumns(DUTY_COLUMNS, worstFirst(result.duty)));
    lines.push("", dutySummaryLine(result.duty));
  }
  if (result.arc_flash) {
    lines.push("", "Arc flash (IEEE 1584-2018)", ...alignColumns(ARC_FLASH_COLUMNS, result.arc_flash));
    const notes = arcFlashNotes(result.arc_flash);
    if (notes.length > 0) lines.push("", ...notes);
    lines.push("", arcFlashSummaryLine(result.arc_flash));
  }
  const warnings = warningLines(result);
  if (warnings.length > 0) lines.push("", ...warnings);
  lines.push("", summaryLine(result));
  return `${lines.join("\n")}\n`;
}
