// One screening from screenings of parts of an outage set (the worker spreads a large set over
// part jobs): each part is stored compactly (OutageScreeningPart: per bus its worst current and
// the index of its outage), and the fan-in takes per bus the worse of the parts' worst, with its
// outage; phase times added up. Parts are interleaved slices of the set (part p of n holds the
// outages at positions p, p + n, p + 2n, …: see interleavedSlice), so the outages are put back in
// the set's order, and of two equal worst currents the outage earlier in the set wins, as in one
// screening of the whole set.

import type {
  OutageScreeningBus,
  OutageScreeningOptions,
  OutageScreeningPart,
  OutageScreeningResult,
} from "@ampflux/contracts";

/**
 * A part's screening as stored for the fan-in. The buses' ids and intact currents are not
 * stored: every part computes the same ones, and the part that merges has its own in memory.
 */
export function screeningPart(result: OutageScreeningResult): OutageScreeningPart {
  const index = new Map(result.outages.map((o, k) => [o.outage, k]));
  return {
    worst_ikss_ka: result.buses.map((b) => b.ikss_ka),
    worst_outage: result.buses.map((b) => (b.outage === null ? -1 : (index.get(b.outage) ?? -1))),
    outages: result.outages,
    not_screened: result.not_screened,
    timings: result.timings,
  };
}

/**
 * Slice `part` of `of` interleaved slices of `set`: the items at positions part, part + of, …
 * Consecutive items of an outage set tend to be alike (lines before transformers, a region's
 * branches together), so interleaved parts carry about the same work, where contiguous ones
 * differed by up to a quarter.
 */
export function interleavedSlice<T>(set: readonly T[], part: number, of: number): T[] {
  const slice: T[] = [];
  for (let k = part; k < set.length; k += of) slice.push(set[k] as T);
  return slice;
}

/** The set from its interleaved slices (the inverse of interleavedSlice over every part). */
function interleave<T>(slices: readonly (readonly T[])[]): T[] {
  const set: T[] = [];
  const longest = Math.max(0, ...slices.map((s) => s.length));
  for (let k = 0; k < longest; k++) for (const slice of slices) if (k < slice.length) set.push(slice[k] as T);
  return set;
}

/**
 * The screening of the whole set from its parts, in part order; `buses` are the buses' ids and
 * intact currents, from any part's own result (the merging part's, in memory).
 */
export function mergeScreeningParts(
  parts: OutageScreeningPart[],
  options: OutageScreeningOptions,
  buses: readonly Pick<OutageScreeningBus, "bus" | "base_ikss_ka">[],
): OutageScreeningResult {
  const n = buses.length;
  if (parts.some((p) => p.worst_ikss_ka.length !== n || p.worst_outage.length !== n))
    throw new RangeError("mergeScreeningParts: parts of different networks");
  const highest = (options.worst ?? (options.case === "max" ? "highest" : "lowest")) === "highest";
  const of = parts.length;
  const merged = buses.map(({ bus, base_ikss_ka }, k) => {
    let worst: number | null = null;
    let outage: string | null = null;
    // The set position of the worst's outage; the intact network (−1) comes before every outage.
    let position = -1;
    parts.forEach((part, p) => {
      const value = part.worst_ikss_ka[k] ?? null;
      const at = part.worst_outage[k] ?? -1;
      const at_position = at >= 0 ? at * of + p : -1;
      // A bus unfed in one part is unfed in all (no source in the intact network): the first
      // part's null stands. Otherwise a part wins when strictly worse, or equal and earlier in
      // the set (a screening of the whole set keeps the first of equal worsts).
      const worse =
        p === 0 ||
        (value !== null &&
          worst !== null &&
          ((highest ? value > worst : value < worst) || (value === worst && at_position < position)));
      if (!worse) return;
      worst = value;
      position = at_position;
      outage = at >= 0 ? (part.outages[at]?.outage ?? null) : null;
    });
    return { bus, ikss_ka: worst, outage, base_ikss_ka };
  });
  const timings: Record<string, number> = {};
  for (const part of parts)
    for (const [phase, ms] of Object.entries(part.timings)) timings[phase] = (timings[phase] ?? 0) + ms;
  return {
    standard: "IEC 60909-0:2016",
    options,
    buses: merged,
    outages: interleave(parts.map((p) => p.outages)),
    not_screened: parts.flatMap((p) => p.not_screened),
    timings,
  };
}
