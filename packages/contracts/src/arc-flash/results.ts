// Arc-flash study: options, per-bus results and the calculator mode's input and output lines.
// The model is IEEE 1584-2018 (sim-wasm, rust/src/arcflash); clearing times come from the
// switches' protection (network/arc-flash.ts); docs/arc-flash.md gives the clauses.

import { z } from "zod";
import { type ArcFlashEquipment, ELECTRODE_CONFIGS, type ElectrodeConfig } from "../network/arc-flash.ts";
import type { ArcFlashHazard } from "./ppe.ts";
import type { ArcFlashDimensions } from "./typical-values.ts";

export const arcFlashOptionFields = {
  /** IEEE 1584-2018 incident energy at every bus from the study's 3ph bolted fault currents. */
  arc_flash: z.boolean().default(false),
  /**
   * Longest arc duration (s) when a device is slow or no device clears the bus: IEEE 1584-2018
   * §6.9.1 lets a study cap it at 2 s where the worker can move away; null: no cap.
   */
  arc_flash_max_duration_s: z.number().positive().max(60).nullable().default(2),
};

/** Which current gave the reported (larger) energy: the full arcing current or the reduced one (VarCF). */
export const ARC_FLASH_CASES = ["full", "reduced"] as const;
export type ArcFlashCase = (typeof ARC_FLASH_CASES)[number];

/**
 * - ok: computed.
 * - out_of_range: an input lies outside the model's range (IEEE 1584-2018 §4.2); no number.
 * - missing_data: a needed value has neither data nor a typical value; no number.
 * - no_device: no protective device clears the bus and no duration cap is set; no number.
 * - unfed: no source feeds the bus.
 */
export const ARC_FLASH_STATUSES = ["ok", "out_of_range", "missing_data", "no_device", "unfed"] as const;
export type ArcFlashStatus = (typeof ARC_FLASH_STATUSES)[number];

/** A protective device that clears (part of) the arcing current at a bus. */
export interface ArcFlashDevice {
  switch: string;
  /** set: named in the bus's arc_flash.devices; found: nearest protected switch towards a source. */
  via: "set" | "found";
  /** Current through the device for the full and reduced arcing current (kA). */
  current_ka: number;
  current_min_ka: number;
  /** Its clearing time for each (ms); null: it does not pick up. */
  time_ms: number | null;
  time_min_ms: number | null;
}

export interface ArcFlashResult extends ArcFlashDimensions {
  bus: string;
  /** Open-circuit voltage: the bus's nominal voltage (kV). */
  voc_kv: number;
  status: ArcFlashStatus;
  /** Why there is no number (status other than ok), naming the field. */
  reason: string | null;
  equipment: ArcFlashEquipment;
  config: ElectrodeConfig;
  /** "typical" or "shallow" enclosure (IEEE 1584-2018 §4.8), "open_air" for VOA/HOA. */
  enclosure: "typical" | "shallow" | "open_air" | null;
  /** Enclosure size correction factor CF (eq. 14/15); 1 in open air. */
  cf: number | null;
  /** Values taken from typical tables, one line each. */
  defaulted: string[];
  /** Bolted 3ph fault current: the study's I''k (kA). */
  ibf_ka: number | null;
  /** Full arcing current, its duration, incident energy and boundary. */
  iarc_ka: number | null;
  time_ms: number | null;
  e_j_cm2: number | null;
  afb_mm: number | null;
  /** The reduced arcing current (1 − 0.5·VarCF)·Iarc with its own duration. */
  iarc_min_ka: number | null;
  time_min_ms: number | null;
  e_min_j_cm2: number | null;
  afb_min_mm: number | null;
  /** The larger energy of the two and which case gave it; its boundary. */
  governing: ArcFlashCase | null;
  energy_j_cm2: number | null;
  energy_cal_cm2: number | null;
  boundary_mm: number | null;
  ppe_category: 1 | 2 | 3 | 4 | null;
  ppe: string | null;
  hazard: ArcFlashHazard | null;
  /** NFPA 70E Table 130.4(E)(a) shock boundaries for voc_kv (mm); null where not specified. */
  limited_approach_mm: number | null;
  restricted_approach_mm: number | null;
  devices: ArcFlashDevice[];
  /** Durations capped, ambiguous device choices and other things a reviewer must see. */
  notes: string[];
}

/** One line of `ampflux arc-flash --cases FILE.jsonl`, as in IEEE's own calculator. */
export const arcFlashCaseSchema = z.strictObject({
  voc_kv: z.number().positive(),
  ibf_ka: z.number().positive(),
  config: z.enum(ELECTRODE_CONFIGS),
  gap_mm: z.number().positive(),
  distance_mm: z.number().positive(),
  height_mm: z.number().positive().optional(),
  width_mm: z.number().positive().optional(),
  depth_mm: z.number().positive().optional(),
  /** Arc duration for the full arcing current (ms). */
  time_ms: z.number().positive(),
  /** Arc duration for the reduced arcing current (ms); time_ms when absent. */
  time_reduced_ms: z.number().positive().optional(),
});
export type ArcFlashCaseInput = z.infer<typeof arcFlashCaseSchema>;

/** One output line of the calculator: every intermediate a reviewer checks against Annex D. */
export interface ArcFlashCaseOutput {
  iarc_ka: number;
  e_j_cm2: number;
  afb_mm: number;
  iarc_min_ka: number;
  e_min_j_cm2: number;
  afb_min_mm: number;
  varcf: number;
  cf: number;
  enclosure: "typical" | "shallow" | "open_air";
  /** The larger energy's case, its energy in cal/cm² and PPE. */
  governing: ArcFlashCase;
  energy_cal_cm2: number;
  ppe: string;
}
