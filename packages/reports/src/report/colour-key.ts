// The diagram's colour key. Arc-flash energy uses the PPE thresholds a reader acts on (1.2 cal/cm²
// boundary, NFPA 70E categories at 4, 8, 25 and 40 cal/cm²); I''k uses five equal bands of
// round width up to the largest current, so the legend reads as plain numbers.

import { PPE_CATEGORY_ARC_RATINGS, type ReportColourBand } from "@ampflux/contracts";

/** Green to red (ColorBrewer RdYlGn, reversed, with a dark red for the last energy band). */
const PALETTE = ["#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#7f0000"];
export const NO_VALUE_COLOUR = "#9e9e9e";

function band(from: number | null, to: number | null, colour: string, unit: string): ReportColourBand {
  const label =
    from === null ? `< ${to} ${unit}` : to === null ? `≥ ${from} ${unit}` : `${from} – ${to} ${unit}`;
  return { from, to, colour, label };
}

export function energyKey(): ReportColourBand[] {
  const edges = [1.2, ...PPE_CATEGORY_ARC_RATINGS];
  return [
    band(null, edges[0] ?? 1.2, PALETTE[0] ?? "", "cal/cm²"),
    ...edges.map((from, i) => band(from, edges[i + 1] ?? null, PALETTE[i + 1] ?? "", "cal/cm²")),
  ];
}

/** A round step (1, 2 or 5 × 10ⁿ) so that five steps cover `max`. */
function roundStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

export function currentKey(values: readonly number[]): ReportColourBand[] {
  const max = Math.max(...values, 0);
  const step = max > 0 ? roundStep(max) : 1;
  const round = (x: number) => Number(x.toPrecision(6));
  return [0, 1, 2, 3, 4].map((i) =>
    band(round(i * step), i === 4 ? null : round((i + 1) * step), PALETTE[i] ?? "", "kA"),
  );
}

export function colourOf(value: number | null, key: readonly ReportColourBand[]): string {
  if (value === null) return NO_VALUE_COLOUR;
  const found = key.find((b) => (b.from === null || value >= b.from) && (b.to === null || value < b.to));
  return found?.colour ?? NO_VALUE_COLOUR;
}
