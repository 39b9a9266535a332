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
  kind: "line" | "transformer" | "transformer3w";
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
