// The calculator mode of IEEE 1584-2018, like IEEE's own spreadsheet: independent cases in, per
// case either every result (ArcFlashCaseOutput) with the intermediate values a reviewer checks
// against Annex D, or the one field that stopped it and why. All cases go through the kernels
// at once (kernels.ts), so a thousand lines cost one call each for currents and energies.

import {
  type ArcFlashCaseInput,
  type ArcFlashCaseOutput,
  arcFlashCaseSchema,
  ppeLevel,
  toCalPerCm2,
} from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { f64Column } from "./columns.ts";
import { arcFlashRangeIssue, arcingCurrents, arcModelInputs, incidentEnergies } from "./kernels.ts";

/** The values behind a case's result, null where the method does not use them. */
export interface ArcFlashCaseIntermediates {
  /** Intermediate arcing currents at 600, 2700 and 14 300 V (eq. 1); only 600 V at or below 600 V. */
  iarc_600_ka: number | null;
  iarc_2700_ka: number | null;
  iarc_14300_ka: number | null;
  /** The same reduced by 1 − 0.5·VarCF (above 600 V). */
  iarc_min_600_ka: number | null;
  iarc_min_2700_ka: number | null;
  iarc_min_14300_ka: number | null;
  /** Table 6's equivalent width and height and EES (eq. 13), inches; null in open air. */
  width1_in: number | null;
  height1_in: number | null;
  ees_in: number | null;
  /** Intermediate energies (eq. 3–5) and boundaries (eq. 7–9), full then reduced; above 600 V. */
  e_600_j_cm2: number | null;
  e_2700_j_cm2: number | null;
  e_14300_j_cm2: number | null;
  afb_600_mm: number | null;
  afb_2700_mm: number | null;
  afb_14300_mm: number | null;
  e_min_600_j_cm2: number | null;
  e_min_2700_j_cm2: number | null;
  e_min_14300_j_cm2: number | null;
  afb_min_600_mm: number | null;
  afb_min_2700_mm: number | null;
  afb_min_14300_mm: number | null;
}

export interface ArcFlashCaseIssue {
  /** The input field, e.g. "gap_mm" ("" when the case is not an object at all). */
  field: string;
  message: string;
}

export type ArcFlashCaseResult =
  | {
      ok: true;
      input: ArcFlashCaseInput;
      output: ArcFlashCaseOutput;
      intermediates: ArcFlashCaseIntermediates;
    }
  | { ok: false; issue: ArcFlashCaseIssue };

const ENCLOSURES = ["typical", "shallow", "open_air"] as const;
const orNull = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);

/** The first schema problem of a case as its field and message. */
function schemaIssue(value: unknown): ArcFlashCaseIssue | ArcFlashCaseInput {
  const parsed = arcFlashCaseSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) return { field: "", message: "is not a valid case" };
  if (issue.code === "unrecognized_keys")
    return { field: issue.keys[0] ?? "", message: `is not an input of the calculator (${issue.message})` };
  const field = issue.path.map(String).join(".");
  return { field, message: issue.message };
}

const isIssue = (x: ArcFlashCaseIssue | ArcFlashCaseInput): x is ArcFlashCaseIssue => "message" in x;

/** Every case's result, in the order given; a case that fails does not stop the others. */
export function arcFlashCases(sim: SimExports, cases: readonly unknown[]): ArcFlashCaseResult[] {
  const checked = cases.map(schemaIssue);
  const valid = checked.flatMap((c, k) => (isIssue(c) ? [] : [{ k, input: c }]));
  const input = arcModelInputs(valid.map((v) => v.input));
  const currents = arcingCurrents(sim, input);
  const energies = incidentEnergies(
    sim,
    input,
    currents,
    f64Column(valid, (v) => v.input.time_ms),
    f64Column(valid, (v) => v.input.time_reduced_ms ?? v.input.time_ms),
  );
  const results: ArcFlashCaseResult[] = checked.map((c) =>
    isIssue(c) ? { ok: false, issue: c } : { ok: false, issue: { field: "", message: "not computed" } },
  );
  valid.forEach(({ k, input: caseInput }, row) => {
    const code = energies.status[row] ?? 0;
    if (code !== 0) {
      results[k] = { ok: false, issue: arcFlashRangeIssue(code, input, row) };
      return;
    }
    const at = (column: Float64Array, i = row) => column[i] as number;
    const full = at(energies.eJcm2);
    const reduced = at(energies.eMinJcm2);
    // The larger energy governs; on a tie the full arcing current's case is reported.
    const governing = reduced > full ? "reduced" : "full";
    const energyCal = toCalPerCm2(Math.max(full, reduced));
    const output: ArcFlashCaseOutput = {
      iarc_ka: at(currents.iarcKa),
      e_j_cm2: full,
      afb_mm: at(energies.afbMm),
      iarc_min_ka: at(currents.iarcMinKa),
      e_min_j_cm2: reduced,
      afb_min_mm: at(energies.afbMinMm),
      varcf: at(currents.varcf),
      cf: at(energies.cf),
      enclosure: ENCLOSURES[energies.enclosure[row] ?? 0] ?? "typical",
      governing,
      energy_cal_cm2: energyCal,
      ppe: ppeLevel(energyCal).text,
    };
    const three = (column: Float64Array) => [0, 1, 2].map((l) => orNull(column[3 * row + l]));
    const [i600, i2700, i14300] = three(currents.levelsKa);
    const [m600, m2700, m14300] = three(currents.levelsMinKa);
    const [e600, e2700, e14300] = three(energies.levelsJcm2);
    const [a600, a2700, a14300] = three(energies.levelsAfbMm);
    const [em600, em2700, em14300] = three(energies.levelsMinJcm2);
    const [am600, am2700, am14300] = three(energies.levelsMinAfbMm);
    const intermediates: ArcFlashCaseIntermediates = {
      iarc_600_ka: i600 ?? null,
      iarc_2700_ka: i2700 ?? null,
      iarc_14300_ka: i14300 ?? null,
      iarc_min_600_ka: m600 ?? null,
      iarc_min_2700_ka: m2700 ?? null,
      iarc_min_14300_ka: m14300 ?? null,
      width1_in: orNull(energies.widthIn[row]),
      height1_in: orNull(energies.heightIn[row]),
      ees_in: orNull(energies.eesIn[row]),
      e_600_j_cm2: e600 ?? null,
      e_2700_j_cm2: e2700 ?? null,
      e_14300_j_cm2: e14300 ?? null,
      afb_600_mm: a600 ?? null,
      afb_2700_mm: a2700 ?? null,
      afb_14300_mm: a14300 ?? null,
      e_min_600_j_cm2: em600 ?? null,
      e_min_2700_j_cm2: em2700 ?? null,
      e_min_14300_j_cm2: em14300 ?? null,
      afb_min_600_mm: am600 ?? null,
      afb_min_2700_mm: am2700 ?? null,
      afb_min_14300_mm: am14300 ?? null,
    };
    results[k] = { ok: true, input: caseInput, output, intermediates };
  });
  return results;
}
