// Short-circuit ratings of equipment: what the duty study compares fault currents with. Every
// rating is optional; an element without one gets the status "missing rating", never an error.

import { z } from "zod";
import { boundedString, inRange } from "./limits.ts";

/** What a switching device is; it decides which ratings it must have (see DUTY_CHECKS_BY_KIND). */
export const SWITCH_KINDS = [
  "circuit_breaker",
  "switch_disconnector",
  "disconnector",
  "fuse",
  "contactor",
] as const;
export type SwitchKind = (typeof SWITCH_KINDS)[number];

export const CONDUCTOR_MATERIALS = ["cu", "al"] as const;
export type ConductorMaterial = (typeof CONDUCTOR_MATERIALS)[number];

/** Insulation of a conductor; `bare` is an overhead or busbar conductor without insulation. */
export const INSULATIONS = ["pvc", "xlpe", "epr", "rubber", "bare"] as const;
export type Insulation = (typeof INSULATIONS)[number];

/** A type from the type library (built-in name or company type id); see types/apply.ts. */
export const typeRef = boundedString("id", 1).optional();

/** A rated short-circuit current in kA. */
const kiloampere = inRange("rating_ka");
/** A rated duration in s. */
const seconds = inRange("rating_s");

/** Ratings of a switching device (IEC 62271-100 for HV circuit breakers, IEC 60947-2 for LV). */
export const switchRatingFields = {
  kind: z.enum(SWITCH_KINDS).optional(),
  rated_voltage_kv: inRange("rated_voltage_kv").optional(),
  /** Rated normal (continuous) current In (kA); informational, not a short-circuit rating (pandapower's in_ka). */
  rated_current_ka: inRange("rated_current_ka").optional(),
  /** Rated short-circuit breaking current Isc (IEC 62271-100 §4.101) or Icu (IEC 60947-2), r.m.s. kA. */
  breaking_ka: kiloampere.optional(),
  /** Rated short-circuit making current Icm, peak kA (IEC 62271-100 §4.103). */
  making_ka: kiloampere.optional(),
  /** Rated short-time withstand current Ik / Icw (r.m.s. kA) for `short_time_s`. */
  short_time_ka: kiloampere.optional(),
  short_time_s: seconds.optional(),
  /** Time from fault to contact parting (ms); the study's tmin when unset. */
  opening_time_ms: inRange("time_ms").optional(),
  /** The d.c. time constant the breaking rating was tested with (ms); 45 ms when unset (IEC 62271-100 §4.101.2). */
  dc_time_constant_ms: inRange("dc_time_constant_ms").optional(),
};

/** Ratings of a switchboard (IEC 61439-1 §5.3 for LV, IEC 62271-200 for HV). */
export const busRatingFields = {
  /** Rated peak withstand current Ipk (kA). */
  peak_withstand_ka: kiloampere.optional(),
  /** Rated short-time withstand current Icw (r.m.s. kA) for `short_time_s`. */
  short_time_ka: kiloampere.optional(),
  short_time_s: seconds.optional(),
};

/** Conductor data for the adiabatic check I²t ≤ k²S² (IEC 60364-4-43 §434.5.2, IEC 60949). */
export const lineConductorFields = {
  conductor: z.enum(CONDUCTOR_MATERIALS).optional(),
  insulation: z.enum(INSULATIONS).optional(),
  /** The material factor k (A·√s/mm²); overrides the one conductor and insulation give. */
  k_a_s05_mm2: inRange("k_factor").optional(),
  /** Conductor cross-section per phase and circuit (mm²). */
  cross_section_mm2: inRange("cross_section_mm2").optional(),
};

/** Short-circuit withstand of a transformer (IEC 60076-5 §4.1). */
export const transformerRatingFields = {
  /** Symmetrical short-circuit current the windings withstand, referred to the LV side (kA). */
  through_fault_ka: kiloampere.optional(),
  /** Its duration; IEC 60076-5 §4.1.3 uses 2 s unless specified. */
  through_fault_s: seconds.optional(),
};

/**
 * The material factor k (A·√s/mm²) of IEC 60364-4-43:2008 Table 43A for insulated conductors
 * (initial temperature at the insulation's rated operating temperature; PVC ≤ 300 mm²) and of
 * IEC 60364-5-54:2011 Table A.54.5 for bare conductors in normal conditions (200 °C final).
 */
export const CABLE_K_FACTORS: Record<Insulation, Record<ConductorMaterial, number>> = {
  pvc: { cu: 115, al: 76 },
  xlpe: { cu: 143, al: 94 },
  epr: { cu: 143, al: 94 },
  rubber: { cu: 141, al: 93 },
  bare: { cu: 159, al: 105 },
};

/** PVC above 300 mm² has a lower k (Table 43A: 103 Cu, 68 Al). */
const PVC_LARGE = { cu: 103, al: 68 } as const;

/** k from conductor and insulation (given k wins), or undefined when they are not known. */
export function cableKFactor(line: {
  k_a_s05_mm2?: number | undefined;
  conductor?: ConductorMaterial | undefined;
  insulation?: Insulation | undefined;
  cross_section_mm2?: number | undefined;
}): number | undefined {
  if (line.k_a_s05_mm2 !== undefined) return line.k_a_s05_mm2;
  if (line.conductor === undefined || line.insulation === undefined) return undefined;
  if (line.insulation === "pvc" && (line.cross_section_mm2 ?? 0) > 300) return PVC_LARGE[line.conductor];
  return CABLE_K_FACTORS[line.insulation][line.conductor];
}
