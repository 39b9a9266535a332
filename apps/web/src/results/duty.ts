import { compareDuty, type DutyCheck, type DutyStatus } from "@ampflux/contracts";

/**
 * How bad a status is, for an element's colour: a missing rating ranks above ok, since an
 * element whose other checks pass is still not shown to be rated for the fault.
 */
const SEVERITY: Record<DutyStatus, number> = { ok: 0, "missing rating": 1, warning: 2, overdutied: 3 };

/** The colour of each status on the diagram, the legend and the Duty tab. */
export const DUTY_COLOURS: Record<DutyStatus, string> = {
  ok: "#15803d",
  warning: "#d97706",
  overdutied: "#dc2626",
  "missing rating": "#7c3aed",
};

export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = {
  ok: "ok ≤ 90 %",
  warning: "warning 90–100 %",
  overdutied: "overdutied > 100 %",
  "missing rating": "missing rating",
};

/** The check that decides an element's colour: its worst status, then its highest percentage. */
export function worstByElement(checks: readonly DutyCheck[]): Map<string, DutyCheck> {
  const worst = new Map<string, DutyCheck>();
  for (const check of checks) {
    const current = worst.get(check.element);
    if (
      !current ||
      SEVERITY[check.status] > SEVERITY[current.status] ||
      (SEVERITY[check.status] === SEVERITY[current.status] && (check.percent ?? -1) > (current.percent ?? -1))
    )
      worst.set(check.element, check);
  }
  return worst;
}

export interface DutyFilter {
  /** Empty: every status. */
  statuses: ReadonlySet<DutyStatus>;
  /** "all", an element type ("bus", "line", …) or "switch:<kind>". */
  kind: string;
}

/** The kind filter's key of a check: switches by their kind, other elements by their type. */
export const kindKey = (check: DutyCheck) =>
  check.element_type === "switch" ? `switch:${check.kind ?? "circuit_breaker"}` : check.element_type;

/** The rows the Duty tab shows: filtered, worst first (compareDuty). */
export function visibleChecks(checks: readonly DutyCheck[], filter: DutyFilter): DutyCheck[] {
  return checks
    .filter((c) => filter.statuses.size === 0 || filter.statuses.has(c.status))
    .filter((c) => filter.kind === "all" || kindKey(c) === filter.kind)
    .sort(compareDuty);
}
