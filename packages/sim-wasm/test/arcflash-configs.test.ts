// The configurations and voltage bands Annex D does not exercise (VCBB, HCB, VOA, HOA, shallow
// boxes, 208 V, 1 kV and 2.4 kV between the test voltages, 13.8 kV, a box over 49 in) checked
// against an independent implementation: each row's expected values were computed with
// LiaungYip/arcflash (MIT, commit 2a4bd82, `Calculation`/`Cubicle` of arcflash/ieee_1584),
// printed to 6 significant digits. That implementation was verified by its author against
// IEEE's own IEEE 1584-2018 calculator spreadsheets on 144 000 generated cases to within 0.1 %
// (its README, "Verification" item 4); its shared code is not used here, only its outputs.

import { describe, expect, it } from "vitest";
import type { ArcModelRow } from "../src/arcflash/kernels.ts";
import { arcingCurrents, arcModelInputs, incidentEnergies } from "../src/arcflash/kernels.ts";
import { instantiateSim } from "../src/loader.ts";

const sim = await instantiateSim();

type Row = ArcModelRow & { time_ms: number; time_reduced_ms: number };
interface Expected {
  enclosure: "typical" | "shallow" | "open_air";
  cf: number;
  varcf: number;
  iarc_ka: number;
  e_j_cm2: number;
  afb_mm: number;
  iarc_min_ka: number;
  e_min_j_cm2: number;
  afb_min_mm: number;
}

const CASES: [Row, Expected][] = [
  [
    {
      config: "VCBB",
      voc_kv: 13.8,
      ibf_ka: 20,
      gap_mm: 152,
      distance_mm: 914.4,
      height_mm: 1143,
      width_mm: 762,
      depth_mm: 762,
      time_ms: 100,
      time_reduced_ms: 120,
    },
    {
      enclosure: "typical",
      cf: 1.25957,
      varcf: 0.0378753,
      iarc_ka: 19.065,
      e_j_cm2: 16.1195,
      afb_mm: 1831.23,
      iarc_min_ka: 18.704,
      e_min_j_cm2: 19.4546,
      afb_min_mm: 2048.24,
    },
  ],
  [
    {
      config: "HCB",
      voc_kv: 13.8,
      ibf_ka: 30,
      gap_mm: 152,
      distance_mm: 914.4,
      height_mm: 1500,
      width_mm: 1500,
      depth_mm: 1000,
      time_ms: 200,
      time_reduced_ms: 250,
    },
    {
      enclosure: "typical",
      cf: 1.17661,
      varcf: 0.0232906,
      iarc_ka: 27.1987,
      e_j_cm2: 66.8998,
      afb_mm: 4361.88,
      iarc_min_ka: 26.8819,
      e_min_j_cm2: 82.1054,
      afb_min_mm: 4935.55,
    },
  ],
  [
    {
      config: "VOA",
      voc_kv: 13.8,
      ibf_ka: 10,
      gap_mm: 152,
      distance_mm: 914.4,
      time_ms: 300,
      time_reduced_ms: 300,
    },
    {
      enclosure: "open_air",
      cf: 1.0,
      varcf: 0.0330783,
      iarc_ka: 8.47494,
      e_j_cm2: 11.6955,
      afb_mm: 1585.58,
      iarc_min_ka: 8.33477,
      e_min_j_cm2: 11.8874,
      afb_min_mm: 1602.67,
    },
  ],
  [
    {
      config: "HOA",
      voc_kv: 4.16,
      ibf_ka: 15,
      gap_mm: 104,
      distance_mm: 914.4,
      time_ms: 197,
      time_reduced_ms: 223,
    },
    {
      enclosure: "open_air",
      cf: 1.0,
      varcf: 0.0689439,
      iarc_ka: 12.707,
      e_j_cm2: 20.4697,
      afb_mm: 2154.22,
      iarc_min_ka: 12.269,
      e_min_j_cm2: 23.0476,
      afb_min_mm: 2317.63,
    },
  ],
  [
    {
      config: "VCB",
      voc_kv: 0.208,
      ibf_ka: 10,
      gap_mm: 25,
      distance_mm: 457.2,
      height_mm: 355.6,
      width_mm: 304.8,
      depth_mm: 254,
      time_ms: 500,
      time_reduced_ms: 500,
    },
    {
      enclosure: "typical",
      cf: 0.9999,
      varcf: 0.276909,
      iarc_ka: 4.56784,
      e_j_cm2: 21.9521,
      afb_mm: 1150.92,
      iarc_min_ka: 3.9354,
      e_min_j_cm2: 19.0343,
      afb_min_mm: 1052.66,
    },
  ],
  [
    {
      config: "HCB",
      voc_kv: 0.48,
      ibf_ka: 20,
      gap_mm: 25,
      distance_mm: 457.2,
      height_mm: 355.6,
      width_mm: 304.8,
      depth_mm: 150,
      time_ms: 100,
      time_reduced_ms: 200,
    },
    {
      enclosure: "shallow",
      cf: 1.15239,
      varcf: 0.275908,
      iarc_ka: 14.7758,
      e_j_cm2: 26.2994,
      afb_mm: 1033.66,
      iarc_min_ka: 12.7374,
      e_min_j_cm2: 45.101,
      afb_min_mm: 1348.24,
    },
  ],
  [
    {
      config: "VCBB",
      voc_kv: 0.48,
      ibf_ka: 20,
      gap_mm: 25,
      distance_mm: 457.2,
      height_mm: 355.6,
      width_mm: 304.8,
      depth_mm: 150,
      time_ms: 100,
      time_reduced_ms: 100,
    },
    {
      enclosure: "shallow",
      cf: 1.24236,
      varcf: 0.236748,
      iarc_ka: 16.4038,
      e_j_cm2: 16.4982,
      afb_mm: 882.498,
      iarc_min_ka: 14.462,
      e_min_j_cm2: 14.2012,
      afb_min_mm: 812.308,
    },
  ],
  [
    {
      config: "VCB",
      voc_kv: 0.4,
      ibf_ka: 30,
      gap_mm: 13,
      distance_mm: 457.2,
      height_mm: 355.6,
      width_mm: 304.8,
      depth_mm: 100,
      time_ms: 50,
      time_reduced_ms: 80,
    },
    {
      enclosure: "shallow",
      cf: 1.50277,
      varcf: 0.255137,
      iarc_ka: 21.9272,
      e_j_cm2: 6.07855,
      afb_mm: 515.303,
      iarc_min_ka: 19.13,
      e_min_j_cm2: 8.53492,
      afb_min_mm: 637.24,
    },
  ],
  [
    {
      config: "VOA",
      voc_kv: 0.48,
      ibf_ka: 30,
      gap_mm: 32,
      distance_mm: 609.6,
      time_ms: 100,
      time_reduced_ms: 100,
    },
    {
      enclosure: "open_air",
      cf: 1.0,
      varcf: 0.23975,
      iarc_ka: 18.4787,
      e_j_cm2: 6.99129,
      afb_mm: 749.933,
      iarc_min_ka: 16.2635,
      e_min_j_cm2: 6.15557,
      afb_min_mm: 692.506,
    },
  ],
  [
    {
      config: "HOA",
      voc_kv: 0.6,
      ibf_ka: 50,
      gap_mm: 25,
      distance_mm: 457.2,
      time_ms: 80,
      time_reduced_ms: 90,
    },
    {
      enclosure: "open_air",
      cf: 1.0,
      varcf: 0.261909,
      iarc_ka: 28.2835,
      e_j_cm2: 30.0675,
      afb_mm: 1123.88,
      iarc_min_ka: 24.5797,
      e_min_j_cm2: 29.2317,
      afb_min_mm: 1108.07,
    },
  ],
  [
    {
      config: "HCB",
      voc_kv: 1.0,
      ibf_ka: 10,
      gap_mm: 50,
      distance_mm: 609.6,
      height_mm: 700,
      width_mm: 700,
      depth_mm: 500,
      time_ms: 150,
      time_reduced_ms: 150,
    },
    {
      enclosure: "typical",
      cf: 1.07018,
      varcf: 0.214558,
      iarc_ka: 7.95698,
      e_j_cm2: 18.4245,
      afb_mm: 1215.16,
      iarc_min_ka: 7.10337,
      e_min_j_cm2: 17.3795,
      afb_min_mm: 1178.11,
    },
  ],
  [
    {
      config: "VCBB",
      voc_kv: 2.4,
      ibf_ka: 25,
      gap_mm: 104,
      distance_mm: 914.4,
      height_mm: 914.4,
      width_mm: 914.4,
      depth_mm: 914.4,
      time_ms: 250,
      time_reduced_ms: 300,
    },
    {
      enclosure: "typical",
      cf: 1.18726,
      varcf: 0.0669839,
      iarc_ka: 21.8823,
      e_j_cm2: 37.6668,
      afb_mm: 2901.5,
      iarc_min_ka: 21.1494,
      e_min_j_cm2: 45.907,
      afb_min_mm: 3249.67,
    },
  ],
];

const ENCLOSURES = ["typical", "shallow", "open_air"] as const;

/** Six significant digits as printed: relative agreement within 1e-5. */
function same(actual: number | undefined, expected: number): void {
  expect(Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected)).toBeLessThan(1e-5);
}

describe("IEEE 1584-2018 beyond Annex D, against LiaungYip/arcflash", () => {
  const input = arcModelInputs(CASES.map(([row]) => row));
  const currents = arcingCurrents(sim, input);
  const energies = incidentEnergies(
    sim,
    input,
    currents,
    Float64Array.from(CASES, ([row]) => row.time_ms),
    Float64Array.from(CASES, ([row]) => row.time_reduced_ms),
  );

  CASES.forEach(([row, expected], k) => {
    const name = `${row.config} ${row.voc_kv} kV, ${row.ibf_ka} kA, G ${row.gap_mm} mm, ${expected.enclosure}`;
    it(name, () => {
      expect(energies.status[k]).toBe(0);
      expect(ENCLOSURES[energies.enclosure[k] ?? -1]).toBe(expected.enclosure);
      same(energies.cf[k], expected.cf);
      same(currents.varcf[k], expected.varcf);
      same(currents.iarcKa[k], expected.iarc_ka);
      same(currents.iarcMinKa[k], expected.iarc_min_ka);
      same(energies.eJcm2[k], expected.e_j_cm2);
      same(energies.afbMm[k], expected.afb_mm);
      same(energies.eMinJcm2[k], expected.e_min_j_cm2);
      same(energies.afbMinMm[k], expected.afb_min_mm);
    });
  });
});
