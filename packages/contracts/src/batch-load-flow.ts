// N-1 load flow in a batch study (docs/load-flow.md, "N-1 load flow in batch studies"): the
// option that asks for it and what the worker keeps of the load flows of the base network and
// each contingency: per bus the lowest and highest voltage, per branch the highest loading, each
// with the outage that caused it, and per contingency whether its load flow converged.

import { z } from "zod";
import { type LoadFlowBranchResult, type LoadFlowOutcome, loadFlowOptionsSchema } from "./load-flow.ts";

/**
 * Violation limits: a bus is under/over voltage outside vm_min_pu..vm_max_pu, a branch
 * overloaded above loading_max_percent. Defaults: ±5 % of nominal (a common planning band,
 * tighter than EN 50160's ±10 % supply tolerance) and the branch's rating.
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

/** A batch study's `load_flow`: the engine's options and the limits its tables are checked against. */
export const batchLoadFlowOptionsSchema = loadFlowOptionsSchema.extend({
  limits: loadFlowLimitsSchema.prefault({}),
});

export type BatchLoadFlowOptions = z.output<typeof batchLoadFlowOptionsSchema>;

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

/** A bus's violation; null inside the band or without a voltage (unsupplied, out of service). */
export function busViolation(
  bus: { vm_pu: number | null },
  limits: LoadFlowLimits,
): "undervoltage" | "overvoltage" | null {
  if (bus.vm_pu === null) return null;
  if (bus.vm_pu < limits.vm_min_pu) return "undervoltage";
  if (bus.vm_pu > limits.vm_max_pu) return "overvoltage";
  return null;
}

/** A branch's violation; null within its rating or without one. */
export function branchViolation(
  branch: { loading_percent: number | null },
  limits: LoadFlowLimits,
): "overload" | null {
  return branch.loading_percent !== null && branch.loading_percent > limits.loading_max_percent
    ? "overload"
    : null;
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
