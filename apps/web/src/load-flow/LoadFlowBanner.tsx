import type { LoadFlowResult } from "@ampflux/contracts";
import { LIVE_LOAD_FLOW_MAX_BUSES } from "../results/load-flow.ts";
import type { LoadFlowSummary } from "./summary.ts";
import type { LiveLoadFlow } from "./useLiveLoadFlow.ts";
import "./load-flow.css";

const listed = (ids: readonly string[], max = 8) =>
  ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;

/**
 * Over the diagram in load-flow mode: a load flow that did not converge (its iterations and final
 * mismatch), buses no source supplies (greyed on the diagram), a network too large to solve on
 * every edit, or why nothing was computed. Nothing when the solution is plainly there.
 */
export function LoadFlowBanner({
  live,
  summary,
  buses,
}: {
  live: LiveLoadFlow;
  summary: LoadFlowSummary | null;
  buses: number;
}) {
  const result: LoadFlowResult | null = live.result;
  const lines: React.ReactNode[] = [];
  if (result && !result.converged)
    lines.push(
      <strong key="diverged" data-testid="load-flow-not-converged">
        Load flow did not converge ({result.outcome}) after {result.iterations} iteration
        {result.iterations === 1 ? "" : "s"}: final mismatch{" "}
        {summary?.finalMismatch == null ? "–" : summary.finalMismatch.toExponential(2)} pu (tolerance{" "}
        {result.tolerance_pu.toExponential(0)} pu). The voltages shown are the last iterate, not a solution.
      </strong>,
    );
  if (summary && summary.unsupplied.length > 0)
    lines.push(
      <span key="islands" data-testid="load-flow-unsupplied">
        {summary.unsupplied.length} bus{summary.unsupplied.length === 1 ? "" : "es"} in{" "}
        {summary.unsupplied.length === 1 ? "an island" : "islands"} without a slack source, not solved
        (greyed): {listed(summary.unsupplied)}.
      </span>,
    );
  if (live.onDemand)
    lines.push(
      <span key="on-demand" data-testid="load-flow-on-demand">
        {buses} buses: above {LIVE_LOAD_FLOW_MAX_BUSES} the load flow runs on “Run load flow”, not on every
        edit.{live.status === "stale" && " The diagram shows the last run, before the latest edits."}
      </span>,
    );
  if (live.status === "error")
    lines.push(
      <span key="error" className="error-text">
        Load flow not computed: {live.error}.
      </span>,
    );
  if (lines.length === 0) return null;
  const alarming = (result && !result.converged) || live.status === "error";
  return (
    <div
      className={`lf-banner${alarming ? " lf-diverged" : ""}`}
      role={alarming ? "alert" : "status"}
      data-testid="load-flow-banner"
      data-converged={result ? result.converged : undefined}
    >
      {lines}
    </div>
  );
}
