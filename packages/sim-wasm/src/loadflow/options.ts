// Options of a load flow; the defaults are the usual ones for Newton–Raphson (MATPOWER and
// pandapower use the same tolerance and iteration limit).

import { LoadFlowInputError } from "./errors.ts";

export interface LoadFlowOptions {
  /** Convergence when max |ΔP|, |ΔQ| ≤ this, per unit on the system base (default 1e-8). */
  tolerance_pu?: number;
  /** Newton steps before giving up (default 10). */
  max_iterations?: number;
  /**
   * false (default, as MATPOWER's runpf): start PQ buses from their stored vm_pu/va_degree (flat
   * where a bus has none); true: |V| = 1 pu and the slack's angle at every PQ bus.
   */
  flat_start?: boolean;
  /** Hold generators within q_min_mvar..q_max_mvar by switching PV buses to PQ (default off). */
  q_limits?: boolean;
}

export type ResolvedLoadFlowOptions = Required<LoadFlowOptions>;

export function resolveLoadFlowOptions(options: LoadFlowOptions = {}): ResolvedLoadFlowOptions {
  const resolved = {
    tolerance_pu: options.tolerance_pu ?? 1e-8,
    max_iterations: options.max_iterations ?? 10,
    flat_start: options.flat_start ?? false,
    q_limits: options.q_limits ?? false,
  };
  if (!(resolved.tolerance_pu > 0 && Number.isFinite(resolved.tolerance_pu)))
    throw new LoadFlowInputError("invalid options", [
      { path: ["tolerance_pu"], message: "must be a positive number" },
    ]);
  if (
    !Number.isInteger(resolved.max_iterations) ||
    resolved.max_iterations < 0 ||
    resolved.max_iterations > 10_000
  )
    throw new LoadFlowInputError("invalid options", [
      { path: ["max_iterations"], message: "must be an integer in 0..10000" },
    ]);
  return resolved;
}
