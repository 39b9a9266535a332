import { vectorGroup2w, vectorGroup3w } from "../network/vector-group.ts";
import type { ImportReportBuilder } from "./report.ts";

const PRIMARY = /^(YN|Y|D|ZN|Z)0?/i;
const SECONDARY = /^(YN|Y|D|ZN|Z)(\d{0,2})/i;

export interface VectorGroupResult {
  /** The group in the document's form, or undefined when it cannot be made valid. */
  group: string | undefined;
  /** Why the source text was changed (or given up); undefined when it was taken as it stood. */
  change: string | undefined;
}

/** Delta and zigzag windings shift by 30°, so the clock number's parity follows from the windings. */
function oddClock(primary: string, secondary: string): boolean {
  return /^[dz]/i.test(primary) !== /^[dz]/i.test(secondary);
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
  const primary = PRIMARY.exec(text);
  if (!primary) return { group: undefined, change: `"${text}" is not a vector group` };
  let rest = text.slice(primary[0].length);
  let group = (primary[1] ?? "").toUpperCase();
  const changes: string[] = [];
  for (let w = 0; w < windings; w++) {
    const secondary = SECONDARY.exec(rest);
    if (!secondary) return { group: undefined, change: `"${text}" does not name ${windings + 1} windings` };
    rest = rest.slice(secondary[0].length);
    const winding = (secondary[1] ?? "").toLowerCase();
    let clock = secondary[2] ? Number(secondary[2]) : clockOf(shiftsDegree[w] ?? 0);
    const odd = oddClock(group, winding);
    if (!secondary[2]) changes.push(`clock number taken from the ${shiftsDegree[w] ?? 0}° phase shift`);
    if (clock === undefined || clock % 2 === (odd ? 0 : 1)) {
      const fitted = clock === undefined ? (odd ? 11 : 0) : (clock + 11) % 12;
      changes.push(`clock ${clock ?? "?"} impossible for ${group}${winding}, set to ${fitted}`);
      clock = fitted;
    }
    group += `${winding}${clock}`;
  }
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
