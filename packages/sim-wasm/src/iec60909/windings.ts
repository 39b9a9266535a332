// Winding connections from IEC 60076-1 vector groups ("Dyn5", "YNyn0d5"): how each winding
// appears in the zero-sequence network, and the clock-number phase shift. The windings are read
// by contracts' vector-group reader, the one that also checks documents' groups.

import { readWindings } from "@ampflux/contracts";

/**
 * earthed-star (YN): zero-sequence current flows and is balanced by the other winding;
 * earthed-zigzag (ZN): zero-sequence current flows to earth through the winding's own Z(0), its
 * two half-windings on each limb cancelling the ampere-turns, so nothing is transferred to the
 * other winding (a ZN winding is an earthing transformer built into the unit; IEC 60909-0:2016
 * Table 2 draws zig-zag windings as a shunt at their own side); delta traps it; open blocks it.
 */
export type ZeroSequenceConnection = "earthed-star" | "earthed-zigzag" | "delta" | "open";

export interface Windings {
  /** One entry per winding, HV first. */
  readonly zero: readonly ZeroSequenceConnection[];
  /** Phase shift of each non-HV winding behind HV, degrees (clock number × 30). */
  readonly shiftDeg: readonly number[];
}

function connection(letters: string): ZeroSequenceConnection {
  const w = letters.toUpperCase();
  if (w === "YN") return "earthed-star";
  if (w === "ZN") return "earthed-zigzag";
  if (w === "D") return "delta";
  return "open";
}

/**
 * Read windings by group: a network has a handful of distinct groups over thousands of
 * transformers, and reading one anew per transformer and study was ~1 ms of a 9,241-bus model.
 * Shared, hence frozen; at most GROUPS_KEPT distinct groups are kept.
 */
const parsed = new Map<string, Windings>();
const GROUPS_KEPT = 256;

export function parseVectorGroup(group: string): Windings {
  const known = parsed.get(group);
  if (known) return known;
  const { windings } = readWindings(group);
  const read: Windings = Object.freeze({
    zero: Object.freeze(windings.map((w) => connection(w.letters))),
    shiftDeg: Object.freeze(windings.slice(1).map((w) => Number(w.digits || 0) * 30)),
  });
  if (parsed.size >= GROUPS_KEPT) parsed.clear();
  parsed.set(group, read);
  return read;
}
