// IEEE 1584-2018 Annex D's two worked examples, the one copy of their inputs for every test
// that checks the model against them (sim-wasm kernels, calculator and study; cli; contracts'
// result rows). The values are Annex D's, as reproduced in LiaungYip/arcflash
// `arcflash/ieee_1584/test_example_calcs.py` (MIT).

import type { ArcFlashCaseInput } from "../arc-flash/results.ts";
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
