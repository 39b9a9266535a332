import type { EquipmentType } from "@ampflux/contracts";
import { useState } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { downloadFile, downloadJson, safeFileName } from "../lib/download.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { BranchCurrents } from "./BranchCurrents.tsx";
import { ExplainDialog } from "./ExplainDialog.tsx";
import { resultsCsv } from "./export.ts";
import { leftOut } from "./left-out.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { ResultsChart } from "./ResultsChart.tsx";
import { ResultsTable } from "./ResultsTable.tsx";
import { FAULT_LABELS } from "./StudyControls.tsx";
import type { FaultBusBranches } from "./useFaultBusBranches.ts";
import type { LiveResults } from "./useLiveResults.ts";

interface Props {
  live: LiveResults;
  options: LiveStudyOptions;
  /** The company's types, so the explanation resolves typed elements as the live study does. */
  companyTypes: EquipmentType[];
  /** Branch-end currents for a fault at the one selected bus (null: none selected). */
  faultBranches: FaultBusBranches | null;
}

/** The live study (fault and case are chosen in the toolbar): status, per-bus chart and table, downloads. */
export function ResultsPanel({ live, options, companyTypes, faultBranches }: Props) {
  const { doc, state, dispatch } = useEditor();
  const [explained, setExplained] = useState<string | null>(null);
  const select = (id: string) => dispatch({ type: "select", ids: [id] });
  const result = live.result;
  const name = safeFileName(doc.name);
  return (
    <div className="panel-body stack" data-testid="results-panel">
      <h3>
        {FAULT_LABELS[options.fault]} fault, {options.case === "max" ? "maximum" : "minimum"} case
      </h3>
      <p className="muted small" aria-live="polite">
        <LiveStatus live={live} />
      </p>
      {result && result.warnings.length > 0 && (
        <details className="warnings">
          <summary>{result.warnings.length} engine warning(s)</summary>
          <ul>
            {result.warnings.map((w) => (
              <li key={`${w.path.join(".")}:${w.message}`}>
                <code>{w.path.join(".")}</code> {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {result && result.buses.length > 0 ? (
        <>
          <ResultsChart buses={result.buses} onSelect={select} />
          <ResultsTable
            buses={result.buses}
            doc={doc}
            fault={options.fault}
            studyCase={options.case}
            selected={state.selection}
            onSelect={select}
            onExplain={setExplained}
          />
          {faultBranches && <BranchCurrents branches={faultBranches} options={options} />}
          <ExplainDialog
            bus={explained}
            document={doc}
            options={options}
            companyTypes={companyTypes}
            onClose={() => setExplained(null)}
          />
          <div className="row">
            <button
              type="button"
              className="small"
              onClick={() =>
                downloadFile(`${name}-${options.fault}-${options.case}.csv`, resultsCsv(result), "text/csv")
              }
            >
              Download CSV
            </button>
            <button
              type="button"
              className="small"
              onClick={() => downloadJson(`${name}-${options.fault}-${options.case}.json`, result)}
            >
              Download JSON
            </button>
          </div>
        </>
      ) : (
        live.status !== "computing" && (
          <EmptyState title="No results yet">
            Connect a source and a bus: fault currents appear here.
          </EmptyState>
        )
      )}
    </div>
  );
}

function LiveStatus({ live }: { live: LiveResults }) {
  const excluded = leftOut(live.excluded);
  if (live.status === "computing") return <span data-testid="live-status">Computing…</span>;
  if (live.status === "error")
    return (
      <span
        data-testid="live-status"
        className="error-text"
      >{`Not computed: ${live.error}.${excluded}`}</span>
    );
  if (live.status === "done" && live.result)
    return (
      <span data-testid="live-status">
        {`IEC 60909 live: ${live.result.buses.length} buses in ${live.ms?.toFixed(0) ?? "?"} ms.${excluded}`}
      </span>
    );
  return <span data-testid="live-status">Waiting for the engine…</span>;
}
