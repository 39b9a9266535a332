// IEEE 1584-2018 Annex D.1 (4.16 kV) and D.2 (0.48 kV) through the TS kernels and the WASM
// build: every intermediate and final value to its printed precision. The printed values are
// those reproduced in LiaungYip/arcflash `arcflash/ieee_1584/test_example_calcs.py` (MIT);
// the numbers in the test names are Annex D's equation numbers.

// The Annex's inputs: their one copy, shared with the calculator, cli and study tests.
import { annexD1Case as D1, annexD2Case as D2 } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import {
  arcFlashRangeIssue,
  arcingCurrents,
  arcModelInputs,
  incidentEnergies,
} from "../src/arcflash/kernels.ts";
import { instantiateSim } from "../src/loader.ts";

const sim = await instantiateSim();

/** Agreement to the printed precision: |actual − printed| < half a unit of its last digit. */
function printed(actual: number | undefined, value: number, decimals: number): void {
  expect(Math.abs((actual ?? Number.NaN) - value)).toBeLessThan(0.5 * 10 ** -decimals);
}

const input = arcModelInputs([D1, D2]);
const currents = arcingCurrents(sim, input);
// Arc durations: D.1 197 ms (full) / 223 ms (reduced), D.2 61.3 ms / 319 ms.
const energies = incidentEnergies(
  sim,
  input,
  currents,
  Float64Array.of(D1.time_ms, D2.time_ms),
  Float64Array.of(D1.time_reduced_ms, D2.time_reduced_ms),
);

/** One step of a worked example: its name and each [computed value, printed value, decimals]. */
type Step = [name: string, checks: [actual: number | undefined, value: number, decimals: number][]];

/** Index of the intermediate at 600, 2700 and 14 300 V of row `row` (three per row). */
const level = (row: number, voltage: 0 | 1 | 2) => 3 * row + voltage;

const annexD1Steps: Step[] = [
  [
    "step 1–2: intermediate arcing currents (D.9, D.11, D.13) and Iarc (D.17)",
    [
      [currents.levelsKa[level(0, 0)], 11.117, 3],
      [currents.levelsKa[level(0, 1)], 12.816, 3],
      [currents.levelsKa[level(0, 2)], 14.116, 3],
      [currents.iarcKa[0], 12.979, 3],
    ],
  ],
  [
    "step 3: Width1 (D.19), Height1 (D.20), EES (D.21), CF (D.22)",
    [
      [energies.widthIn[0], 27.632, 3],
      [energies.heightIn[0], 45, 3],
      [energies.eesIn[0], 36.316, 3],
      [energies.cf[0], 1.284, 3],
    ],
  ],
  [
    "step 4–5: intermediate energies (D.24, D.26, D.28) and E (D.32)",
    [
      [energies.levelsJcm2[level(0, 0)], 8.652, 3],
      [energies.levelsJcm2[level(0, 1)], 11.977, 3],
      [energies.levelsJcm2[level(0, 2)], 13.367, 3],
      [energies.eJcm2[0], 12.152, 3],
    ],
  ],
  [
    "step 6–7: intermediate boundaries (D.34, D.36, D.38) and AFB (D.42)",
    [
      [energies.levelsAfbMm[level(0, 0)], 1285, 0],
      [energies.levelsAfbMm[level(0, 1)], 1591, 0],
      [energies.levelsAfbMm[level(0, 2)], 1707, 0],
      [energies.afbMm[0], 1606, 0],
    ],
  ],
  [
    "step 8: VarCF (D.43) and 1 − 0.5·VarCF (D.44)",
    [
      [currents.varcf[0], 0.047, 3],
      [1 - 0.5 * (currents.varcf[0] ?? Number.NaN), 0.977, 3],
    ],
  ],
  [
    "step 9–10: reduced intermediate currents (D.45–D.47) and Iarc_min (D.51)",
    [
      [currents.levelsMinKa[level(0, 0)], 10.856, 3],
      [currents.levelsMinKa[level(0, 1)], 12.515, 3],
      [currents.levelsMinKa[level(0, 2)], 13.786, 3],
      [currents.iarcMinKa[0], 12.675, 3],
    ],
  ],
  [
    "step 11–12: reduced intermediate energies (D.54, D.56, D.58) and E_min (D.62)",
    [
      [energies.levelsMinJcm2[level(0, 0)], 8.98, 3],
      [energies.levelsMinJcm2[level(0, 1)], 13.018, 3],
      [energies.levelsMinJcm2[level(0, 2)], 15.602, 3],
      [energies.eMinJcm2[0], 13.343, 3],
    ],
  ],
  [
    "step 13–14: reduced intermediate boundaries (D.64, D.66, D.68) and AFB_min (D.72)",
    [
      [energies.levelsMinAfbMm[level(0, 0)], 1316, 0],
      [energies.levelsMinAfbMm[level(0, 1)], 1678, 0],
      [energies.levelsMinAfbMm[level(0, 2)], 1884, 0],
      [energies.afbMinMm[0], 1704, 0],
    ],
  ],
];

const annexD2Steps: Step[] = [
  [
    "step 1–2: Iarc_600 (D.82) and Iarc by eq. 25 (D.84)",
    [
      [currents.levelsKa[level(1, 0)], 32.449, 3],
      [currents.iarcKa[1], 28.793, 3],
    ],
  ],
  [
    "step 3: Width1, Height1, EES (D.86–D.88) and CF (D.89)",
    [
      [energies.widthIn[1], 24.016, 3],
      [energies.heightIn[1], 24.016, 3],
      [energies.eesIn[1], 24.016, 3],
      [energies.cf[1], 1.085, 3],
    ],
  ],
  [
    "step 4–7: E (D.91) and AFB (D.95) at 61.3 ms",
    [
      [energies.eJcm2[1], 11.585, 3],
      [energies.afbMm[1], 1029, 0],
    ],
  ],
  [
    "step 8–9: VarCF (D.96), 1 − 0.5·VarCF (D.97) and Iarc_min (D.99)",
    [
      [currents.varcf[1], 0.247, 3],
      [1 - 0.5 * (currents.varcf[1] ?? Number.NaN), 0.877, 3],
      [currents.iarcMinKa[1], 25.244, 3],
    ],
  ],
  [
    "step 10–13: E_min (D.103) and AFB_min (D.106) at 319 ms",
    [
      [energies.eMinJcm2[1], 53.156, 3],
      [energies.afbMinMm[1], 2669, 0],
    ],
  ],
];

describe("IEEE 1584-2018 Annex D.1, 4.16 kV", () => {
  it("has no range issue and a typical enclosure", () => {
    expect(currents.status[0]).toBe(0);
    expect(energies.status[0]).toBe(0);
    expect(energies.enclosure[0]).toBe(0);
  });

  it.each(annexD1Steps)("%s", (_, checks) => {
    for (const [actual, value, decimals] of checks) printed(actual, value, decimals);
  });
});

describe("IEEE 1584-2018 Annex D.2, 0.48 kV", () => {
  it("has no range issue, a typical enclosure and only the 600 V current (eq. 25)", () => {
    expect(currents.status[1]).toBe(0);
    expect(energies.status[1]).toBe(0);
    expect(energies.enclosure[1]).toBe(0);
    // Only the 600 V value is used at or below 600 V.
    expect(currents.levelsKa[level(1, 1)]).toBeNaN();
  });

  it.each(annexD2Steps)("%s", (_, checks) => {
    for (const [actual, value, decimals] of checks) printed(actual, value, decimals);
  });
});

describe("range of the model (IEEE 1584-2018 §4.2)", () => {
  const rows = arcModelInputs([
    // D.1 with a 13 mm gap: below 19.05 mm above 600 V.
    { ...D1, gap_mm: 13 },
    { ...D2, ibf_ka: 110 },
    { voc_kv: 16, ibf_ka: 15, config: "VOA", gap_mm: 104, distance_mm: 914.4 },
    { ...D2, config: "HCB", distance_mm: 300 },
    { ...D2, config: "HCB", width_mm: 120 },
    { ...D2, config: "HCB", depth_mm: undefined },
    { voc_kv: 0.48, ibf_ka: -2, config: "VOA", gap_mm: 32, distance_mm: 609.6 },
  ]);
  const c = arcingCurrents(sim, rows);
  const issue = (row: number) => arcFlashRangeIssue(c.status[row] ?? 0, rows, row);

  it("gives each row outside it a code, NaN results and the field with the reason", () => {
    expect(issue(0)).toEqual({
      field: "gap_mm",
      message: "13 mm is outside 19.05–254 mm for 601 V–15 kV (IEEE 1584-2018 §4.2)",
    });
    expect(issue(1)).toEqual({
      field: "ibf_ka",
      message: "110 kA is outside 0.5–106 kA for 208–600 V (IEEE 1584-2018 §4.2)",
    });
    expect(issue(2)).toEqual({
      field: "voc_kv",
      message: "16 kV is outside the model's 0.208–15 kV (IEEE 1584-2018 §4.2)",
    });
    expect(issue(3).field).toBe("distance_mm");
    expect(issue(3).message).toContain("305 mm");
    expect(issue(4)).toEqual({
      field: "width_mm",
      message: "120 mm is narrower than four times the gap (4 × 32 = 128 mm) (IEEE 1584-2018 §4.2)",
    });
    expect(issue(5)).toEqual({
      field: "depth_mm",
      message: "is missing (VCB, VCBB and HCB need the enclosure size, IEEE 1584-2018 §4.8)",
    });
    expect(issue(6)).toEqual({
      field: "ibf_ka",
      message: "must be a positive, finite number of kA (got -2)",
    });
    for (let row = 0; row < 7; row++) {
      expect(c.status[row]).not.toBe(0);
      expect(c.iarcKa[row]).toBeNaN();
    }
  });

  it("gives no number where eq. (15) has no positive CF (a tiny shallow VCBB box)", () => {
    // EES = 0.03937 · (55 + 60)/2 = 2.26 in, below the 2.47 in root of Table 7's shallow VCBB quadratic.
    const tiny = arcModelInputs([
      {
        voc_kv: 0.48,
        ibf_ka: 10,
        config: "VCBB",
        gap_mm: 10,
        distance_mm: 457.2,
        height_mm: 55,
        width_mm: 60,
        depth_mm: 100,
      },
    ]);
    const e = incidentEnergies(
      sim,
      tiny,
      arcingCurrents(sim, tiny),
      Float64Array.of(100),
      Float64Array.of(100),
    );
    expect(e.eJcm2[0]).toBeNaN();
    expect(arcFlashRangeIssue(e.status[0] ?? 0, tiny, 0)).toEqual({
      field: "height_mm",
      message:
        "a 55 × 60 mm shallow enclosure is too small for the enclosure size correction: eq. (15) gives no positive CF (IEEE 1584-2018 §4.8)",
    });
  });

  it("rejects an arc duration that is not a positive number", () => {
    const one = arcModelInputs([{ voc_kv: 0.48, ibf_ka: 45, config: "VOA", gap_mm: 32, distance_mm: 609.6 }]);
    const e = incidentEnergies(
      sim,
      one,
      arcingCurrents(sim, one),
      Float64Array.of(100),
      Float64Array.of(Infinity),
    );
    expect(arcFlashRangeIssue(e.status[0] ?? 0, one, 0)).toEqual({
      field: "time_reduced_ms",
      message: "must be a positive, finite number of ms",
    });
    expect(e.eJcm2[0]).toBeNaN();
    expect(e.enclosure[0]).toBe(-1);
  });
});
