// N-1 screening of short-circuit currents: every branch outage (or a chosen set) against every
// bus, the worst current per bus and the outage that causes it (docs/short-circuit.md, "N-1").

import { z } from "zod";
import { FAULT_TYPES, STUDY_CASES } from "./fault-types.ts";
import type { NetworkDocument } from "./network/document.ts";

/** Faults the screening covers: all four, with Z(2) = Z(1) (no machine's own negative-sequence data). */
export const OUTAGE_SCREENING_FAULTS = FAULT_TYPES;

/** Branch kinds an outage set can be drawn from. */
export const OUTAGE_KINDS = ["line", "transformer", "impedance", "transformer3w"] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

export const outageScreeningOptionsSchema = z.strictObject({
  fault: z.enum(OUTAGE_SCREENING_FAULTS).default("3ph"),
  /** max: the highest current per bus (duty); min: the lowest (protection sensitivity). */
  case: z.enum(STUDY_CASES).default("max"),
  /**
   * Which extreme per bus is reported: by default the highest current in the maximum case
   * (duty) and the lowest in the minimum case (sensitivity); either may be asked for.
   */
  worst: z.enum(["highest", "lowest"]).optional(),
  /** The outages: every in-service branch ("all"), or the listed element ids. */
  outages: z.union([z.literal("all"), z.array(z.string().min(1)).min(1).max(100_000)]).default("all"),
  /** Only branches of these kinds (all kinds when omitted). */
  kinds: z.array(z.enum(OUTAGE_KINDS)).min(1).optional(),
  /** Only branches with an end at a nominal voltage within [min_kv, max_kv]. */
  min_kv: z.number().positive().optional(),
  max_kv: z.number().positive().optional(),
  /** Table 1 overrides and LV tolerance, as in a study. */
  lv_tolerance_percent: z.literal([6, 10]).default(10),
  c_max: z.number().min(0.8).max(1.2).optional(),
  c_min: z.number().min(0.8).max(1.2).optional(),
});

export type OutageScreeningOptions = z.infer<typeof outageScreeningOptionsSchema>;
export type OutageScreeningOptionsInput = z.input<typeof outageScreeningOptionsSchema>;

export interface OutageScreeningBus {
  bus: string;
  /** The worst I''k over the base case and every outage (kA); null where no source feeds. */
  ikss_ka: number | null;
  /** The outage (element id) that gives it; null when the base case is the worst. */
  outage: string | null;
  /** I''k of the intact network (kA). */
  base_ikss_ka: number | null;
}

export interface OutageSummary {
  outage: string;
  kind: OutageKind;
  /** The largest change of I''k at any bus still fed, relative to the intact network (%). */
  largest_change_percent: number;
  /** Where that change is; null when nothing changed. */
  at_bus: string | null;
  /** Buses the outage leaves without a source. */
  unfed_buses: number;
}

export interface OutageScreeningResult {
  standard: "IEC 60909-0:2016";
  options: OutageScreeningOptions;
  buses: OutageScreeningBus[];
  outages: OutageSummary[];
  /** Branches in the set that were not screened, and why. */
  not_screened: { element: string; reason: string }[];
  timings: Record<string, number>;
}

/**
 * One part of a screening spread over workers, as it is stored for the fan-in: per bus only the
 * part's worst current and which of its outages gives it. Every part computes the same bus ids
 * and intact currents; the merging part takes them from its own result (parts stored before
 * 2026-12-03 carry them in the first part's `buses`, which the merge ignores).
 */
export interface OutageScreeningPart {
  /** Per bus, in the document's order: the worst I''k over the intact network and this part's outages (kA). */
  worst_ikss_ka: (number | null)[];
  /** Per bus: the index in `outages` of the outage giving it; −1 for the intact network. */
  worst_outage: number[];
  outages: OutageSummary[];
  not_screened: OutageScreeningResult["not_screened"];
  timings: Record<string, number>;
}

/** One outage's own effect at every bus: I''k with it and without it (details on demand). */
export interface OutageDetail {
  standard: "IEC 60909-0:2016";
  options: OutageScreeningOptions;
  outage: string;
  kind: OutageKind;
  /** Unfed: no source feeds the bus with the branch out (ikss_ka null). */
  buses: {
    bus: string;
    ikss_ka: number | null;
    base_ikss_ka: number | null;
    /** (with − intact) / intact, in %; null where either is missing or the intact current is 0. */
    change_percent: number | null;
    /**
     * Peak, breaking (tmin 0.1 s) and thermal (tk 1 s) currents with the branch out, κ by method
     * C: from a full re-solve of this outage, since the screening's rank-1 update gives I''k only.
     */
    ip_ka: number | null;
    ib_ka: number | null;
    ith_ka: number | null;
  }[];
}

/** (with − intact) / intact in %; null where either current is missing or the intact one is 0. */
export function changePercent(withOutage: number | null, intact: number | null): number | null {
  if (withOutage === null || intact === null || intact === 0) return null;
  return (100 * (withOutage - intact)) / intact;
}

/** The document's collections an outage set may name. */
export const OUTAGE_COLLECTIONS = ["lines", "transformers", "impedances", "transformers3w"] as const;

/** The ids an outage set may name: the document's lines, transformers, impedances and three-winding transformers. */
export function outageBranchIds(doc: NetworkDocument): Set<string> {
  return new Set(OUTAGE_COLLECTIONS.flatMap((key) => doc[key].map((b) => b.id)));
}
