// "Why this number": how the engine reached one bus's IEC 60909-0:2016 result — the voltage
// factor and its Table 1 row, the sequence impedances at the fault and the fault type's formula,
// each source's partial current with the correction factors it carries, κ, Ib (μ, q per
// machine) and Ith (m, n). Computed by explainBusResult in @ampflux/sim-wasm from the engine's
// own numbers; offered by tRPC, the CLI (`ampflux study FILE --explain BUS`), the assistant and
// the web's "Why this number" panel.

import { z } from "zod";
import {
  type BranchFaultResult,
  FAULT_TYPES,
  STUDY_CASES,
  shortCircuitOptionsSchema,
} from "./short-circuit.ts";

/** A clause or equation of IEC 60909-0:2016 (or the other reference named). */
const clause = z.string();

const impedanceSchema = z.object({
  r_ohm: z.number(),
  x_ohm: z.number(),
  /** R/X, null when X = 0. */
  r_over_x: z.number().nullable(),
});

/** A complex current in kA, phase angle relative to the fault's source voltage. */
const phasorSchema = z.object({ magnitude_ka: z.number(), angle_deg: z.number() });

export const correctionFactorSchema = z.object({
  /** K_T, K_G, K_S, K_SO. */
  name: z.string(),
  value: z.number(),
  clause,
  /** The element the factor corrects, when another than the one listed (a unit's transformer). */
  element: z.string().optional(),
});
export type CorrectionFactor = z.infer<typeof correctionFactorSchema>;

export const CONTRIBUTOR_KINDS = [
  "external_grid",
  "generator",
  "power_station_unit",
  "motor",
  "converter",
  /** An earthed transformer winding or generator star point: a zero-sequence path, no source. */
  "earthed_winding",
  /** Loads and line charging of the superposition method, and other unnamed shunts. */
  "passive",
] as const;

export const partialCurrentSchema = z.object({
  /** The element's id; null for the group of unnamed passive shunts. */
  element: z.string().nullable(),
  kind: z.enum(CONTRIBUTOR_KINDS),
  /** Where it connects; null for the group of unnamed passive shunts. */
  bus: z.string().nullable(),
  /** Its part of the fault bus's I''k, in the faulted phase the result reports. */
  current: phasorSchema,
  factors: z.array(correctionFactorSchema),
  /** How the part follows from the element (the formula, in words). */
  method: z.string(),
});
export type PartialCurrent = z.infer<typeof partialCurrentSchema>;

export const machineDecaySchema = z.object({
  element: z.string(),
  kind: z.enum(["generator", "power_station_unit", "motor"]),
  /** I''kG (or I''kM) of the machine for this fault, kA at the machine's bus. */
  ikss_ka: z.number(),
  /** Rated current, kA at the machine's bus. */
  ir_ka: z.number(),
  /** I''kG / I_rG, which μ depends on (eq. 70). */
  current_ratio: z.number(),
  mu: z.number(),
  /** Asynchronous motors only (eq. 73); null for synchronous machines. */
  q: z.number().nullable(),
  /** ΔU''/(c·Un/√3) = X''·I''kG / c, the voltage drop at the machine's terminals (eq. 75). */
  voltage_ratio: z.number(),
  /**
   * This machine's term of eq. (75), (jX''·I''kG/(c·Un/√3))·(1 − μq)·I''kG, along I''k: how much
   * it lowers Ib below I''k to first order, kA at the fault bus.
   */
  decrement_ka: z.number(),
});

export const busResultExplanationSchema = z.object({
  bus: z.string(),
  fault: z.enum(FAULT_TYPES),
  case: z.enum(STUDY_CASES),
  standard: z.literal("IEC 60909-0:2016"),
  /** The bus result being explained, as the study reports it. */
  result: z.object({
    ikss_ka: z.number(),
    ip_ka: z.number(),
    ib_ka: z.number(),
    ith_ka: z.number(),
    ike_ka: z.number(),
    skss_mva: z.number(),
  }),
  voltage_factor: z.object({
    c: z.number(),
    un_kv: z.number(),
    /** table_1: IEC 60909-0 Table 1; option: c_max/c_min given; load_flow: |U| before the fault. */
    source: z.enum(["table_1", "option", "load_flow"]),
    /** The Table 1 row: "Un ≤ 1 kV, tolerance +10 %, c_max" and the like. */
    row: z.string(),
    clause,
  }),
  impedances: z.object({
    z1: impedanceSchema,
    /** Z(2) = Z(1) for every element (§4.2 far from generator; the engine's assumption). */
    z2: impedanceSchema,
    /** Earth faults with an earth path only. */
    z0: impedanceSchema.nullable(),
    /** The fault impedance of the options; null for a bolted fault. */
    zf: impedanceSchema.nullable(),
  }),
  formula: z.object({ text: z.string(), clause }),
  contributions: z.object({
    parts: z.array(partialCurrentSchema),
    /** The phasor sum of the parts and the residual: I''k. */
    sum: phasorSchema,
    /**
     * What the per-unit model attributes to transformers whose rated ratio differs from the
     * ratio of their buses' nominal voltages (no source of its own; 0 when every ratio is nominal).
     */
    ratio_residual: phasorSchema,
    note: z.string(),
  }),
  peak: z.object({
    method: z.enum(["B", "C"]),
    r_over_x: z.number(),
    kappa: z.number(),
    ip_ka: z.number(),
    text: z.string(),
    clause,
  }),
  breaking: z.object({
    t_min_s: z.number(),
    ib_ka: z.number(),
    /** Machines' eq. (75) terms; empty when Ib = I''k (unbalanced fault, fault impedance, no machines). */
    machines: z.array(machineDecaySchema),
    /**
     * Ib = |I''k − Σ terms| (phasors): what the terms' components across I''k add back (≤ 0 kA);
     * I''k − Σ decrement_ka − quadrature_ka = Ib.
     */
    quadrature_ka: z.number(),
    text: z.string(),
    clause,
  }),
  thermal: z.object({
    tk_s: z.number(),
    m: z.number(),
    n: z.number(),
    ith_ka: z.number(),
    text: z.string(),
    clause,
  }),
  /** K_T of the network transformers the island's model carries (eq. 12a, 13). */
  transformer_factors: z.array(correctionFactorSchema.extend({ element: z.string() })),
  /** Branch-end currents for this fault, as `branches: true` reports them. */
  branches: z.array(
    z.object({
      branch: z.string(),
      /** BranchFaultResult's branch_type (line, transformer, transformer3w, impedance). */
      branch_type: z.custom<BranchFaultResult["branch_type"]>((v) => typeof v === "string"),
      bus: z.string(),
      ia_ka: z.number(),
      ib_ka: z.number(),
      ic_ka: z.number(),
      ikss_ka: z.number(),
      angle_deg: z.number(),
      /** BranchFaultResult's toward_fault: the fault's contribution flows from `bus` into the branch. */
      toward_fault: z.boolean(),
    }),
  ),
});
export type BusResultExplanation = z.infer<typeof busResultExplanationSchema>;

/** The study options an explanation takes: one bus, so no bus list, line faults, duty or arc flash. */
export const explainOptionsSchema = shortCircuitOptionsSchema.omit({
  buses: true,
  branches: true,
  line_faults: true,
  duty: true,
  duty_current: true,
  arc_flash: true,
  arc_flash_max_duration_s: true,
});
export type ExplainOptionsInput = z.input<typeof explainOptionsSchema>;

/** The options of a study that an explanation does not take (one bus, no duty or arc flash). */
type NotExplained =
  | "buses"
  | "branches"
  | "line_faults"
  | "duty"
  | "duty_current"
  | "arc_flash"
  | "arc_flash_max_duration_s";

/** A study's options as an explanation of one of its buses takes them. */
export function explainOptionsOf<T extends object>(options: T): Omit<T, NotExplained> {
  const {
    buses: _b,
    branches: _r,
    line_faults: _l,
    duty: _d,
    duty_current: _c,
    arc_flash: _a,
    arc_flash_max_duration_s: _m,
    ...explained
  } = options as T & Partial<Record<NotExplained, unknown>>;
  return explained;
}
