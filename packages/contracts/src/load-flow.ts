// Load flow: the options every caller accepts (CLI, api, worker, browser) and the result the
// engine returns (docs/load-flow.md). The engine in @ampflux/sim-wasm implements these; the api,
// the web client and the worker type against them here.

import { z } from "zod";

/**
 * nr: Newton–Raphson in polar coordinates (Tinney & Hart 1967), the default.
 * fdxb / fdbx: fast-decoupled, XB and BX versions (Stott & Alsaç 1974; van Amerongen 1989).
 * dc: the linear DC approximation (|V| = 1, sin θ ≈ θ, r ≪ x; no reactive power, no losses).
 */
export const LOAD_FLOW_ALGORITHMS = ["nr", "fdxb", "fdbx", "dc"] as const;
export type LoadFlowAlgorithm = (typeof LOAD_FLOW_ALGORITHMS)[number];

export const loadFlowOptionsSchema = z.strictObject({
  algorithm: z.enum(LOAD_FLOW_ALGORITHMS).default("nr"),
  /** Convergence when max |ΔP|, |ΔQ| ≤ this, per unit on the system base. */
  tolerance_pu: z.number().positive().max(1).default(1e-8),
  /** Iterations before giving up; omitted: 10 for nr, 30 for the fast-decoupled versions. */
  max_iterations: z.number().int().min(0).max(10_000).optional(),
  /**
   * false (as MATPOWER's runpf): PQ buses start from their stored vm_pu/va_degree, flat where a
   * bus has none; true: |V| = 1 pu and the no-load angles.
   */
  flat_start: z.boolean().default(false),
  /** Hold generators within q_min_mvar..q_max_mvar by switching PV buses to PQ. */
  q_limits: z.boolean().default(false),
});

/** What callers pass (every field optional). */
export type LoadFlowOptions = z.input<typeof loadFlowOptionsSchema>;
/** After defaults. */
export type ParsedLoadFlowOptions = z.output<typeof loadFlowOptionsSchema>;

export const LOAD_FLOW_OUTCOMES = ["converged", "max-iterations", "singular-jacobian", "diverged"] as const;
export type LoadFlowOutcome = (typeof LOAD_FLOW_OUTCOMES)[number];

export type LoadFlowBusType = "slack" | "pv" | "pq" | "unsupplied" | "out-of-service";

export interface LoadFlowBusResult {
  bus: string;
  type: LoadFlowBusType;
  /** Island number (null: out of service). */
  island: number | null;
  vm_pu: number | null;
  va_degree: number | null;
  /** What the bus's loads and motors draw minus what its sources feed (consumer sign). */
  p_mw: number | null;
  q_mvar: number | null;
}

export interface LoadFlowBranchResult {
  id: string;
  kind: "line" | "transformer" | "transformer3w" | "impedance";
  /** A three-winding transformer reports one row per winding, from its bus to the star point "*". */
  from_bus: string;
  to_bus: string;
  /** Flows from each end's bus into the branch. */
  p_from_mw: number;
  q_from_mvar: number;
  i_from_ka: number;
  p_to_mw: number;
  q_to_mvar: number;
  i_to_ka: number;
  pl_mw: number;
  ql_mvar: number;
  /** Larger end current over its rating (null: no rating). */
  loading_percent: number | null;
}

export interface LoadFlowSourceResult {
  id: string;
  kind: "external_grid" | "generator";
  bus: string;
  /** Generation. */
  p_mw: number;
  q_mvar: number;
}

export interface LoadFlowResult {
  algorithm: LoadFlowAlgorithm;
  converged: boolean;
  outcome: LoadFlowOutcome;
  iterations: number;
  /** max |ΔP|, |ΔQ| (pu on base_mva) before each step and at the end. */
  mismatch_pu: number[];
  tolerance_pu: number;
  base_mva: number;
  islands: number;
  buses: LoadFlowBusResult[];
  branches: LoadFlowBranchResult[];
  sources: LoadFlowSourceResult[];
  /** Sum of the branch losses (series and charging). */
  losses: { p_mw: number; q_mvar: number };
  warnings: string[];
  /** Time spent, ms: building the model and solving. */
  timing_ms: { model: number; solve: number };
}

/**
 * Violation limits of a load-flow study: a bus is under/over voltage outside vm_min_pu..vm_max_pu,
 * a branch overloaded above loading_max_percent. Defaults: ±5 % of nominal (the usual planning
 * band, e.g. EN 50160's ±10 % tightened as network operators do) and the branch rating.
 */
export const loadFlowLimitsSchema = z
  .strictObject({
    vm_min_pu: z.number().positive().max(2).default(0.95),
    vm_max_pu: z.number().positive().max(2).default(1.05),
    loading_max_percent: z.number().positive().max(1_000).default(100),
  })
  .refine((l) => l.vm_min_pu < l.vm_max_pu, {
    path: ["vm_min_pu"],
    message: "vm_min_pu must be below vm_max_pu",
  });

export type LoadFlowLimits = z.output<typeof loadFlowLimitsSchema>;
export type LoadFlowLimitsInput = z.input<typeof loadFlowLimitsSchema>;

/** A stored load-flow study's options: the engine's options and the violation limits. */
export const loadFlowStudyOptionsSchema = loadFlowOptionsSchema.extend({
  limits: loadFlowLimitsSchema.prefault({}),
});

export type LoadFlowStudyOptions = z.output<typeof loadFlowStudyOptionsSchema>;
export type LoadFlowStudyOptionsInput = z.input<typeof loadFlowStudyOptionsSchema>;

/** The engine's options of a study (without the limits, which the engine does not know). */
export const engineLoadFlowOptions = ({
  limits: _limits,
  ...engine
}: LoadFlowStudyOptions): ParsedLoadFlowOptions => engine;

/** What a bus's voltage or a branch's loading is against the limits. */
export type LoadFlowViolation = "undervoltage" | "overvoltage" | "overload";

/** A bus's violation; null inside the band or without a voltage (unsupplied, out of service). */
export function busViolation(
  bus: Pick<LoadFlowBusResult, "vm_pu">,
  limits: LoadFlowLimits,
): "undervoltage" | "overvoltage" | null {
  if (bus.vm_pu === null) return null;
  if (bus.vm_pu < limits.vm_min_pu) return "undervoltage";
  if (bus.vm_pu > limits.vm_max_pu) return "overvoltage";
  return null;
}

/** A branch's violation; null within its rating or without one. */
export function branchViolation(
  branch: Pick<LoadFlowBranchResult, "loading_percent">,
  limits: LoadFlowLimits,
): "overload" | null {
  return branch.loading_percent !== null && branch.loading_percent > limits.loading_max_percent
    ? "overload"
    : null;
}

/** Tells a stored load-flow result from the short-circuit and batch ones. */
export const isLoadFlowResult = (result: object): result is LoadFlowResult => "mismatch_pu" in result;
