// A switch's protection in the properties panel: its fields (contracts' switchProtectionSchema)
// and the curve points' text form, one "kA ms" pair per line as on a fuse's datasheet.

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
