// An N-1 screening on the diagram: the worst-case map (each bus's worst I''k over every outage)
// and one outage's deltas (I''k with that branch out), both coloured by the change from the
// intact network, so the buses an outage matters to stand out whatever their voltage level.

import { changePercent, type OutageDetail, type OutageScreeningResult } from "@ampflux/contracts";
import type { BusResultBadge } from "../editor/canvas/types.ts";
import { formatKa } from "../lib/format.ts";

/** The grey of a bus no source feeds (as on the fault-current scale). */
export const UNFED_COLOUR = "#94a3b8";

/**
 * Red for a rise, blue for a fall, deeper with the size of the change relative to the largest on
 * the map; a bus the outage does not change stays a neutral slate.
 */
export function changeColour(percent: number | null, largest: number): string {
  if (percent === null) return UNFED_COLOUR;
  const t = largest > 0 ? Math.min(1, Math.abs(percent) / largest) : 0;
  if (t < 0.005) return "#475569";
  const hue = percent > 0 ? 0 : 215;
  return `hsl(${hue} ${(25 + 55 * t).toFixed(0)}% ${(48 - 10 * t).toFixed(0)}%)`;
}

/** The largest |change| of a map (0 when nothing changes): the end of its colour scale. */
export function largestChange(changes: Iterable<number | null>): number {
  let largest = 0;
  for (const c of changes) if (c !== null && Math.abs(c) > largest) largest = Math.abs(c);
  return largest;
}

const signed = (p: number) => `${p >= 0 ? "+" : "−"}${Math.abs(p).toFixed(1)} %`;

export interface ScreeningMap {
  badges: Map<string, BusResultBadge>;
  /** The end of the colour scale, in %. */
  largestChangePercent: number;
}

/** Each bus's worst I''k over the screened outages, coloured by its change from the intact network. */
export function worstCaseMap(result: OutageScreeningResult): ScreeningMap {
  const changes = result.buses.map((b) => changePercent(b.ikss_ka, b.base_ikss_ka));
  const largest = largestChange(changes);
  const badges = new Map<string, BusResultBadge>();
  result.buses.forEach((b, k) => {
    const change = changes[k] ?? null;
    const cause = b.outage ? `with ${b.outage} out` : "in the intact network";
    badges.set(b.bus, {
      ikssKa: b.ikss_ka,
      colour: b.ikss_ka === null ? UNFED_COLOUR : changeColour(change, largest),
      colourBar: true,
      title:
        b.ikss_ka === null
          ? `Unfed ${cause}; intact Ik'' ${formatKa(b.base_ikss_ka)} kA`
          : `Worst Ik'' ${formatKa(b.ikss_ka)} kA ${cause}; intact ${formatKa(b.base_ikss_ka)} kA` +
            (change === null ? "" : ` (${signed(change)})`),
    });
  });
  return { badges, largestChangePercent: largest };
}

/** I''k at every bus with one branch out, coloured by its change from the intact network. */
export function outageMap(detail: OutageDetail): ScreeningMap {
  const largest = largestChange(detail.buses.map((b) => b.change_percent));
  const badges = new Map<string, BusResultBadge>();
  for (const b of detail.buses)
    badges.set(b.bus, {
      ikssKa: b.ikss_ka,
      colour: b.ikss_ka === null ? UNFED_COLOUR : changeColour(b.change_percent, largest),
      colourBar: true,
      title:
        b.ikss_ka === null
          ? `Unfed with ${detail.outage} out; intact Ik'' ${formatKa(b.base_ikss_ka)} kA`
          : `Ik'' ${formatKa(b.ikss_ka)} kA with ${detail.outage} out; intact ${formatKa(b.base_ikss_ka)} kA` +
            (b.change_percent === null ? "" : ` (${signed(b.change_percent)})`),
    });
  return { badges, largestChangePercent: largest };
}
