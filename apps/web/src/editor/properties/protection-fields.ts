// A switch's protection in the properties panel: its fields (contracts' switchProtectionSchema)
// and the curve points' text form, one "kA ms" pair per line as on a fuse's datasheet.

import type { FieldSpec } from "@ampflux/contracts";
import { PROTECTION_CURVES } from "@ampflux/contracts";

const section = (key: string, label: string): FieldSpec => ({
  key: `section:${key}`,
  label,
  kind: "section",
});
const number = (key: string, label: string, unit: string | undefined, hint?: string): FieldSpec => ({
  key: `protection.${key}`,
  label,
  kind: "number",
  optional: true,
  ...(unit ? { unit } : {}),
  ...(hint ? { hint } : {}),
});

/** The relay stages' and fixed time's fields in reading order; the curve points are a text area (PointsField). */
export const PROTECTION_FIELDS: FieldSpec[] = [
  number("clearing_time_ms", "Fixed clearing time", "ms", "total: relay and breaker"),
  section("protection-inverse", "Inverse-time stage"),
  {
    key: "protection.inverse.curve",
    label: "Curve",
    kind: "enum",
    options: [...PROTECTION_CURVES],
    optional: true,
    hint: "IEC 60255-151 or IEEE C37.112",
  },
  number("inverse.pickup_ka", "Pickup Is", "kA", "primary current"),
  number("inverse.tms", "TMS / time dial", undefined),
  section("protection-definite", "Definite-time stage"),
  number("definite.pickup_ka", "Pickup", "kA"),
  number("definite.delay_ms", "Delay", "ms"),
  section("protection-instantaneous", "Instantaneous stage"),
  number("instantaneous.pickup_ka", "Pickup", "kA"),
  number("instantaneous.delay_ms", "Delay", "ms"),
];

export const PROTECTION_POINTS_KEY = "protection.points";

/** The relay stages' times add the breaker's opening time; the fixed time and curve points do not. */
export const PROTECTION_HINT = "relay stages: the fastest that picks up, plus the opening time above";

export type CurvePoint = [number, number];

/** Curve points as the text area shows them: "kA ms" per line. */
export function formatCurvePoints(points: unknown): string {
  if (!Array.isArray(points)) return "";
  return points.map((p) => (Array.isArray(p) ? p.join(" ") : String(p))).join("\n");
}

/**
 * The text area's points; blank lines are skipped, numbers may be separated by spaces, a comma
 * or a semicolon. A line that is not two numbers is named (its order and direction are the
 * contract's to judge, beside the field).
 */
export function parseCurvePoints(text: string): { points: CurvePoint[] | undefined } | { problem: string } {
  const points: CurvePoint[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const parts = trimmed.split(/[\s;,]+/).map((p) => Number(p));
    const [current, time] = parts;
    if (parts.length !== 2 || current === undefined || time === undefined || !parts.every(Number.isFinite))
      return { problem: `line ${i + 1}: enter a current in kA and a time in ms, e.g. "10 200"` };
    points.push([current, time]);
  }
  return { points: points.length > 0 ? points : undefined };
}
