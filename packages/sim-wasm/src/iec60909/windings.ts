// Winding connections from IEC 60076-1 vector groups ("Dyn5", "YNyn0d5"): how each winding
// appears in the zero-sequence network, and the clock-number phase shift. The windings are read
// by contracts' vector-group reader, the one that also checks documents' groups.

import { readWindings } from "@ampflux/contracts";

export type ZeroSequenceConnection = "earthed-star" | "delta" | "open";

export interface Windings {
  /** One entry per winding, HV first. */
  zero: ZeroSequenceConnection[];
  /** Phase shift of each non-HV winding behind HV, degrees (clock number × 30). */
  shiftDeg: number[];
}

/** An earthed star (YN) or zigzag (ZN) passes zero-sequence current; a delta traps it. */
function connection(letters: string): ZeroSequenceConnection {
  const w = letters.toUpperCase();
  if (w === "YN" || w === "ZN") return "earthed-star";
  if (w === "D") return "delta";
  return "open";
}

export function parseVectorGroup(group: string): Windings {
  const { windings } = readWindings(group);
  return {
    zero: windings.map((w) => connection(w.letters)),
    shiftDeg: windings.slice(1).map((w) => Number(w.digits || 0) * 30),
  };
}
