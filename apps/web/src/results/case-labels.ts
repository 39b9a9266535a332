import type { BusFaultResult, FaultType, StudyCase } from "@ampflux/contracts";
import { formatKa } from "../lib/format.ts";

/** Ik''max or Ik''min: IEC 60909-0 §4 names the current after the case it was computed for. */
export const ikssLabel = (studyCase: StudyCase) => `Ik''${studyCase}`;

/** Earth faults (1-phase, 2-phase to earth) drive an earth current 3·I0 (IEC 60909-0 §4.2, Table 1). */
export const hasEarthCurrent = (fault: FaultType) => fault === "1ph" || fault === "2ph_earth";

/**
 * The toolbar's one figure of the live study: in the maximum case the largest Ik''max (the
 * equipment's duty), in the minimum case the smallest Ik''min (the protection's sensitivity).
 * Unfed buses count as neither.
 */
export function caseSummary(buses: readonly BusFaultResult[], studyCase: StudyCase): string {
  const fed = buses.map((b) => b.ikss_ka).filter((v): v is number => v !== null && v > 0);
  if (fed.length === 0) return "";
  return studyCase === "max"
    ? `largest ${ikssLabel("max")} ${formatKa(Math.max(...fed))} kA`
    : `smallest ${ikssLabel("min")} ${formatKa(Math.min(...fed))} kA`;
}
