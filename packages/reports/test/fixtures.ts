// ArcFlashResult fixtures for the renderers. The renderers compute nothing, so these are not
// Annex D results: each fixture is only made self-consistent the way the engine's results are
// (cal/cm² = J/cm² / 4.184, PPE and signal word from contracts' ppeLevel and arcFlashHazard),
// and each test checks that the numbers it put in come out on the label.

import {
  type ArcFlashLabelStudy,
  type ArcFlashResult,
  arcFlashHazard,
  ppeLevel,
  toCalPerCm2,
} from "@ampflux/contracts";

export const STUDY: ArcFlashLabelStudy = {
  project: "Plant A",
  network: "Main site v12",
  study_date: "2026-11-30",
};

export function arcFlashResult(
  bus: string,
  energyJCm2: number,
  overrides: Partial<ArcFlashResult> = {},
): ArcFlashResult {
  const cal = toCalPerCm2(energyJCm2);
  const ppe = ppeLevel(cal);
  return {
    bus,
    voc_kv: 0.48,
    status: "ok",
    reason: null,
    equipment: "panelboard",
    config: "VCB",
    gap_mm: 25,
    distance_mm: 457.2,
    height_mm: 508,
    width_mm: 508,
    depth_mm: 203.2,
    enclosure: "shallow",
    cf: 1.2,
    defaulted: [],
    ibf_ka: 30,
    iarc_ka: 20.1,
    time_ms: 50,
    e_j_cm2: energyJCm2 * 0.8,
    afb_mm: 900,
    iarc_min_ka: 17.2,
    time_min_ms: 319,
    e_min_j_cm2: energyJCm2,
    afb_min_mm: 1234.4,
    governing: "reduced",
    energy_j_cm2: energyJCm2,
    energy_cal_cm2: cal,
    boundary_mm: 1234.4,
    ppe_category: ppe.category,
    ppe: ppe.text,
    hazard: arcFlashHazard(cal),
    limited_approach_mm: 1000,
    restricted_approach_mm: 300,
    devices: [
      { switch: "Q1", via: "found", current_ka: 17.2, current_min_ka: 14.6, time_ms: 50, time_min_ms: 319 },
    ],
    notes: [],
    ...overrides,
  };
}
