import { z } from "zod";

const PRIMARY = "(YN|Y|D|ZN|Z)";
const SECONDARY = "(yn|y|d|zn|z)(\\d{1,2})";

/** Delta and zigzag windings shift by 30°, so the clock number's parity follows from the winding pair. */
function shifts(winding: string): boolean {
  return /^[dz]/i.test(winding);
}

function vectorGroupProblem(group: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(group);
  if (!match) return "must look like Dyn5, YNd11 or YNyn0 (three-winding: YNyn0d5)";
  const [, primary = "", ...secondaries] = match;
  for (let i = 0; i < secondaries.length; i += 2) {
    const winding = secondaries[i] ?? "";
    const clock = Number(secondaries[i + 1]);
    if (clock > 11) return `clock number ${clock} must be 0..11`;
    if ((clock % 2 === 1) !== (shifts(primary) !== shifts(winding))) {
      return `clock number ${clock} is impossible for ${primary}${winding} windings`;
    }
  }
  return undefined;
}

function vectorGroup(secondaryWindings: 1 | 2) {
  const pattern = new RegExp(`^${PRIMARY}${SECONDARY.repeat(secondaryWindings)}$`);
  return z.string().superRefine((group, ctx) => {
    const problem = vectorGroupProblem(group, pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** IEC 60076-1 vector groups, e.g. "Dyn5"; the zero-sequence model depends on them. */
export const vectorGroup2w = vectorGroup(1);
export const vectorGroup3w = vectorGroup(2);
