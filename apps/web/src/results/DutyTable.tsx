import type { DutyCheck } from "@ampflux/contracts";
import { formatNumber } from "../lib/format.ts";
import { DUTY_COLOURS } from "./duty.ts";

/** What each check compares, for the column's tooltip (the clauses are in docs/duty.md). */
export const CHECK_LABELS: Record<DutyCheck["check"], string> = {
  breaking_sym: "Ib sym vs breaking",
  breaking_asym: "Ib asym vs breaking",
  making: "ip vs making",
  short_time: "Ith vs short-time",
  peak_withstand: "ip vs Ipk",
  busbar_short_time: "Ith vs Icw",
  cable_thermal: "I²t vs k²S²",
  through_fault: "through fault",
};

/**
 * Duty checks as given (already filtered and sorted): element (type · kind), check with its notes,
 * value, rating, percent and status; a row selects its element on the diagram.
 */
export function DutyTable({
  checks,
  selected,
  onSelect,
}: {
  checks: DutyCheck[];
  selected: string[];
  onSelect(id: string): void;
}) {
  return (
    <div className="table-scroll">
      <table className="results-table duty-table" data-testid="duty-table">
        <thead>
          <tr>
            <th>Element</th>
            <th>Check</th>
            <th className="num">Value</th>
            <th className="num">Rating</th>
            <th className="num">%</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr
              key={`${c.element}:${c.check}`}
              className={selected.includes(c.element) ? "selected" : undefined}
              data-element={c.element}
              data-check={c.check}
              data-status={c.status}
            >
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(c.element)}>
                  {c.element}
                </button>
                <div className="muted small">
                  {[c.element_type, c.kind?.replace(/_/g, " ")].filter(Boolean).join(" · ")}
                </div>
              </td>
              <td title={`${CHECK_LABELS[c.check]}${c.bus ? `, fault at ${c.bus}` : ""}`}>
                <code>{c.check}</code>
                {c.fault && (
                  <div className="small" data-testid="duty-where">
                    worst: {c.fault} {c.case}
                    {c.outage ? `, ${c.outage} out` : ", base network"}
                  </div>
                )}
                {c.notes.length > 0 && <div className="muted small">{c.notes.join("; ")}</div>}
              </td>
              <td className="num">{value(c.value, c.unit)}</td>
              <td className="num">{value(c.rating, c.unit)}</td>
              <td className="num">{c.percent === null ? "–" : c.percent.toFixed(1)}</td>
              <td>
                <span className="duty-status" style={{ background: DUTY_COLOURS[c.status] }}>
                  {c.status}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const value = (v: number | null, unit: string) => (v === null ? "–" : `${formatNumber(v)} ${unit}`);
