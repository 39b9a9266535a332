// One screening from screenings of parts of an outage set (the worker spreads a large set over
// part jobs): each part is stored compactly (OutageScreeningPart: per bus its worst current and
// the index of its outage), and the fan-in takes per bus the worse of the parts' worst, with its
// outage; the outages and what was not screened in the parts' order; phase times added up.

import type { OutageScreeningOptions, OutageScreeningPart, OutageScreeningResult } from "@ampflux/contracts";

/** A part's screening as stored for the fan-in; `first` keeps the buses' ids and intact currents. */
export function screeningPart(result: OutageScreeningResult, first: boolean): OutageScreeningPart {
  const index = new Map(result.outages.map((o, k) => [o.outage, k]));
  return {
    worst_ikss_ka: result.buses.map((b) => b.ikss_ka),
    worst_outage: result.buses.map((b) => (b.outage === null ? -1 : (index.get(b.outage) ?? -1))),
    ...(first && {
      buses: { ids: result.buses.map((b) => b.bus), base_ikss_ka: result.buses.map((b) => b.base_ikss_ka) },
    }),
    outages: result.outages,
    not_screened: result.not_screened,
    timings: result.timings,
  };
}

/** The screening of the whole set from its parts, in part order (the first carries the buses). */
export function mergeScreeningParts(
  parts: OutageScreeningPart[],
  options: OutageScreeningOptions,
): OutageScreeningResult {
  const buses = parts[0]?.buses;
  if (!buses) throw new RangeError("mergeScreeningParts: the first part carries no buses");
  const n = buses.ids.length;
  if (parts.some((p) => p.worst_ikss_ka.length !== n || p.worst_outage.length !== n))
    throw new RangeError("mergeScreeningParts: parts of different networks");
  const highest = (options.worst ?? (options.case === "max" ? "highest" : "lowest")) === "highest";
  const merged = buses.ids.map((bus, k) => {
    let worst: number | null = null;
    let outage: string | null = null;
    parts.forEach((part, p) => {
      const value = part.worst_ikss_ka[k] ?? null;
      // A bus unfed in one part is unfed in all (no source in the intact network): the first
      // part's null stands; otherwise a later part wins only when strictly worse.
      const worse =
        p === 0 || (value !== null && worst !== null && (highest ? value > worst : value < worst));
      if (!worse) return;
      worst = value;
      const at = part.worst_outage[k] ?? -1;
      outage = at >= 0 ? (part.outages[at]?.outage ?? null) : null;
    });
    return { bus, ikss_ka: worst, outage, base_ikss_ka: buses.base_ikss_ka[k] ?? null };
  });
  const timings: Record<string, number> = {};
  for (const part of parts)
    for (const [phase, ms] of Object.entries(part.timings)) timings[phase] = (timings[phase] ?? 0) + ms;
  return {
    standard: "IEC 60909-0:2016",
    options,
    buses: merged,
    outages: parts.flatMap((p) => p.outages),
    not_screened: parts.flatMap((p) => p.not_screened),
    timings,
  };
}
