// One screening from screenings of parts of an outage set (the worker runs a large set in parts
// to report progress): per bus the worse of the parts' worst, with its outage; the outages and
// what was not screened, in the parts' order; phase times added up.

import type { OutageScreeningResult } from "@ampflux/contracts";

export function mergeOutageScreenings(parts: OutageScreeningResult[]): OutageScreeningResult {
  const [first, ...rest] = parts;
  if (!first) throw new RangeError("mergeOutageScreenings: no screening to merge");
  const highest =
    (first.options.worst ?? (first.options.case === "max" ? "highest" : "lowest")) === "highest";
  const buses = first.buses.map((bus, k) => {
    let worst = bus;
    for (const part of rest) {
      const other = part.buses[k];
      if (!other || other.bus !== bus.bus)
        throw new RangeError("mergeOutageScreenings: parts of different networks");
      if (other.ikss_ka === null || worst.ikss_ka === null) continue;
      if (highest ? other.ikss_ka > worst.ikss_ka : other.ikss_ka < worst.ikss_ka) worst = other;
    }
    return worst;
  });
  const timings: Record<string, number> = {};
  for (const part of parts)
    for (const [phase, ms] of Object.entries(part.timings)) timings[phase] = (timings[phase] ?? 0) + ms;
  return {
    ...first,
    buses,
    outages: parts.flatMap((p) => p.outages),
    not_screened: parts.flatMap((p) => p.not_screened),
    timings,
  };
}
