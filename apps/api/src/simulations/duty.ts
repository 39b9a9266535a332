// A stored study's duty checks (docs/duty.md), as simulations.duty and the assistant's tool read
// them: filtered, worst first, with counts per status.

import {
  compareDuty,
  DUTY_ELEMENT_TYPES,
  DUTY_STATUSES,
  type DutyCheck,
  type DutySummary,
  dutySummary,
  SWITCH_KINDS,
} from "@ampflux/contracts";
import { z } from "zod";

/** Each filter keeps the checks whose field is one of the values given; none given keeps all. */
export const dutyFilterSchema = z.object({
  status: z.array(z.enum(DUTY_STATUSES)).max(DUTY_STATUSES.length).optional(),
  element_type: z.array(z.enum(DUTY_ELEMENT_TYPES)).max(DUTY_ELEMENT_TYPES.length).optional(),
  /** Switch kinds; checks of buses, lines and transformers have no kind and are left out by it. */
  kind: z.array(z.enum(SWITCH_KINDS)).max(SWITCH_KINDS.length).optional(),
});
export type DutyFilter = z.infer<typeof dutyFilterSchema>;

const kept = <T>(wanted: readonly T[] | undefined, value: T | undefined) =>
  !wanted?.length || (value !== undefined && wanted.includes(value));

export interface DutyView {
  /** Counts per status over every check of the study, whatever the filters. */
  summary: DutySummary;
  /** How many checks the study has, and how many passed the filters. */
  total: number;
  matching: number;
  /** The checks that pass the filters, worst first. */
  checks: DutyCheck[];
}

export function dutyView(checks: readonly DutyCheck[], filter: DutyFilter, limit = Infinity): DutyView {
  const matching = checks
    .filter(
      (check) =>
        kept(filter.status, check.status) &&
        kept(filter.element_type, check.element_type) &&
        kept(filter.kind, check.kind),
    )
    .sort(compareDuty);
  return {
    summary: dutySummary(checks),
    total: checks.length,
    matching: matching.length,
    checks: matching.slice(0, limit),
  };
}
