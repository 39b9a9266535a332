import { compareDuty, DUTY_STATUSES, type DutyStatus, dutySummary } from "@ampflux/contracts";
import { useMemo, useState } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { downloadFile, safeFileName } from "../lib/download.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { DutyTable } from "./DutyTable.tsx";
import { DUTY_COLOURS, kindKey, visibleChecks } from "./duty.ts";
import { dutyCsv, dutyJson } from "./export.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import type { LiveResults } from "./useLiveResults.ts";

interface Props {
  live: LiveResults;
  options: LiveStudyOptions;
  onOptions(o: LiveStudyOptions): void;
}

/** Every rated element's duty against its ratings, worst first, with filters and downloads. */
export function DutyPanel({ live, options, onOptions }: Props) {
  const { doc, state, dispatch } = useEditor();
  const [statuses, setStatuses] = useState<Set<DutyStatus>>(new Set());
  const [kind, setKind] = useState("all");
  const checks = live.result?.duty;
  const rows = useMemo(() => visibleChecks(checks ?? [], { statuses, kind }), [checks, statuses, kind]);
  // Downloads hold every check, worst first; the filters only narrow the view.
  const all = useMemo(() => [...(checks ?? [])].sort(compareDuty), [checks]);
  const kinds = useMemo(() => [...new Set((checks ?? []).map(kindKey))].sort(), [checks]);

  if (!options.duty)
    return (
      <div className="panel-body stack" data-testid="duty-panel">
        <EmptyState title="Duty is off">
          Compare every breaker, switchboard, cable and transformer with its rating.
          <div>
            <button type="button" className="small" onClick={() => onOptions({ ...options, duty: true })}>
              Turn duty on
            </button>
          </div>
        </EmptyState>
      </div>
    );

  const summary = dutySummary(checks ?? []);
  const toggle = (status: DutyStatus) => {
    const next = new Set(statuses);
    if (!next.delete(status)) next.add(status);
    setStatuses(next);
  };
  const name = `${safeFileName(doc.name)}-duty-${options.fault}`;
  return (
    <div className="panel-body stack" data-testid="duty-panel">
      <h3>
        Duty, {options.duty_current === "bus" ? "total current at the bus" : "current through the device"}
      </h3>
      {!checks ? (
        <p className="muted small" data-testid="duty-summary">
          {live.status === "error"
            ? `Not computed: ${live.error}`
            : live.status === "done"
              ? "The engine returned no duty checks."
              : "Computing…"}
        </p>
      ) : (
        <>
          <p className="small" data-testid="duty-summary">
            {checks.length} check(s): {summary.overdutied} overdutied, {summary.warning} warning, {summary.ok}{" "}
            ok, {summary["missing rating"]} missing rating
          </p>
          <div className="row duty-filters">
            <fieldset className="segmented" aria-label="Filter by status">
              {DUTY_STATUSES.map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={statuses.has(s)}
                  className={statuses.has(s) ? "active" : undefined}
                  onClick={() => toggle(s)}
                >
                  <span className="swatch" style={{ background: DUTY_COLOURS[s] }} /> {s} ({summary[s]})
                </button>
              ))}
            </fieldset>
            <label className="small">
              Kind{" "}
              <select aria-label="Filter by kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="all">all</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {k.replace("switch:", "").replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {rows.length > 0 ? (
            <DutyTable
              checks={rows}
              selected={state.selection}
              onSelect={(id) => dispatch({ type: "select", ids: [id] })}
            />
          ) : (
            <EmptyState title={checks.length === 0 ? "Nothing to check" : "No check matches the filters"}>
              {checks.length === 0 && "Add a switch or give a bus, line or transformer a rating or a type."}
            </EmptyState>
          )}
          {live.result && checks.length > 0 && (
            <div className="row">
              <button
                type="button"
                className="small"
                onClick={() =>
                  live.result && downloadFile(`${name}.csv`, dutyCsv(live.result, all), "text/csv")
                }
              >
                Download duty CSV
              </button>
              <button
                type="button"
                className="small"
                onClick={() =>
                  live.result && downloadFile(`${name}.json`, dutyJson(live.result, all), "application/json")
                }
              >
                Download duty JSON
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
