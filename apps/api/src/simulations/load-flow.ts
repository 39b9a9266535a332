// A load-flow study in the api: run inline when small (as run-inline.ts does for short-circuit
// studies), and a stored result read as simulations.loadFlow, simulations.loadFlowCsv and the
// assistant's get_load_flow_results read it: buses, branches and sources, each row marked with
// its violation of the study's limits, filtered to the violations on request.

import {
  branchViolation,
  busViolation,
  engineLoadFlowOptions,
  LOAD_FLOW_CSV,
  type LoadFlowBranchResult,
  type LoadFlowBusResult,
  type LoadFlowCsvTable,
  type LoadFlowLimits,
  type LoadFlowResult,
  type LoadFlowSourceResult,
  type LoadFlowStudyOptions,
  type LoadFlowViolation,
  type NetworkDocument,
  type StudyError,
  storedDocumentTypes,
  validateNetwork,
  writeCsv,
} from "@ampflux/contracts";
import { LoadFlowInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { z } from "zod";
import { validationError } from "../circuits/validate.ts";

export type InlineLoadFlowOutcome =
  | { status: "succeeded"; result: LoadFlowResult; timings: Record<string, number> }
  | { status: "failed"; error: StudyError; timings: Record<string, number> };

/**
 * Runs a small load flow in the api process. Options the engine refuses are the caller's
 * mistake: BAD_REQUEST with paths under study.options, nothing stored. Non-convergence is a
 * result (converged: false); anything else the engine throws is a failed study with its message.
 */
export function runInlineLoadFlow(
  core: SimCore,
  document: NetworkDocument,
  options: LoadFlowStudyOptions,
): InlineLoadFlowOutcome {
  const started = performance.now();
  try {
    const network = ValidatedNetwork.fromValidation(validateNetwork(document, storedDocumentTypes(document)));
    const result = core.loadFlow(network, engineLoadFlowOptions(options));
    return {
      status: "succeeded",
      result,
      timings: { ...result.timing_ms, total: performance.now() - started },
    };
  } catch (error) {
    if (error instanceof LoadFlowInputError)
      throw validationError("the study", ["study", "options"], error.issues);
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", error: { message }, timings: { total: performance.now() - started } };
  }
}

export const LOAD_FLOW_TABLES = ["buses", "branches", "sources"] as const;

/** Each filter keeps the rows that pass it; none given keeps all. */
export const loadFlowFilterSchema = z.object({
  /** Only buses out of the voltage band and branches above the loading limit. */
  violations_only: z.boolean().default(false),
  /** Only these buses (ids): their bus rows, the branches and sources at them. */
  buses: z.array(z.string().min(1)).max(1_000).optional(),
  /** Rows per table at most (the counts are over all rows). */
  limit: z.number().int().min(1).max(100_000).default(10_000),
});
export type LoadFlowFilter = z.infer<typeof loadFlowFilterSchema>;
export type LoadFlowFilterInput = z.input<typeof loadFlowFilterSchema>;

export type LoadFlowBusRow = LoadFlowBusResult & { violation: "undervoltage" | "overvoltage" | null };
export type LoadFlowBranchRow = LoadFlowBranchResult & { violation: "overload" | null };

export interface LoadFlowSummary {
  converged: boolean;
  outcome: LoadFlowResult["outcome"];
  iterations: number;
  /** Rows per violation over the whole result. */
  violations: Record<LoadFlowViolation, number>;
  /** The lowest and highest bus voltage (supplied buses), and the most loaded branch. */
  lowest: { bus: string; vm_pu: number } | null;
  highest: { bus: string; vm_pu: number } | null;
  most_loaded: { id: string; loading_percent: number } | null;
  losses: LoadFlowResult["losses"];
}

export interface LoadFlowView {
  summary: LoadFlowSummary;
  limits: LoadFlowLimits;
  /** Rows in the result and rows that passed the filters, per table. */
  total: Record<(typeof LOAD_FLOW_TABLES)[number], number>;
  matching: Record<(typeof LOAD_FLOW_TABLES)[number], number>;
  buses: LoadFlowBusRow[];
  branches: LoadFlowBranchRow[];
  sources: LoadFlowSourceResult[];
  /** max mismatch (pu) before each step and at the end. */
  mismatch_pu: number[];
  warnings: string[];
}

export function loadFlowRows(result: LoadFlowResult, limits: LoadFlowLimits) {
  const buses: LoadFlowBusRow[] = result.buses.map((b) => ({ ...b, violation: busViolation(b, limits) }));
  const branches: LoadFlowBranchRow[] = result.branches.map((b) => ({
    ...b,
    violation: branchViolation(b, limits),
  }));
  return { buses, branches };
}

export function loadFlowSummary(result: LoadFlowResult, limits: LoadFlowLimits): LoadFlowSummary {
  const { buses, branches } = loadFlowRows(result, limits);
  const violations: Record<LoadFlowViolation, number> = { undervoltage: 0, overvoltage: 0, overload: 0 };
  for (const row of [...buses, ...branches]) if (row.violation) violations[row.violation]++;
  let lowest: LoadFlowSummary["lowest"] = null;
  let highest: LoadFlowSummary["highest"] = null;
  for (const { bus, vm_pu } of buses) {
    if (vm_pu === null) continue;
    if (!lowest || vm_pu < lowest.vm_pu) lowest = { bus, vm_pu };
    if (!highest || vm_pu > highest.vm_pu) highest = { bus, vm_pu };
  }
  let mostLoaded: LoadFlowSummary["most_loaded"] = null;
  for (const { id, loading_percent } of branches)
    if (loading_percent !== null && loading_percent > (mostLoaded?.loading_percent ?? -1))
      mostLoaded = { id, loading_percent };
  return {
    converged: result.converged,
    outcome: result.outcome,
    iterations: result.iterations,
    violations,
    lowest,
    highest,
    most_loaded: mostLoaded,
    losses: result.losses,
  };
}

export function loadFlowView(
  result: LoadFlowResult,
  limits: LoadFlowLimits,
  filter: LoadFlowFilter,
): LoadFlowView {
  const rows = loadFlowRows(result, limits);
  const at = filter.buses?.length ? new Set(filter.buses) : undefined;
  const buses = rows.buses.filter((b) => (!filter.violations_only || b.violation) && (!at || at.has(b.bus)));
  const branches = rows.branches.filter(
    (b) => (!filter.violations_only || b.violation) && (!at || at.has(b.from_bus) || at.has(b.to_bus)),
  );
  // Sources have no limits of their own: the violations filter leaves none.
  const sources = filter.violations_only ? [] : result.sources.filter((s) => !at || at.has(s.bus));
  return {
    summary: loadFlowSummary(result, limits),
    limits,
    total: { buses: result.buses.length, branches: result.branches.length, sources: result.sources.length },
    matching: { buses: buses.length, branches: branches.length, sources: sources.length },
    buses: buses.slice(0, filter.limit),
    branches: branches.slice(0, filter.limit),
    sources: sources.slice(0, filter.limit),
    mismatch_pu: result.mismatch_pu,
    warnings: result.warnings,
  };
}

/** One table of a load-flow result as CSV, in LOAD_FLOW_CSV's columns. */
export function loadFlowCsv(result: LoadFlowResult, table: LoadFlowCsvTable): string {
  switch (table) {
    case "buses":
      return writeCsv(LOAD_FLOW_CSV.buses, result.buses);
    case "branches":
      return writeCsv(LOAD_FLOW_CSV.branches, result.branches);
    case "sources":
      return writeCsv(LOAD_FLOW_CSV.sources, result.sources);
  }
}
