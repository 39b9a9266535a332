import { compareDuty, DUTY_STATUSES, type DutyCheck, type DutyStatus, dutySummary } from "@ampflux/contracts";
import { useMemo, useState } from "react";
import { downloadFile } from "../lib/download.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { DutyTable } from "./DutyTable.tsx";
import { DUTY_COLOURS, kindKey, visibleChecks } from "./duty.ts";
import { dutyCsv, dutyJson } from "./export.ts";

interface Props {
  checks: readonly DutyCheck[];
  /** Download file name without extension. */
  fileName: string;
  /** The CSV's first line and the JSON's fields besides `duty`: what the checks were computed with. */
  provenance: { comment: string; fields: Record<string, unknown> };
  selected?: string[];
  onSelect?(id: string): void;
}

/**
 * Duty checks as the Duty tab and a stored study show them: a summary line, filters by status and
 * by kind (switch kind or element type), the table worst first (missing ratings listed, last), and
 * CSV/JSON downloads of every check.
 */
export function DutyChecksView({ checks, fileName, provenance, selected = [], onSelect = () => {} }: Props) {
  const [statuses, setStatuses] = useState<Set<DutyStatus>>(new Set());
  const [kind, setKind] = useState("all");
  const rows = useMemo(() => visibleChecks(checks, { statuses, kind }), [checks, statuses, kind]);
  // Downloads hold every check, worst first; the filters only narrow the view.
  const all = useMemo(() => [...checks].sort(compareDuty), [checks]);
  const kinds = useMemo(() => [...new Set(checks.map(kindKey))].sort(), [checks]);
  const summary = dutySummary(checks);
  const toggle = (status: DutyStatus) => {
    const next = new Set(statuses);
    if (!next.delete(status)) next.add(status);
    setStatuses(next);
  };
  return (
    <>
      <p className="small" data-testid="duty-summary">
        {checks.length} check(s): {summary.overdutied} overdutied, {summary.warning} warning, {summary.ok} ok,{" "}
        {summary["missing rating"]} missing rating
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
        <DutyTable checks={rows} selected={selected} onSelect={onSelect} />
      ) : (
        <EmptyState title={checks.length === 0 ? "Nothing to check" : "No check matches the filters"}>
          {checks.length === 0 && "Add a switch or give a bus, line or transformer a rating or a type."}
        </EmptyState>
      )}
      {checks.length > 0 && (
        <div className="row">
          <button
            type="button"
            className="small"
            onClick={() => downloadFile(`${fileName}.csv`, dutyCsv(provenance.comment, all), "text/csv")}
          >
            Download duty CSV
          </button>
          <button
            type="button"
            className="small"
            onClick={() =>
              downloadFile(`${fileName}.json`, dutyJson(provenance.fields, all), "application/json")
            }
          >
            Download duty JSON
          </button>
        </div>
      )}
    </>
  );
}
