import type { LoadFlowLimits, LoadFlowResult } from "@ampflux/contracts";
import { withViolations } from "../results/load-flow.ts";

/** What the banner, the toolbar and the results panel say about one load flow. */
export function loadFlowSummary(result: LoadFlowResult, limits: LoadFlowLimits) {
  const rows = withViolations(result, limits);
  const count = (violation: string) =>
    [...rows.buses, ...rows.branches].filter((r) => r.violation === violation).length;
  const voltages = result.buses.flatMap((b) => (b.vm_pu === null ? [] : [b.vm_pu]));
  const loadings = result.branches.flatMap((b) => (b.loading_percent === null ? [] : [b.loading_percent]));
  return {
    rows,
    unsupplied: result.buses.filter((b) => b.type === "unsupplied").map((b) => b.bus),
    violations: {
      undervoltage: count("undervoltage"),
      overvoltage: count("overvoltage"),
      overload: count("overload"),
    },
    vmMin: voltages.length > 0 ? Math.min(...voltages) : null,
    vmMax: voltages.length > 0 ? Math.max(...voltages) : null,
    maxLoading: loadings.length > 0 ? Math.max(...loadings) : null,
    /** The max mismatch after the last iteration. */
    finalMismatch: result.mismatch_pu.at(-1) ?? null,
  };
}

export type LoadFlowSummary = ReturnType<typeof loadFlowSummary>;
