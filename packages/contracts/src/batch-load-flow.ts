// N-1 load flow in a batch study (docs/load-flow.md, "N-1 load flow in batch studies"): the
// option that asks for it and what the worker keeps of the load flows of the base network and
// each contingency: per bus the lowest and highest voltage, per branch the highest loading, each
// with the outage that caused it, and per contingency whether its load flow converged.

import type { LoadFlowBranchResult, LoadFlowLimits, LoadFlowOutcome } from "./load-flow.ts";

/**
 * One bus over the converged load flows (base and contingencies): its lowest and highest Vm and
 * the outage of each (null: the base network). A case leaving the bus without an external grid
 * is counted apart (it has no voltage to compare).
 */
export interface LoadFlowWorstBus {
  bus: string;
  /** null: the bus had no voltage in any converged case (unsupplied or out of service). */
  vm_min_pu: number | null;
  vm_min_outage: string | null;
  vm_max_pu: number | null;
  vm_max_outage: string | null;
  /** Converged cases in which the bus was unsupplied, and the first outage that did it. */
  unsupplied_cases: number;
  unsupplied_outage: string | null;
}

/**
 * One branch (a three-winding transformer: one row per winding) over the converged load flows:
 * the highest loading with the outage that caused it, and the larger end current in that case.
 * Without a rating the highest current decides.
 */
export interface LoadFlowWorstBranch
  extends Pick<LoadFlowBranchResult, "id" | "kind" | "from_bus" | "to_bus"> {
  loading_percent: number | null;
  i_ka: number;
  outage: string | null;
}

/** The load flow of the base network (outage null) or of one contingency. */
export interface LoadFlowContingency {
  outage: string | null;
  converged: boolean;
  outcome: LoadFlowOutcome;
  iterations: number;
  islands: number;
  /** Buses in islands without an external grid. */
  unsupplied_buses: number;
  /** With the batch's limits (only when converged): buses outside the band, branches above it. */
  voltage_violations: number;
  overloads: number;
}

/** What a batch study with `load_flow` keeps of its load flows (BatchStudyResult.load_flow). */
export interface LoadFlowWorst {
  limits: LoadFlowLimits;
  /** Load flows run: the base network and one per contingency. */
  steps: number;
  /** Base first, then the contingencies in the order asked. */
  contingencies: LoadFlowContingency[];
  buses: LoadFlowWorstBus[];
  branches: LoadFlowWorstBranch[];
}

/** Worst-voltage CSV columns: one row per bus. */
export const LOAD_FLOW_WORST_BUS_CSV_COLUMNS = [
  "bus",
  "vm_min_pu",
  "vm_min_outage",
  "vm_max_pu",
  "vm_max_outage",
  "unsupplied_cases",
  "unsupplied_outage",
] as const satisfies readonly (keyof LoadFlowWorstBus)[];

/** Worst-loading CSV columns: one row per branch (per winding of a three-winding transformer). */
export const LOAD_FLOW_WORST_BRANCH_CSV_COLUMNS = [
  "id",
  "kind",
  "from_bus",
  "to_bus",
  "loading_percent",
  "i_ka",
  "outage",
] as const satisfies readonly (keyof LoadFlowWorstBranch)[];
