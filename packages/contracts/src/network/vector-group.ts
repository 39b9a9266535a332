// IEC 60076-1 vector groups ("Dyn5", "YNyn0d5"): the one reader of their windings, used to
// check a document's groups, to bring imported ones into that form and by the engine.

import { z } from "zod";

export interface Winding {
  /** YN, Y, D, ZN or Z as written (a document writes HV in upper case, the others in lower). */
  letters: string;
  /** The clock number's digits as written, "" when none. */
  digits: string;
}

/** Longer letters first, so that "YN" is not read as "Y" followed by "N". */
const WINDING = /(YN|ZN|Y|Z|D)(\d{0,2})/iy;

/**
 * The windings at the start of `text`, HV first, in any case, at most `max` of them; `rest` is
 * the text after the last one read.
 */
export function readWindings(
  text: string,
  max = Number.POSITIVE_INFINITY,
): { windings: Winding[]; rest: string } {
  const pattern = new RegExp(WINDING);
  const windings: Winding[] = [];
  let at = 0;
  for (let match = pattern.exec(text); match && windings.length < max; match = pattern.exec(text)) {
    windings.push({ letters: match[1] ?? "", digits: match[2] ?? "" });
    at = pattern.lastIndex;
  }
  return { windings, rest: text.slice(at) };
}

/** Delta and zigzag windings shift by 30°, so the clock number's parity follows from the winding pair. */
export function oddClock(primary: string, secondary: string): boolean {
  return /^[dz]/i.test(primary) !== /^[dz]/i.test(secondary);
}

const SHAPE = "must look like Dyn5, YNd11 or YNyn0 (three-winding: YNyn0d5)";

function vectorGroupProblem(group: string, secondaryWindings: number): string | undefined {
  const { windings, rest } = readWindings(group, secondaryWindings + 1);
  const [primary, ...secondaries] = windings;
  if (rest !== "" || !primary || secondaries.length !== secondaryWindings) return SHAPE;
  if (primary.letters !== primary.letters.toUpperCase() || primary.digits !== "") return SHAPE;
  if (secondaries.some((w) => w.letters !== w.letters.toLowerCase() || w.digits === "")) return SHAPE;
  for (const { letters, digits } of secondaries) {
    const clock = Number(digits);
    if (clock > 11) return `clock number ${clock} must be 0..11`;
    if ((clock % 2 === 1) !== oddClock(primary.letters, letters)) {
      return `clock number ${clock} is impossible for ${primary.letters}${letters} windings`;
    }
  }
  return undefined;
}

function vectorGroup(secondaryWindings: 1 | 2) {
  return z.string().superRefine((group, ctx) => {
    const problem = vectorGroupProblem(group, secondaryWindings);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** IEC 60076-1 vector groups, e.g. "Dyn5"; the zero-sequence model depends on them. */
export const vectorGroup2w = vectorGroup(1);
export const vectorGroup3w = vectorGroup(2);
