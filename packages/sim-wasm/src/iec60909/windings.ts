// Winding connections from IEC 60076-1 vector groups ("Dyn5", "YNyn0d5"): how each winding
// appears in the zero-sequence network, and the clock-number phase shift.

export type ZeroSequenceConnection = "earthed-star" | "delta" | "open";

export interface Windings {
  /** One entry per winding, HV first. */
  zero: ZeroSequenceConnection[];
  /** Phase shift of each non-HV winding behind HV, degrees (clock number × 30). */
  shiftDeg: number[];
}

const WINDING = /(YN|ZN|Y|Z|D)(\d{0,2})/gi;

/** An earthed star (YN) or zigzag (ZN) passes zero-sequence current; a delta traps it. */
function connection(letters: string): ZeroSequenceConnection {
  const w = letters.toUpperCase();
  if (w === "YN" || w === "ZN") return "earthed-star";
  if (w === "D") return "delta";
  return "open";
}

export function parseVectorGroup(group: string): Windings {
  const parts = [...group.matchAll(WINDING)];
  return {
    zero: parts.map((m) => connection(m[1] ?? "")),
    shiftDeg: parts.slice(1).map((m) => Number(m[2] || 0) * 30),
  };
}
