import type { LoadFlowLimits } from "@ampflux/contracts";
import { useEditor } from "../editor/EditorContext.tsx";
import { downloadJson, safeFileName } from "../lib/download.ts";
import { formatNumber } from "../lib/format.ts";
import {
  ConvergenceHistory,
  LoadFlowBranchTable,
  LoadFlowBusTable,
  LoadFlowSourceTable,
  type RowSelection,
} from "../results/LoadFlowTables.tsx";
import { leftOut } from "../results/left-out.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ALGORITHM_LABELS } from "./LoadFlowControls.tsx";
import type { LoadFlowSummary } from "./summary.ts";
import type { LiveLoadFlow } from "./useLiveLoadFlow.ts";

interface Props {
  live: LiveLoadFlow;
  summary: LoadFlowSummary | null;
  limits: LoadFlowLimits;
}

/**
 * The editor's live load flow in the Results tab: status, convergence, violations against the
 * limits the diagram is coloured by, losses, and the bus/branch/source tables (a row selects its
 * element on the diagram), with the result as JSON.
 */
export function LoadFlowPanel({ live, summary, limits }: Props) {
  const { doc, state, dispatch } = useEditor();
  const selection: RowSelection = {
    selected: state.selection,
    onSelect: (id) => dispatch({ type: "select", ids: [id] }),
  };
  const result = live.result;
  return (
    <div className="panel-body stack" data-testid="load-flow-panel">
      <h3>Load flow{result ? `, ${ALGORITHM_LABELS[result.algorithm]}` : ""}</h3>
      <p className="muted small" aria-live="polite" data-testid="load-flow-status">
        {statusText(live)}
      </p>
      {result && summary ? (
        <>
          <ConvergenceHistory
            converged={result.converged}
            outcome={result.outcome}
            iterations={result.iterations}
            mismatch={result.mismatch_pu}
            tolerance={result.tolerance_pu}
          />
          <p className="small" data-testid="load-flow-violations">
            Limits {limits.vm_min_pu}–{limits.vm_max_pu} pu, loading ≤ {limits.loading_max_percent} %:{" "}
            {summary.violations.undervoltage} undervoltage, {summary.violations.overvoltage} overvoltage,{" "}
            {summary.violations.overload} overloaded. Losses {formatNumber(result.losses.p_mw)} MW,{" "}
            {formatNumber(result.losses.q_mvar)} Mvar.
          </p>
          {result.warnings.length > 0 && (
            <details className="warnings">
              <summary>{result.warnings.length} engine warning(s)</summary>
              <ul className="small">
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <LoadFlowBusTable rows={summary.rows.buses} selection={selection} />
          <LoadFlowBranchTable rows={summary.rows.branches} selection={selection} />
          <LoadFlowSourceTable rows={result.sources} selection={selection} />
          <button
            type="button"
            className="small"
            onClick={() => downloadJson(`${safeFileName(doc.name)}-load-flow.json`, result)}
          >
            Download JSON
          </button>
        </>
      ) : (
        live.status !== "computing" && (
          <EmptyState title="No load flow yet">
            Connect an external grid (the slack), buses, branches and loads: voltages and flows appear here.
          </EmptyState>
        )
      )}
    </div>
  );
}

function statusText(live: LiveLoadFlow): string {
  const excluded = leftOut(live.excluded);
  switch (live.status) {
    case "computing":
      return "Computing…";
    case "error":
      return `Not computed: ${live.error}.${excluded}`;
    case "stale":
      return `Changed since the last run: press “Run load flow”.${excluded}`;
    case "done":
      return `Load flow ${live.onDemand ? "run" : "live"}: ${live.result?.buses.length ?? 0} buses in ${live.ms?.toFixed(0) ?? "?"} ms.${excluded}`;
    default:
      return live.onDemand ? "Press “Run load flow” in the toolbar." : "Waiting for the engine…";
  }
}
