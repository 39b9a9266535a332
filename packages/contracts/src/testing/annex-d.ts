// IEEE 1584-2018 Annex D's two worked examples, the one copy of their inputs for every test
// that checks the model against them (sim-wasm kernels, calculator and study; cli; contracts'
// result rows). The values are Annex D's, as reproduced in LiaungYip/arcflash
// `arcflash/ieee_1584/test_example_calcs.py` (MIT).

import type { ArcFlashCaseInput, ArcFlashResult } from "../arc-flash/results.ts";
import type { BusArcFlash } from "../network/arc-flash.ts";

/** Annex D.1's enclosure as a bus's arc_flash data: VCB, G 104 mm, D 914.4 mm, 1143 × 762 × 508 mm. */
export const annexD1Enclosure = {
  config: "VCB",
  gap_mm: 104,
  distance_mm: 914.4,
  height_mm: 1143,
  width_mm: 762,
  depth_mm: 508,
} satisfies BusArcFlash;

/** Annex D.2's enclosure: VCB, G 32 mm, D 609.6 mm, 610 × 610 × 254 mm. */
export const annexD2Enclosure = {
  config: "VCB",
  gap_mm: 32,
  distance_mm: 609.6,
  height_mm: 610,
  width_mm: 610,
  depth_mm: 254,
} satisfies BusArcFlash;

/** Annex D.1 as a calculator case: 4.16 kV, Ibf 15 kA, arcs of 197 ms (full) and 223 ms (reduced). */
export const annexD1Case = {
  voc_kv: 4.16,
  ibf_ka: 15,
  ...annexD1Enclosure,
  time_ms: 197,
  time_reduced_ms: 223,
} satisfies ArcFlashCaseInput;

/** Annex D.2 as a calculator case: 0.48 kV, Ibf 45 kA, arcs of 61.3 ms (full) and 319 ms (reduced). */
export const annexD2Case = {
  voc_kv: 0.48,
  ibf_ka: 45,
  ...annexD2Enclosure,
  time_ms: 61.3,
  time_reduced_ms: 319,
} satisfies ArcFlashCaseInput;

/** A value as Annex D prints it: the value and its number of decimals. */
export type PrintedValue = readonly [value: number, decimals: number];

/**
 * Annex D.1's results as the calculator outputs them: Iarc (D.17), E (D.32), AFB (D.42),
 * Iarc_min (D.51), E_min (D.62), AFB_min (D.72), VarCF (D.43) and CF (D.22).
 */
export const annexD1Outputs = {
  iarc_ka: [12.979, 3],
  e_j_cm2: [12.152, 3],
  afb_mm: [1606, 0],
  iarc_min_ka: [12.675, 3],
  e_min_j_cm2: [13.343, 3],
  afb_min_mm: [1704, 0],
  varcf: [0.047, 3],
  cf: [1.284, 3],
} as const satisfies Record<string, PrintedValue>;

/**
 * Annex D.2's: Iarc (D.84), E (D.91), AFB (D.95), Iarc_min (D.99), E_min (D.103),
 * AFB_min (D.106), VarCF (D.96) and CF (D.89).
 */
export const annexD2Outputs = {
  iarc_ka: [28.793, 3],
  e_j_cm2: [11.585, 3],
  afb_mm: [1029, 0],
  iarc_min_ka: [25.244, 3],
  e_min_j_cm2: [53.156, 3],
  afb_min_mm: [2669, 0],
  varcf: [0.247, 3],
  cf: [1.085, 3],
} as const satisfies Record<string, PrintedValue>;

/**
 * The fields of `output` that do not agree with their printed values (agreement: within half a
 * unit of the printed value's last digit), as "field: actual vs printed"; empty when all agree.
 */
export function printedMismatches(output: object, printed: Record<string, PrintedValue>): string[] {
  return Object.entries(printed).flatMap(([field, [value, decimals]]) => {
    const actual = (output as Record<string, unknown>)[field];
    const agrees = typeof actual === "number" && Math.abs(actual - value) < 0.5 * 10 ** -decimals;
    return agrees ? [] : [`${field}: ${String(actual)} vs printed ${value}`];
  });
}

/**
 * Annex D.2 as a study's result row (bus "swbd", 480 V switchgear): the printed results above,
 * the reduced case governing (E_min 53.156 J/cm² = 12.70 cal/cm², NFPA 70E PPE category 3),
 * cleared by a relay "Q1" in the Annex's 61.3 / 319 ms, and the 480 V shock boundaries of
 * NFPA 70E Table 130.4(E)(a) (1000 mm limited, 300 mm restricted approach).
 */
export const annexD2Result: ArcFlashResult = {
  bus: "swbd",
  voc_kv: 0.48,
  status: "ok",
  reason: null,
  equipment: "switchgear",
  ...annexD2Enclosure,
  enclosure: "typical",
  cf: 1.085,
  defaulted: [],
  ibf_ka: 45,
  iarc_ka: 28.793,
  time_ms: 61.3,
  e_j_cm2: 11.585,
  afb_mm: 1029,
  iarc_min_ka: 25.244,
  time_min_ms: 319,
  e_min_j_cm2: 53.156,
  afb_min_mm: 2669,
  governing: "reduced",
  energy_j_cm2: 53.156,
  energy_cal_cm2: 53.156 / 4.184,
  boundary_mm: 2669,
  ppe_category: 3,
  ppe: "PPE category 3 (arc rating ≥ 25 cal/cm²)",
  hazard: "warning",
  limited_approach_mm: 1000,
  restricted_approach_mm: 300,
  devices: [
    {
      switch: "Q1",
      via: "found",
      current_ka: 28.793,
      current_min_ka: 25.244,
      time_ms: 61.3,
      time_min_ms: 319,
    },
  ],
  notes: [],
};
