// What the diagram draws in load-flow mode: each bus's voltage (magnitude and angle) and each
// branch's loading, coloured by their violation of the limits the legend states.

import type {
  LoadFlowBranchResult,
  LoadFlowBusType,
  LoadFlowLimits,
  LoadFlowResult,
} from "@ampflux/contracts";
import { branchBand, busBand, LOAD_FLOW_COLOURS, type LoadFlowBand } from "../results/load-flow.ts";

export interface LoadFlowBusBadge {
  vmPu: number | null;
  vaDegree: number | null;
  type: LoadFlowBusType;
  band: LoadFlowBand;
  colour: string;
}

export interface LoadFlowBranchBadge {
  /** The largest loading of the branch's rows (a three-winding transformer has one per winding). */
  loadingPercent: number | null;
  band: LoadFlowBand;
  colour: string;
  /** The engine's rows: P and Q at each end, shown on hover and when selected. */
  rows: LoadFlowBranchResult[];
}

/** Vm to 4 decimals and Va to 2, as the diagram and the tables show them. */
export const formatVm = (vm: number) => vm.toFixed(4);
export const formatVa = (va: number) => va.toFixed(2);
export const formatLoading = (percent: number) => percent.toFixed(1);

/**
 * Bus and branch badges of a load-flow result against the limits. A load flow that did not converge
 * keeps its last iterate's figures but no violation colours: they would judge a non-solution.
 */
export function loadFlowBadges(result: LoadFlowResult | null, limits: LoadFlowLimits) {
  const buses = new Map<string, LoadFlowBusBadge>();
  const branches = new Map<string, LoadFlowBranchBadge>();
  if (!result) return { buses, branches };
  const judged = <T>(band: () => T): T | "none" => (result.converged ? band() : "none");
  for (const b of result.buses) {
    const band = judged(() => busBand(b, limits));
    buses.set(b.bus, {
      vmPu: b.vm_pu,
      vaDegree: b.va_degree,
      type: b.type,
      band,
      colour: LOAD_FLOW_COLOURS[band],
    });
  }
  const rowsById = new Map<string, LoadFlowBranchResult[]>();
  for (const row of result.branches) rowsById.set(row.id, [...(rowsById.get(row.id) ?? []), row]);
  for (const [id, rows] of rowsById) {
    const loadings = rows.flatMap((r) => (r.loading_percent === null ? [] : [r.loading_percent]));
    const loadingPercent = loadings.length > 0 ? Math.max(...loadings) : null;
    const band = judged(() => branchBand({ loading_percent: loadingPercent }, limits));
    branches.set(id, { loadingPercent, band, colour: LOAD_FLOW_COLOURS[band], rows });
  }
  return { buses, branches };
}

const mw = (v: number) => v.toFixed(2);

/** Two lines per branch row: P and Q into the branch at each end. */
export function branchFlowLines(rows: readonly LoadFlowBranchResult[]): string[] {
  return rows.flatMap((r) => [
    `at ${r.from_bus}: P ${mw(r.p_from_mw)} MW, Q ${mw(r.q_from_mvar)} Mvar`,
    `at ${r.to_bus === "*" ? "the star point" : r.to_bus}: P ${mw(r.p_to_mw)} MW, Q ${mw(r.q_to_mvar)} Mvar`,
  ]);
}
