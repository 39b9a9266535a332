// What a batch study keeps of its steps: per bus, fault and case the worst of each current, and
// per rated element and check the worst duty with the step that produced it.

import {
  type BusFaultResult,
  compareDuty,
  type DutyCheck,
  type FaultType,
  type StudyCase,
  type WorstCase,
} from "@ampflux/contracts";

/** One step of the sweep: a fault type and case on the base network or with one branch out. */
export interface Step {
  fault: FaultType;
  case: StudyCase;
  outage: string | null;
}

/**
 * Is `candidate` worse than `current` for this case? An unfed bus is the worst minimum. Ties
 * (within rounding) keep the earlier step, so an outage that changes nothing is not blamed.
 */
export function worse(studyCase: StudyCase, candidate: number | null, current: number | null): boolean {
  const margin = 1e-9 * Math.abs(current ?? 0);
  if (studyCase === "max") return (candidate ?? -1) > (current ?? -1) + margin;
  if (current === null) return false;
  return candidate === null || candidate < current - margin;
}

const CURRENTS = ["ip_ka", "ib_ka", "ith_ka"] as const;

/**
 * Folds one step's bus results into the worst cases. I''k decides the step a row names
 * (`outage`); ip, Ib and Ith each keep their own worst, which another step may give (a
 * contingency that lowers I''k can raise R/X and so κ and ip).
 */
export function mergeBusWorst(worst: Map<string, WorstCase>, buses: BusFaultResult[], step: Step): void {
  for (const b of buses) {
    const key = `${b.bus}\n${step.fault}\n${step.case}`;
    const current = worst.get(key);
    if (!current) {
      worst.set(key, {
        bus: b.bus,
        ...step,
        ikss_ka: b.ikss_ka,
        ip_ka: b.ip_ka,
        ib_ka: b.ib_ka,
        ith_ka: b.ith_ka,
      });
      continue;
    }
    if (worse(step.case, b.ikss_ka, current.ikss_ka)) {
      current.ikss_ka = b.ikss_ka;
      current.outage = step.outage;
    }
    for (const name of CURRENTS) if (worse(step.case, b[name], current[name])) current[name] = b[name];
  }
}

const dutyKey = (check: DutyCheck) => `${check.element_type}\n${check.element}\n${check.check}`;

/**
 * Folds one max-case step's duty checks in: per element and check the highest value (the
 * rating is the element's, the same in every step), with the fault, case and outage that gave it.
 */
export function mergeDutyWorst(
  worst: Map<string, DutyCheck>,
  checks: readonly DutyCheck[],
  step: Step,
): void {
  for (const check of checks) {
    const key = dutyKey(check);
    const current = worst.get(key);
    if (!current || worse("max", check.value, current.value)) worst.set(key, { ...check, ...step });
  }
}

/** The kept checks, worst first. */
export const worstDuty = (worst: Map<string, DutyCheck>): DutyCheck[] =>
  [...worst.values()].sort(compareDuty);
