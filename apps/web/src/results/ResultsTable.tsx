import type { BusFaultResult, FaultType, StudyCase } from "@ampflux/contracts";
import { useMemo, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import { formatKa, formatNumber } from "../lib/format.ts";
import { hasEarthCurrent, ikssLabel } from "./case-labels.ts";

/** One table row: the bus's result with its name and nominal voltage from the document. */
interface Row extends BusFaultResult {
  name: string;
  vn_kv: number | null;
}

type Column = keyof Pick<
  Row,
  "bus" | "name" | "vn_kv" | "ikss_ka" | "ip_ka" | "ib_ka" | "ith_ka" | "ike_ka" | "skss_mva"
>;

interface ColumnSpec {
  key: Column;
  label: string;
  unit: string;
  text?: boolean;
  format?(value: number | null): string;
}

/**
 * The columns for a fault type and case: the quantities IEC 60909-0 defines for it (§4 Ik'', §8
 * ip, §9 Ib, §12 Ith), with the earth current 3·I0 for earth faults (1ph, 2ph_earth).
 */
export function resultColumns(fault: FaultType, studyCase: StudyCase): ColumnSpec[] {
  const ka = { format: formatKa };
  return [
    { key: "bus", label: "Bus", unit: "", text: true },
    { key: "name", label: "Name", unit: "", text: true },
    { key: "vn_kv", label: "Un", unit: "kV", format: formatNumber },
    { key: "ikss_ka", label: ikssLabel(studyCase), unit: "kA", ...ka },
    ...(hasEarthCurrent(fault) ? [{ key: "ike_ka" as const, label: "IkE'' (3·I0)", unit: "kA", ...ka }] : []),
    { key: "ip_ka", label: "ip", unit: "kA", ...ka },
    { key: "ib_ka", label: "Ib", unit: "kA", ...ka },
    { key: "ith_ka", label: "Ith", unit: "kA", ...ka },
    { key: "skss_mva", label: "Sk''", unit: "MVA", format: formatNumber },
  ];
}

/**
 * Per-bus results with names and Un, sortable by any column; a row selects its bus on the diagram.
 * With `onExplain` each fed row offers "Why this number" (docs/short-circuit.md).
 */
export function ResultsTable({
  buses,
  doc,
  fault,
  studyCase,
  selected,
  onSelect,
  onExplain,
}: {
  buses: BusFaultResult[];
  /** The network the buses are named from; a stored study's table has ids only. */
  doc?: EditorDocument;
  fault: FaultType;
  studyCase: StudyCase;
  selected: string[];
  onSelect(id: string): void;
  onExplain?(bus: string): void;
}) {
  const columns = resultColumns(fault, studyCase);
  const [sort, setSort] = useState<{ key: Column; desc: boolean }>({ key: "ikss_ka", desc: true });
  const named = useMemo(() => {
    const byId = new Map((doc?.buses ?? []).map((b) => [b.id, b]));
    return buses.map((r): Row => {
      const bus = byId.get(r.bus);
      const vn = bus?.vn_kv;
      return {
        ...r,
        name: typeof bus?.name === "string" ? bus.name : "",
        vn_kv: typeof vn === "number" ? vn : null,
      };
    });
  }, [buses, doc?.buses]);
  const rows = [...named].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const order =
      typeof x === "string" || typeof y === "string"
        ? String(x).localeCompare(String(y), undefined, { numeric: true })
        : (x ?? -1) - (y ?? -1);
    return sort.desc ? -order : order;
  });
  const quantities = columns.filter((c) => !c.text && c.key !== "vn_kv");
  return (
    <table className="results-table" data-testid="results-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}
              className={c.text ? undefined : "num"}
            >
              <button
                type="button"
                className="sort-button"
                onClick={() => setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : !c.text })}
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
            <td>{r.name}</td>
            <td className="num">{formatNumber(r.vn_kv)}</td>
            {r.fed ? (
              <>
                {quantities.map((c) => (
                  <td key={c.key} className="num">
                    {c.format?.(r[c.key] as number | null)}
                  </td>
                ))}
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
              <td colSpan={quantities.length + (onExplain ? 1 : 0)} className="muted">
                not fed by any source
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
