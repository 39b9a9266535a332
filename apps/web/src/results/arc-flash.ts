// What the Arc flash tab, the diagram and the labels make of the engine's per-bus results: the
// band a bus falls in (NFPA 70E PPE categories by incident energy), counts, sorting, label data.

import {
  ARC_FLASH_BOUNDARY_CAL_CM2,
  type ArcFlashLabel,
  type ArcFlashLabelStudy,
  type ArcFlashResult,
  type ArcFlashStatus,
  arcFlashLabel,
} from "@ampflux/contracts";

/**
 * Where a bus's incident energy falls: below 1.2 cal/cm² (no arc-rated PPE needed), PPE
 * category 1–4 (NFPA 70E Table 130.7(C)(15)(c)), above 40 cal/cm² (danger: no category), or no
 * number (out of range, missing data, no device, unfed).
 */
export const ARC_FLASH_BANDS = ["below", "ppe1", "ppe2", "ppe3", "ppe4", "danger", "none"] as const;
export type ArcFlashBand = (typeof ARC_FLASH_BANDS)[number];

/** The colour of each band on the diagram, the legend and the tab: rising heat, black for danger, grey for no number. */
export const ARC_FLASH_COLOURS: Record<ArcFlashBand, string> = {
  below: "#15803d",
  ppe1: "#ca8a04",
  ppe2: "#ea580c",
  ppe3: "#dc2626",
  ppe4: "#9f1239",
  danger: "#111827",
  none: "#94a3b8",
};

export const ARC_FLASH_BAND_LABELS: Record<ArcFlashBand, string> = {
  below: `< ${ARC_FLASH_BOUNDARY_CAL_CM2} cal/cm²`,
  ppe1: "PPE 1 ≤ 4",
  ppe2: "PPE 2 ≤ 8",
  ppe3: "PPE 3 ≤ 25",
  ppe4: "PPE 4 ≤ 40",
  danger: "danger > 40",
  none: "no number",
};

/** The band of one result, from the engine's PPE category and energy (the category is the engine's, not recomputed). */
export function arcFlashBand(result: ArcFlashResult): ArcFlashBand {
  if (result.status !== "ok" || result.energy_cal_cm2 === null) return "none";
  if (result.ppe_category !== null) return `ppe${result.ppe_category}`;
  return result.energy_cal_cm2 < ARC_FLASH_BOUNDARY_CAL_CM2 ? "below" : "danger";
}

export type ArcFlashSummary = Record<ArcFlashBand, number> &
  Record<Exclude<ArcFlashStatus, "ok">, number> & { total: number };

/** Buses per band, and per reason for those without a number. */
export function arcFlashSummary(results: readonly ArcFlashResult[]): ArcFlashSummary {
  const summary = {
    total: results.length,
    ...Object.fromEntries(ARC_FLASH_BANDS.map((b) => [b, 0])),
    out_of_range: 0,
    missing_data: 0,
    no_device: 0,
    unfed: 0,
  } as ArcFlashSummary;
  for (const result of results) {
    summary[arcFlashBand(result)] += 1;
    if (result.status !== "ok") summary[result.status] += 1;
  }
  return summary;
}

/** Columns the table sorts by. */
export const ARC_FLASH_SORT_KEYS = ["bus", "voc_kv", "ibf_ka", "energy_cal_cm2", "boundary_mm"] as const;
export type ArcFlashSortKey = (typeof ARC_FLASH_SORT_KEYS)[number];
export interface ArcFlashSort {
  key: ArcFlashSortKey;
  descending: boolean;
}

/** Highest energy first: the table's first view. */
export const DEFAULT_ARC_FLASH_SORT: ArcFlashSort = { key: "energy_cal_cm2", descending: true };

/**
 * Rows sorted by a column; buses without the value (no number) stay last in either direction, in
 * bus order, so the rows needing attention do not hide between the numbers.
 */
export function sortArcFlash(results: readonly ArcFlashResult[], sort: ArcFlashSort): ArcFlashResult[] {
  const sign = sort.descending ? -1 : 1;
  const collator = new Intl.Collator("en", { numeric: true });
  return [...results].sort((a, b) => {
    if (sort.key === "bus") return sign * collator.compare(a.bus, b.bus);
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y) || collator.compare(a.bus, b.bus);
  });
}

/** The ids of the switches that cleared a bus, with how each was chosen. */
export function devicesText(result: ArcFlashResult): string {
  return result.devices.map((d) => (d.via === "set" ? `${d.switch} (set)` : d.switch)).join(", ");
}

/** What the labels say about the study: the project, the network and its version, and the date. */
export function labelStudy(input: {
  project: string;
  network: string;
  version: number | null;
  dirty: boolean;
  date: Date;
}): ArcFlashLabelStudy {
  const version =
    input.version === null ? "unsaved" : `v${input.version}${input.dirty ? " with unsaved changes" : ""}`;
  return {
    project: input.project,
    network: `${input.network} ${version}`,
    study_date: localIsoDate(input.date),
  };
}

/** The date as the user's calendar shows it (not UTC's), YYYY-MM-DD. */
const localIsoDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** A label for each bus with a number, in the given order; bus names from the network where known. */
export function arcFlashLabels(
  results: readonly ArcFlashResult[],
  study: ArcFlashLabelStudy,
  busNames: ReadonlyMap<string, string>,
): ArcFlashLabel[] {
  return results.flatMap((r) => arcFlashLabel(r, study, busNames.get(r.bus)) ?? []);
}
