import type { BusFaultResult } from "@ampflux/contracts";
import { useState } from "react";
import { formatKa, formatNumber } from "../lib/format.ts";

type Column = "bus" | "ikss_ka" | "ip_ka" | "ib_ka" | "ith_ka" | "skss_mva";

const COLUMNS: Array<{ key: Column; label: string; unit: string }> = [
  { key: "bus", label: "Bus", unit: "" },
  { key: "ikss_ka", label: "Ik''", unit: "kA" },
  { key: "ip_ka", label: "ip", unit: "kA" },
  { key: "ib_ka", label: "Ib", unit: "kA" },
  { key: "ith_ka", label: "Ith", unit: "kA" },
  { key: "skss_mva", label: "Sk''", unit: "MVA" },
];

/**
 * Per-bus results, sortable by any column; a row selects its bus on the diagram. With
 * `onExplain` each fed row offers "Why this number" (docs/short-circuit.md).
 */
export function ResultsTable({
  buses,
  selected,
  onSelect,
  onExplain,
}: {
  buses: BusFaultResult[];
  selected: string[];
  onSelect(id: string): void;
  onExplain?(bus: string): void;
}) {
  const [sort, setSort] = useState<{ key: Column; desc: boolean }>({ key: "ikss_ka", desc: true });
  const rows = [...buses].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const order =
      typeof x === "string" || typeof y === "string"
        ? String(x).localeCompare(String(y), undefined, { numeric: true })
        : (x ?? -1) - (y ?? -1);
    return sort.desc ? -order : order;
  });
  return (
    <table className="results-table" data-testid="results-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}
              className={c.key === "bus" ? undefined : "num"}
            >
              <button
                type="button"
                className="sort-button"
                onClick={() =>
                  setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.key !== "bus" })
                }
              >
                {c.label}
                {c.unit && <span className="unit"> {c.unit}</span>}
                {sort.key === c.key ? (sort.desc ? " ▾" : " ▴") : ""}
              </button>
            </th>
          ))}
          {onExplain && <th aria-label="Explanation" />}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.bus} className={selected.includes(r.bus) ? "selected" : undefined} data-bus={r.bus}>
            <td>
              <button type="button" className="link-button" onClick={() => onSelect(r.bus)}>
                {r.bus}
              </button>
            </td>
            {r.fed ? (
              <>
                <td className="num">{formatKa(r.ikss_ka)}</td>
                <td className="num">{formatKa(r.ip_ka)}</td>
                <td className="num">{formatKa(r.ib_ka)}</td>
                <td className="num">{formatKa(r.ith_ka)}</td>
                <td className="num">{formatNumber(r.skss_mva)}</td>
                {onExplain && (
                  <td>
                    <button
                      type="button"
                      className="link-button small"
                      aria-label={`Why this number: bus ${r.bus}`}
                      title="Why this number"
                      onClick={() => onExplain(r.bus)}
                    >
                      why?
                    </button>
                  </td>
                )}
              </>
            ) : (
              <td colSpan={onExplain ? 6 : 5} className="muted">
                not fed by any source
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
