// A stored study's arc-flash results (docs/arc-flash.md), as simulations.arcFlash and the
// assistant's tool read them: filtered, in bus order or highest energy first, with counts per
// status and per PPE category over every bus of the study.

import { ARC_FLASH_STATUSES, type ArcFlashResult, type ArcFlashStatus } from "@ampflux/contracts";
import { z } from "zod";

export const ARC_FLASH_SORTS = ["bus", "energy"] as const;

/** Each filter keeps the buses that pass it; none given keeps all. */
export const arcFlashFilterSchema = z.object({
  status: z.array(z.enum(ARC_FLASH_STATUSES)).max(ARC_FLASH_STATUSES.length).optional(),
  /** Only these buses (ids). */
  buses: z.array(z.string().min(1)).max(1_000).optional(),
  /** Only buses with at least this incident energy (cal/cm²); buses without a number are left out by it. */
  min_energy_cal_cm2: z.number().min(0).max(1_000).optional(),
  /** bus: the network's bus order (default); energy: highest energy first, buses without a number last. */
  sort: z.enum(ARC_FLASH_SORTS).default("bus"),
});
export type ArcFlashFilter = z.infer<typeof arcFlashFilterSchema>;
export type ArcFlashFilterInput = z.input<typeof arcFlashFilterSchema>;

export interface ArcFlashSummary {
  /** Buses per status. */
  statuses: Record<ArcFlashStatus, number>;
  /**
   * Buses with a number per PPE level: "none" below 1.2 cal/cm², "1"–"4" the NFPA 70E
   * categories, "above_40" where no category covers the energy (danger).
   */
  ppe: Record<"none" | "1" | "2" | "3" | "4" | "above_40", number>;
  /** The bus with the highest incident energy; null when no bus has a number. */
  highest: { bus: string; energy_cal_cm2: number; ppe: string | null } | null;
}

export interface ArcFlashView {
  summary: ArcFlashSummary;
  /** Buses in the study, and how many passed the filters. */
  total: number;
  matching: number;
  results: ArcFlashResult[];
}

function ppeKey(r: ArcFlashResult): keyof ArcFlashSummary["ppe"] | undefined {
  if (r.energy_cal_cm2 === null) return undefined;
  if (r.ppe_category !== null) return String(r.ppe_category) as "1" | "2" | "3" | "4";
  return r.hazard === "danger" ? "above_40" : "none";
}

export function arcFlashSummary(results: readonly ArcFlashResult[]): ArcFlashSummary {
  const statuses = Object.fromEntries(ARC_FLASH_STATUSES.map((s) => [s, 0])) as Record<
    ArcFlashStatus,
    number
  >;
  const ppe: ArcFlashSummary["ppe"] = { none: 0, "1": 0, "2": 0, "3": 0, "4": 0, above_40: 0 };
  let highest: ArcFlashResult | undefined;
  for (const r of results) {
    statuses[r.status]++;
    const key = ppeKey(r);
    if (key) ppe[key]++;
    if (r.energy_cal_cm2 !== null && r.energy_cal_cm2 > (highest?.energy_cal_cm2 ?? -1)) highest = r;
  }
  return {
    statuses,
    ppe,
    highest:
      highest?.energy_cal_cm2 == null
        ? null
        : { bus: highest.bus, energy_cal_cm2: highest.energy_cal_cm2, ppe: highest.ppe },
  };
}

export function arcFlashView(
  results: readonly ArcFlashResult[],
  filter: ArcFlashFilter,
  limit = Infinity,
): ArcFlashView {
  const buses = filter.buses?.length ? new Set(filter.buses) : undefined;
  const minimum = filter.min_energy_cal_cm2;
  const matching = results.filter(
    (r) =>
      (!filter.status?.length || filter.status.includes(r.status)) &&
      (!buses || buses.has(r.bus)) &&
      (minimum === undefined || (r.energy_cal_cm2 !== null && r.energy_cal_cm2 >= minimum)),
  );
  // Array.prototype.sort is stable: equal energies (and the buses without one) keep bus order.
  if (filter.sort === "energy")
    matching.sort(
      (a, b) =>
        (b.energy_cal_cm2 ?? Number.NEGATIVE_INFINITY) - (a.energy_cal_cm2 ?? Number.NEGATIVE_INFINITY),
    );
  return {
    summary: arcFlashSummary(results),
    total: results.length,
    matching: matching.length,
    results: matching.slice(0, limit),
  };
}
