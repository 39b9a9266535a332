import { oddClock, readWindings, vectorGroup2w, vectorGroup3w } from "../network/vector-group.ts";
import type { ImportReportBuilder } from "./report.ts";

export interface VectorGroupResult {
  /** The group in the document's form, or undefined when it cannot be made valid. */
  group: string | undefined;
  /** Why the source text was changed (or given up); undefined when it was taken as it stood. */
  change: string | undefined;
}

/** The clock number of a phase shift in degrees, when it is a whole multiple of 30°. */
function clockOf(shiftDegree: number): number | undefined {
  const clock = (((shiftDegree % 360) + 360) % 360) / 30;
  const rounded = Math.round(clock);
  return Math.abs(clock - rounded) < 1e-6 ? rounded % 12 : undefined;
}

/**
 * Brings a source vector group ("Dyn5", "YNyn", "YN0yn0yn0", "dyn11") into the document's form:
 * upper-case HV winding, lower-case others, one clock number per secondary winding. A missing
 * clock number is taken from the phase shift of that winding; when the shift gives none of the
 * right parity, the nearest lower one that fits is used, and the change is reported.
 */
export function normalizeVectorGroup(source: string, shiftsDegree: readonly number[]): VectorGroupResult {
  const text = source.trim();
  const windings = shiftsDegree.length;
  const {
    windings: [primary, ...secondaries],
    rest,
  } = readWindings(text, windings + 1);
  if (!primary) return { group: undefined, change: `"${text}" is not a vector group` };
  // The HV winding may carry a clock number 0 ("YN0yn0"), the reference of the others.
  const hvClockZero = primary.digits === "" || primary.digits === "0";
  if (!hvClockZero || secondaries.length < windings)
    return { group: undefined, change: `"${text}" does not name ${windings + 1} windings` };
  let group = primary.letters.toUpperCase();
  const changes: string[] = [];
  secondaries.forEach((secondary, w) => {
    const winding = secondary.letters.toLowerCase();
    let clock = secondary.digits ? Number(secondary.digits) : clockOf(shiftsDegree[w] ?? 0);
    const odd = oddClock(group, winding);
    if (!secondary.digits) changes.push(`clock number taken from the ${shiftsDegree[w] ?? 0}° phase shift`);
    if (clock === undefined || clock % 2 === (odd ? 0 : 1)) {
      const fitted = clock === undefined ? (odd ? 11 : 0) : (clock + 11) % 12;
      changes.push(`clock ${clock ?? "?"} impossible for ${group}${winding}, set to ${fitted}`);
      clock = fitted;
    }
    group += `${winding}${clock}`;
  });
  if (rest.trim() !== "") return { group: undefined, change: `"${text}" has extra text "${rest}"` };
  const schema = windings === 1 ? vectorGroup2w : vectorGroup3w;
  if (!schema.safeParse(group).success)
    return { group: undefined, change: `"${text}" is not a valid vector group` };
  const same = group === text;
  return { group, change: same ? undefined : changes.join("; ") || `written as ${group}` };
}

/**
 * A source vector group as document fields (none when missing or unusable), reporting a missing
 * group as defaulted and any rewrite as adjusted.
 */
export function importedVectorGroup(
  source: string | undefined,
  shiftsDegree: readonly number[],
  where: { id: string; field: string; report: ImportReportBuilder; missing: string },
): { vector_group?: string } {
  const { id, field, report, missing } = where;
  if (source === undefined || source.trim() === "") {
    report.defaulted(`${field}.vector_group`, null, missing);
    return {};
  }
  const { group, change } = normalizeVectorGroup(source, shiftsDegree);
  if (change) report.adjusted(`${field}.vector_group`, id, change);
  return group === undefined ? {} : { vector_group: group };
}
