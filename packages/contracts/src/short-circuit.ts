import { z } from "zod";
import { type ArcFlashResult, arcFlashOptionFields } from "./arc-flash/results.ts";
import type { LoadFlowWorst } from "./batch-load-flow.ts";
import { type DutyCheck, dutyOptionFields } from "./duty.ts";
import { FAULT_TYPES, type FaultType, STUDY_CASES, type StudyCase } from "./fault-types.ts";
import { type LoadFlowResult, loadFlowOptionsSchema, loadFlowStudyOptionsSchema } from "./load-flow.ts";
import type { NetworkIssue } from "./network/issues.ts";
import { type OutageScreeningResult, outageScreeningOptionsSchema } from "./outage-screening.ts";

export { FAULT_TYPES, type FaultType, STUDY_CASES, type StudyCase } from "./fault-types.ts";

/**
 * Where the voltage before the fault comes from: "iec60909", the equivalent voltage source
 * c·Un/√3 at the fault (IEC 60909-0:2016); "load_flow", the superposition method: the
 * voltages of a converged load flow, with loads as impedances (docs/short-circuit.md).
 */
export const PREFAULT_VOLTAGES = ["iec60909", "load_flow"] as const;
export type PrefaultVoltage = (typeof PREFAULT_VOLTAGES)[number];

/** Options of an IEC 60909-0:2016 short-circuit study; defaults are what most studies use. */
export const shortCircuitOptionsSchema = z.strictObject({
  fault: z.enum(FAULT_TYPES).default("3ph"),
  case: z.enum(STUDY_CASES).default("max"),
  /** Peak factor κ: B (uniform R/X, eq. 58) or C (equivalent frequency, eq. 59). */
  kappa_method: z.enum(["B", "C"]).default("C"),
  /** Minimum time delay for the breaking current Ib (s). */
  tmin_s: z.number().positive().max(10).default(0.1),
  /** Short-circuit duration for the thermal equivalent current Ith (s). */
  tk_s: z.number().positive().max(10).default(1),
  /** Low-voltage tolerance of Table 1: +6 % (c_max 1.05) or +10 % (c_max 1.10). */
  lv_tolerance_percent: z.literal([6, 10]).default(10),
  /** Overrides of Table 1's voltage factors for every voltage level. */
  c_max: z.number().min(0.8).max(1.2).optional(),
  c_min: z.number().min(0.8).max(1.2).optional(),
  /** Fault buses; all buses when omitted (with `line_faults`: only those listed). */
  buses: z.array(z.string().min(1)).max(10_000).optional(),
  /**
   * Faults along lines, without editing the network: `position` is the fraction of the line's
   * length from its from_bus (0 < position < 1). Each is one more study of the network with that
   * line split at the fault point (results in `line_faults`).
   */
  line_faults: z
    .array(z.strictObject({ line: z.string().min(1), position: z.number().gt(0).lt(1) }))
    .max(100)
    .optional(),
  /** Branch-end currents for each fault bus and line fault (needs `buses` or `line_faults`). */
  branches: z.boolean().default(false),
  /**
   * Fault impedance Z_f = R + jX (ohm) between the faulted phases, and to earth for earth faults
   * (3·Z_f in the zero-sequence path). IEC 60909 covers bolted faults only (0, the default); a
   * non-zero Z_f models an arc or an earthing resistance, as pandapower's r_fault_ohm/x_fault_ohm.
   */
  r_fault_ohm: z.number().min(0).max(1e6).default(0),
  x_fault_ohm: z.number().min(-1e6).max(1e6).default(0),
  /** Pre-fault voltages: IEC 60909's c·Un/√3 (default) or a load flow's (superposition method). */
  prefault_voltage: z.enum(PREFAULT_VOLTAGES).default("iec60909"),
  /** Settings of that load flow (prefault_voltage "load_flow" only); its defaults otherwise. */
  load_flow: loadFlowOptionsSchema.optional(),
  ...dutyOptionFields,
  /** IEEE 1584-2018 arc flash at every bus; needs fault "3ph" (checked by the engine). */
  ...arcFlashOptionFields,
});

export type ShortCircuitOptions = z.infer<typeof shortCircuitOptionsSchema>;
export type ShortCircuitOptionsInput = z.input<typeof shortCircuitOptionsSchema>;

/** Results at one fault bus; the numbers are null for a bus that no source feeds. */
export interface BusFaultResult {
  bus: string;
  fed: boolean;
  /** Initial symmetrical short-circuit current I''k (kA); for 2ph_earth the larger line current. */
  ikss_ka: number | null;
  /** S''k = √3 · Un · I''k (MVA). */
  skss_mva: number | null;
  /** Positive-sequence short-circuit impedance at the fault, Z(1) = Rk + jXk (ohm). */
  rk_ohm: number | null;
  xk_ohm: number | null;
  /** Zero-sequence impedance at the fault (ohm); null when no earth path exists. */
  r0_ohm: number | null;
  x0_ohm: number | null;
  kappa: number | null;
  ip_ka: number | null;
  ib_ka: number | null;
  ith_ka: number | null;
  /** Earth current 3·I0 (kA) of 1ph and 2ph_earth faults; 0 otherwise. */
  ike_ka: number | null;
}

/** A fault along a line: the bus results' quantities at the fault point. */
export interface LineFaultResult extends Omit<BusFaultResult, "bus"> {
  line: string;
  /** Fraction of the line's length from its from_bus. */
  position: number;
  /** Distance of the fault from the line's from_bus (km). */
  distance_km: number;
  /** Branch-end currents for this fault when `branches`: the faulted line's two parts are
   * reported under the line's id, their ends at the fault point with bus `<line>@<position>`. */
  branches: BranchFaultResult[];
}

/** Current through one end of a branch into the branch, for a fault at `fault_bus`. */
export interface BranchFaultResult {
  fault_bus: string;
  branch: string;
  branch_type: "line" | "transformer" | "transformer3w" | "impedance";
  bus: string;
  /** Phase currents (kA) and the angle of the largest one, relative to the pre-fault voltage at the fault. */
  ia_ka: number;
  ib_ka: number;
  ic_ka: number;
  ikss_ka: number;
  angle_deg: number;
  /** Direction of the fault's contribution (the change the fault makes, without load currents):
   * true when it flows from `bus` into the branch (on toward the fault), false when it leaves the
   * branch into `bus` (the end nearer the fault). */
  toward_fault: boolean;
}

export interface ShortCircuitResult {
  standard: "IEC 60909-0:2016";
  options: ShortCircuitOptions;
  buses: BusFaultResult[];
  branches: BranchFaultResult[];
  /** One result per options.line_faults entry, in their order; absent without line faults. */
  line_faults?: LineFaultResult[];
  /** Every rated element's checks when options.duty; absent otherwise. */
  duty?: DutyCheck[];
  /** Every in-service bus's arc-flash result when options.arc_flash; absent otherwise. */
  arc_flash?: ArcFlashResult[];
  warnings: NetworkIssue[];
  /** Milliseconds per phase: model, factorization, inversion, results. */
  timings: Record<string, number>;
}

/**
 * A sweep run by the worker: every bus × fault type × case, on the base network and with each
 * listed branch (line or transformer id) out of service in turn (N-1); results per bus keep the
 * worst case and the contingency that caused it.
 */
export const batchStudyOptionsSchema = z.strictObject({
  faults: z.array(z.enum(FAULT_TYPES)).min(1).default(["3ph", "1ph"]),
  cases: z
    .array(z.enum(STUDY_CASES))
    .min(1)
    .default([...STUDY_CASES]),
  contingencies: z.array(z.string().min(1)).max(2_000).default([]),
  kappa_method: z.enum(["B", "C"]).default("C"),
  tmin_s: z.number().positive().max(10).default(0.1),
  tk_s: z.number().positive().max(10).default(1),
  lv_tolerance_percent: z.literal([6, 10]).default(10),
  ...dutyOptionFields,
  /**
   * A load flow on the base network and on each contingency, its options and the limits of the
   * worst-voltage and worst-loading tables (batch-load-flow.ts); none when omitted.
   */
  load_flow: loadFlowStudyOptionsSchema.optional(),
});

export type BatchStudyOptions = z.infer<typeof batchStudyOptionsSchema>;

/**
 * The worst result at one bus for one fault type and case over the base network and its outages.
 * Each current is its own worst (the highest for "max", the lowest for "min"): ip, Ib and Ith may
 * come from another contingency than I''k, since R/X and the sources' decay differ between them.
 */
export interface WorstCase {
  bus: string;
  fault: FaultType;
  case: StudyCase;
  /** null: no source feeds the bus in the worst contingency (for "min", the worst of all). */
  ikss_ka: number | null;
  ip_ka: number | null;
  ib_ka: number | null;
  ith_ka: number | null;
  /** The branch out of service in the contingency of the worst I''k; null: the base network. */
  outage: string | null;
}

/** What a batch study stores as its result. */
export interface BatchStudyResult {
  standard: "IEC 60909-0:2016";
  /** Short-circuit studies run: contingencies × fault types × cases. */
  steps: number;
  outages: string[];
  worst: WorstCase[];
  /** With options.duty: per element and check the worst value over the max-case studies, and where it occurred. */
  duty?: DutyCheck[];
  /** With options.load_flow: the worst voltages and loadings over the load flows, per contingency its outcome. */
  load_flow?: LoadFlowWorst;
}

/** What the api accepts to start a study. */
export const studyRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("short_circuit"), options: shortCircuitOptionsSchema.prefault({}) }),
  z.strictObject({ kind: z.literal("batch_study"), options: batchStudyOptionsSchema.prefault({}) }),
  z.strictObject({ kind: z.literal("load_flow"), options: loadFlowStudyOptionsSchema.prefault({}) }),
  z.strictObject({ kind: z.literal("outage_screening"), options: outageScreeningOptionsSchema.prefault({}) }),
]);

export type StudyRequest = z.infer<typeof studyRequestSchema>;

/** What each kind of study is called, in notifications, emails and the web app. */
export const STUDY_KIND_LABELS: Record<StudyRequest["kind"], string> = {
  short_circuit: "Short-circuit study",
  batch_study: "Batch study",
  load_flow: "Load flow",
  outage_screening: "N-1 screening",
};

/** A study's options as stored, by kind: short_circuit, batch_study or load_flow. */
export type StudyOptions = StudyRequest["options"];

/**
 * A study's result as stored: short_circuit → ShortCircuitResult, batch_study → BatchStudyResult,
 * load_flow → LoadFlowResult (non-convergence included: converged false, with its history),
 * outage_screening → OutageScreeningResult.
 */
export type StudyResult = ShortCircuitResult | BatchStudyResult | LoadFlowResult | OutageScreeningResult;

/** The result of a short-circuit or batch study: what the study reports cover. */
export type FaultStudyResult = ShortCircuitResult | BatchStudyResult;

/** The options of a short-circuit or batch study. */
export type FaultStudyOptions = Extract<StudyRequest, { kind: "short_circuit" | "batch_study" }>["options"];

export const isBatchStudyResult = (result: StudyResult): result is BatchStudyResult => "worst" in result;

/** An N-1 screening's result (outage_screening). */
export const isOutageScreeningResult = (result: StudyResult): result is OutageScreeningResult =>
  "not_screened" in result;

/** A short-circuit study's result (neither a batch study's, a screening's nor a load flow's). */
export const isShortCircuitResult = (result: StudyResult): result is ShortCircuitResult =>
  "standard" in result && !("worst" in result) && !("not_screened" in result);

/** Why a study failed: the message, with details (input issues, attempts) where there are any. */
export interface StudyError {
  message: string;
  [detail: string]: unknown;
}
