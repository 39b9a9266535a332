import { LOAD_FLOW_CSV, type LoadFlowCsvTable } from "@ampflux/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { downloadFile } from "../lib/download.ts";
import { formatNumber } from "../lib/format.ts";
import {
  ConvergenceHistory,
  LoadFlowBranchTable,
  LoadFlowBusTable,
  LoadFlowSourceTable,
} from "../results/LoadFlowTables.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/**
 * A stored load flow (simulations.loadFlow): convergence, counts of violations against the
 * study's limits, bus/branch/source tables (all rows or the violations only) and a CSV of each.
 */
export function StoredLoadFlow({ projectId, simulationId }: { projectId: string; simulationId: string }) {
  const [violationsOnly, setViolationsOnly] = useState(false);
  const queryClient = useQueryClient();
  const view = useQuery(
    trpc.simulations.loadFlow.queryOptions({
      projectId,
      simulationId,
      filter: { violations_only: violationsOnly },
    }),
  );
  const [csvError, setCsvError] = useState<unknown>(null);
  if (view.isPending) return <Loading label="Loading the load flow…" />;
  if (view.isError) return <ErrorMessage error={view.error} />;
  const v = view.data;
  const download = async (table: LoadFlowCsvTable) => {
    try {
      const file = await queryClient.fetchQuery(
        trpc.simulations.loadFlowCsv.queryOptions({ projectId, simulationId, table }),
      );
      downloadFile(file.filename, file.csv, "text/csv");
    } catch (error) {
      setCsvError(error);
    }
  };
  const { summary, limits } = v;
  return (
    <section className="stack" aria-labelledby="stored-load-flow-title" data-testid="stored-load-flow">
      <h3 id="stored-load-flow-title">Load flow</h3>
      <ConvergenceHistory
        converged={summary.converged}
        outcome={summary.outcome}
        iterations={summary.iterations}
        mismatch={v.mismatch_pu}
        tolerance={"tolerance_pu" in v.options ? v.options.tolerance_pu : 1e-8}
      />
      <p className="small">
        Limits {limits.vm_min_pu}–{limits.vm_max_pu} pu, loading ≤ {limits.loading_max_percent} %:{" "}
        {summary.violations.undervoltage} undervoltage, {summary.violations.overvoltage} overvoltage,{" "}
        {summary.violations.overload} overloaded. Losses {formatNumber(summary.losses.p_mw)} MW,{" "}
        {formatNumber(summary.losses.q_mvar)} Mvar.
      </p>
      <label>
        <input
          type="checkbox"
          checked={violationsOnly}
          onChange={(e) => setViolationsOnly(e.target.checked)}
        />{" "}
        Violations only
      </label>
      <div className="row">
        {(Object.keys(LOAD_FLOW_CSV) as LoadFlowCsvTable[]).map((table) => (
          <button key={table} type="button" className="small" onClick={() => void download(table)}>
            CSV of {table}
          </button>
        ))}
      </div>
      <ErrorMessage error={csvError} />
      {v.warnings.length > 0 && (
        <ul className="small">
          {v.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <LoadFlowBusTable rows={v.buses} />
      <LoadFlowBranchTable rows={v.branches} />
      {!violationsOnly && <LoadFlowSourceTable rows={v.sources} />}
      {(v.matching.buses > v.buses.length || v.matching.branches > v.branches.length) && (
        <p className="muted small">Showing the first rows; the CSV has all of them.</p>
      )}
    </section>
  );
}
