// Duty evaluation: each rated element's short-circuit duty against its rating. The checks are
// computed by the engine (sim-wasm, duty kernels in Rust) with the study's currents; the
// clauses each check follows are in docs/duty.md.

import { z } from "zod";
import type { SwitchKind } from "./network/ratings.ts";
import type { FaultType, StudyCase } from "./short-circuit.ts";

/**
 * - breaking_sym: Ib (symmetrical breaking current at contact parting) vs breaking_ka.
 * - breaking_asym: √(Ib² + i_DC²) with i_DC by IEC 60909-0 eq. (64) at the opening time vs the
 *   rated asymmetrical breaking current breaking_ka·√(1 + 2·(DC%/100)²) (IEC 62271-100 §4.101.2).
 * - making: ip vs making_ka (IEC 62271-100 §4.103).
 * - short_time: Ith over tk vs short_time_ka scaled to tk by equal I²t (IEC 60909-0 §9.1, IEC 62271-1 §5.7).
 * - peak_withstand: a switchboard's ip vs peak_withstand_ka (IEC 61439-1 §9.3).
 * - busbar_short_time: a switchboard's Ith over tk vs short_time_ka scaled to tk (IEC 61439-1 §9.3).
 * - cable_thermal: Ith²·tk vs k²S² (IEC 60364-4-43 §434.5.2, IEC 60949 adiabatic).
 * - through_fault: a transformer's through current vs through_fault_ka scaled to tk (IEC 60076-5 §4.1).
 */
export const DUTY_CHECKS = [
  "breaking_sym",
  "breaking_asym",
  "making",
  "short_time",
  "peak_withstand",
  "busbar_short_time",
  "cable_thermal",
  "through_fault",
] as const;
export type DutyCheckName = (typeof DUTY_CHECKS)[number];

/** Which checks a switching device must pass, by kind; a switch without a kind counts as a circuit breaker. */
export const DUTY_CHECKS_BY_KIND = {
  circuit_breaker: ["breaking_sym", "breaking_asym", "making", "short_time"],
  switch_disconnector: ["making", "short_time"],
  disconnector: ["making", "short_time"],
  fuse: ["breaking_sym"],
  contactor: ["short_time"],
} as const satisfies Record<SwitchKind, readonly DutyCheckName[]>;

export const DUTY_STATUSES = ["ok", "warning", "overdutied", "missing rating"] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/** Above this percentage of its rating a check is a warning (≤ 90 % ok, 90–100 % warning, > 100 % overdutied). */
export const DUTY_WARNING_PERCENT = 90;

export function dutyStatus(percent: number | null): DutyStatus {
  if (percent === null) return "missing rating";
  if (percent > 100) return "overdutied";
  return percent > DUTY_WARNING_PERCENT ? "warning" : "ok";
}

/** The element collections that carry ratings, named as in a check's `element_type`. */
export const DUTY_ELEMENT_TYPES = ["switch", "bus", "line", "transformer"] as const;
export type DutyElementType = (typeof DUTY_ELEMENT_TYPES)[number];

/**
 * The current a device is checked against: `bus`, the total fault current at its bus
 * (conservative); `through`, the largest current through it for a fault on either side.
 */
export const DUTY_CURRENTS = ["bus", "through"] as const;
export type DutyCurrent = (typeof DUTY_CURRENTS)[number];

export const dutyOptionFields = {
  /** Evaluate every rated element's duty with the study's currents. */
  duty: z.boolean().default(false),
  duty_current: z.enum(DUTY_CURRENTS).default("bus"),
};

/** One check of one element. */
export interface DutyCheck {
  element: string;
  element_type: DutyElementType;
  /** The switch kind the check was chosen by (switches only). */
  kind?: SwitchKind;
  check: DutyCheckName;
  /** The bus whose fault gives `value`. */
  bus: string | null;
  /** The duty: kA, or kA²s for cable_thermal; null when no source feeds the bus. */
  value: number | null;
  /** The rating in the same unit; null: missing. */
  rating: number | null;
  unit: "kA" | "kA²s";
  /** value / rating · 100; null when either is missing. */
  percent: number | null;
  status: DutyStatus;
  /** Defaults used and why a rating is missing, e.g. "short_time_s defaulted to 1 s". */
  notes: string[];
  /** Where a batch or N-1 study found this worst value (absent in a single study). */
  fault?: FaultType;
  case?: StudyCase;
  outage?: string | null;
}

/** Counts per status, for summaries and the Duty tab's header. */
export type DutySummary = Record<DutyStatus, number>;

export function dutySummary(checks: readonly DutyCheck[]): DutySummary {
  const summary: DutySummary = { ok: 0, warning: 0, overdutied: 0, "missing rating": 0 };
  for (const check of checks) summary[check.status]++;
  return summary;
}

/** Worst first: overdutied by percent, then warnings, ok, and missing ratings last. */
export function compareDuty(a: DutyCheck, b: DutyCheck): number {
  return (
    (b.percent ?? -1) - (a.percent ?? -1) ||
    a.element.localeCompare(b.element) ||
    a.check.localeCompare(b.check)
  );
}
