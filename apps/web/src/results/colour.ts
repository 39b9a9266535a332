/**
 * Green → amber → red by Ik'' relative to the largest in the network, so the hot spots stand
 * out whatever the voltage level.
 */
export function currentColour(ikss: number | null, max: number): string {
  if (ikss === null) return "#94a3b8";
  const t = max > 0 ? Math.min(1, Math.max(0, ikss / max)) : 0;
  const hue = 130 - 130 * t;
  return `hsl(${hue.toFixed(0)} 70% 42%)`;
}

export function maxCurrent(values: Array<number | null>): number {
  return values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
}

/** A badge's colour when the diagram is coloured by something else (duty). */
export const NEUTRAL_BADGE = "#334155";
