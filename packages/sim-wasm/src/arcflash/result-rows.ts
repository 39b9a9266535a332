// The per-bus result of the arc-flash study (contracts' ArcFlashResult): the model's currents,
// energies and boundaries, the governing case (the larger energy of the full and the reduced
// arcing current, each with its own duration: IEEE 1584-2018 eq. 2 and Annex D), PPE category
// and signal word (NFPA 70E-2021 Table 130.7(C)(15)(c), ANSI Z535.4) and the shock approach
// boundaries of NFPA 70E Table 130.4(E)(a).

import {
  type ArcFlashResult,
  approachBoundaries,
  arcFlashHazard,
  ppeLevel,
  toCalPerCm2,
} from "@ampflux/contracts";
import type { ArcFlashBus } from "./bus-inputs.ts";
import type { ArcDuration } from "./clearing-times.ts";

const ENCLOSURES = ["typical", "shallow", "open_air"] as const;

/** What the model computed for a bus whose inputs were in range and whose duration is known. */
export interface ModelOutcome {
  iarcKa: number;
  iarcMinKa: number;
  eJcm2: number;
  afbMm: number;
  eMinJcm2: number;
  afbMinMm: number;
  cf: number;
  /** 0 typical, 1 shallow, 2 open air (the kernel's code). */
  enclosure: number;
}

/** The arcing currents alone (a bus whose duration is unknown still shows them). */
export type ArcingOnly = Pick<ModelOutcome, "iarcKa" | "iarcMinKa">;

const finite = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;

export function resultRow(
  row: ArcFlashBus,
  duration: ArcDuration | undefined,
  model: ModelOutcome | ArcingOnly | undefined,
): ArcFlashResult {
  const { inputs } = row;
  const shock = approachBoundaries(row.vocKv);
  const full = model && "eJcm2" in model ? model : undefined;
  const reducedGoverns = full !== undefined && full.eMinJcm2 > full.eJcm2;
  const energy = full ? (reducedGoverns ? full.eMinJcm2 : full.eJcm2) : null;
  const calories = energy === null ? null : toCalPerCm2(energy);
  const ppe = calories === null ? undefined : ppeLevel(calories);
  const status = row.status === "ok" && duration?.noDevice ? "no_device" : row.status;
  return {
    bus: row.bus.id,
    voc_kv: row.vocKv,
    status,
    reason: row.reason ?? (status === "no_device" ? (duration?.noDevice ?? null) : null),
    equipment: inputs.equipment,
    config: inputs.config,
    gap_mm: inputs.gap_mm,
    distance_mm: inputs.distance_mm,
    height_mm: inputs.height_mm,
    width_mm: inputs.width_mm,
    depth_mm: inputs.depth_mm,
    enclosure: full ? (ENCLOSURES[full.enclosure] ?? null) : null,
    cf: finite(full?.cf),
    defaulted: inputs.defaulted,
    ibf_ka: row.ibfKa,
    iarc_ka: finite(model?.iarcKa),
    time_ms: duration?.timeMs ?? null,
    e_j_cm2: finite(full?.eJcm2),
    afb_mm: finite(full?.afbMm),
    iarc_min_ka: finite(model?.iarcMinKa),
    time_min_ms: duration?.timeMinMs ?? null,
    e_min_j_cm2: finite(full?.eMinJcm2),
    afb_min_mm: finite(full?.afbMinMm),
    governing: full ? (reducedGoverns ? "reduced" : "full") : null,
    energy_j_cm2: energy,
    energy_cal_cm2: calories,
    boundary_mm: full ? (reducedGoverns ? full.afbMinMm : full.afbMm) : null,
    ppe_category: ppe?.category ?? null,
    ppe: ppe?.text ?? null,
    hazard: calories === null ? null : arcFlashHazard(calories),
    limited_approach_mm: shock?.limited_fixed_mm ?? null,
    restricted_approach_mm: shock?.restricted_mm ?? null,
    devices: duration?.devices ?? [],
    notes: duration?.notes ?? [],
  };
}
