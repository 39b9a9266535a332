import type { BatchStudyResult } from "@ampflux/contracts";
import { useState } from "react";
import { formatKa } from "../lib/format.ts";
import { FAULT_LABELS } from "../results/StudyControls.tsx";

/** Per bus, fault and case the worst result and the outage that caused it; largest Ik'' first. */
export function WorstCasesTable({ result }: { result: BatchStudyResult }) {
  const [filter, setFilter] = useState("");
  const rows = result.worst
    .filter((w) => !filter || `${w.fault} ${w.case}` === filter)
    .sort((a, b) => (b.ikss_ka ?? -1) - (a.ikss_ka ?? -1));
  const combos = [...new Set(result.worst.map((w) => `${w.fault} ${w.case}`))];
  return (
    <div className="stack" data-testid="worst-cases">
      <div className="row">
        <p className="muted">
          {result.steps} studies, {result.outages.length} contingencies. Worst case per bus:
        </p>
        <select aria-label="Filter worst cases" value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="">all faults and cases</option>
          {combos.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <table>
        <thead>
          <tr>
            <th>Bus</th>
            <th>Fault</th>
            <th>Case</th>
            <th className="num">Ik'' kA</th>
            <th className="num">ip kA</th>
            <th className="num">Ib kA</th>
            <th>Worst with</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr key={`${w.bus}:${w.fault}:${w.case}`}>
              <td>{w.bus}</td>
              <td>{FAULT_LABELS[w.fault] ?? w.fault}</td>
              <td>{w.case}</td>
              <td className="num">{w.ikss_ka === null ? "unfed" : formatKa(w.ikss_ka)}</td>
              <td className="num">{formatKa(w.ip_ka)}</td>
              <td className="num">{formatKa(w.ib_ka)}</td>
              <td>{w.outage ? `${w.outage} out` : "base case"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
