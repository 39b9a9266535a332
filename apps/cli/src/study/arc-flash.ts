// Arc flash (--arc-flash) as text: a table per bus in bus order, each bus's reason, defaulted
// values and notes below it, a count per status with the highest energy, and the CSV block. The
// results are the engine's (result.arc_flash); a bus without a number is a finding, not an
// error, so none of this changes the exit code.

import {
  ARC_FLASH_CSV_COLUMNS,
  ARC_FLASH_STATUSES,
  type ArcFlashDevice,
  type ArcFlashResult,
  arcFlashCsvRows,
  plainCell,
  writeCsv,
} from "@ampflux/contracts";
import { fixed } from "./numbers.ts";
import type { Column } from "./table.ts";

const NONE = "–";
/** kA to 3 decimals as elsewhere; kV 3, ms 1, cal/cm² and J/cm² 2, mm 0, CF 3. */
const DIGITS = { ka: 3, kv: 3, ms: 1, energy: 2, mm: 0, ratio: 3 } as const;

const ka = (v: number | null) => fixed(v, DIGITS.ka, NONE);
const ms = (v: number | null) => fixed(v, DIGITS.ms, NONE);

/** "Q1 12.3 kA 250 ms": the device, its current and time for the full arcing current. */
const deviceCell = (d: ArcFlashDevice) =>
  `${d.switch}${d.via === "set" ? " (set)" : ""} ${ka(d.current_ka)} kA ${d.time_ms === null ? "no trip" : `${ms(d.time_ms)} ms`}`;

export const ARC_FLASH_COLUMNS: Column<ArcFlashResult>[] = [
  { title: "bus", text: true, cell: (r) => r.bus },
  { title: "status", text: true, cell: (r) => r.status },
  { title: "Voc kV", cell: (r) => fixed(r.voc_kv, DIGITS.kv, NONE) },
  { title: "Ibf kA", cell: (r) => ka(r.ibf_ka) },
  { title: "Iarc kA", cell: (r) => ka(r.iarc_ka) },
  { title: "t ms", cell: (r) => ms(r.time_ms) },
  { title: "Iarc,min kA", cell: (r) => ka(r.iarc_min_ka) },
  { title: "tmin ms", cell: (r) => ms(r.time_min_ms) },
  { title: "E cal/cm²", cell: (r) => fixed(r.energy_cal_cm2, DIGITS.energy, NONE) },
  { title: "AFB mm", cell: (r) => fixed(r.boundary_mm, DIGITS.mm, NONE) },
  {
    title: "PPE",
    text: true,
    // NFPA 70E category; "none" below 1.2 cal/cm², "DANGER" above 40 (no category covers it).
    cell: (r) =>
      r.ppe_category !== null
        ? String(r.ppe_category)
        : r.ppe === null
          ? NONE
          : r.hazard === "danger"
            ? "DANGER"
            : "none",
  },
  { title: "governing", text: true, cell: (r) => r.governing ?? NONE },
  {
    title: "devices",
    text: true,
    cell: (r) => (r.devices.length === 0 ? NONE : r.devices.map(deviceCell).join(", ")),
  },
];

/** Per bus: why there is no number, what was defaulted and what a reviewer must see. */
export function arcFlashNotes(results: readonly ArcFlashResult[]): string[] {
  return results.flatMap((r) => [
    ...(r.reason ? [`${r.bus}: ${r.status}: ${r.reason}`] : []),
    ...(r.ppe !== null && r.ppe_category === null ? [`${r.bus}: ${r.ppe}`] : []),
    ...r.notes.map((note) => `${r.bus}: ${note}`),
    ...(r.defaulted.length > 0 ? [`${r.bus}: defaulted ${r.defaulted.join("; ")}`] : []),
  ]);
}

/** "arc flash: 5 ok, 1 out_of_range (6 buses); highest 24.24 cal/cm² at swgr (PPE category 3)". */
export function arcFlashSummaryLine(results: readonly ArcFlashResult[]): string {
  const counts = ARC_FLASH_STATUSES.map(
    (status) => [status, results.filter((r) => r.status === status).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const worst = results.reduce<ArcFlashResult | undefined>(
    (top, r) => ((r.energy_cal_cm2 ?? -1) > (top?.energy_cal_cm2 ?? -1) ? r : top),
    undefined,
  );
  const highest =
    worst?.energy_cal_cm2 === null || worst === undefined
      ? ""
      : `; highest ${fixed(worst.energy_cal_cm2, DIGITS.energy)} cal/cm² at ${worst.bus} (${worst.ppe})`;
  return `arc flash: ${counts.join(", ") || "no buses"} (${results.length} bus${results.length === 1 ? "" : "es"})${highest}`;
}

function digitsOf(column: string): number | undefined {
  if (column.endsWith("_ka")) return DIGITS.ka;
  if (column.endsWith("_kv")) return DIGITS.kv;
  if (column.endsWith("_ms")) return DIGITS.ms;
  if (column.endsWith("_cm2")) return DIGITS.energy;
  if (column === "cf") return DIGITS.ratio;
  return undefined;
}

/** Millimetres as given (inputs) or to 0.1 mm (boundaries): both keep what matters. */
function csvCell(value: unknown, column: string): string {
  const digits = digitsOf(column);
  if (digits !== undefined) return fixed(value as number | null, digits);
  if (column.endsWith("_mm") && typeof value === "number") return String(Math.round(value * 10) / 10);
  return plainCell(value);
}

/** The arc-flash CSV: ARC_FLASH_CSV_COLUMNS, one row per bus in bus order. */
export const arcFlashCsv = (results: readonly ArcFlashResult[]) =>
  writeCsv(ARC_FLASH_CSV_COLUMNS, arcFlashCsvRows(results), csvCell);
