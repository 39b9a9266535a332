import { useMemo } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { formatKa, formatNumber } from "../lib/format.ts";
import { ikssLabel } from "./case-labels.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { useLiveResults } from "./useLiveResults.ts";

/**
 * For a fault at the selected bus: the current into each branch end (lines, transformers) — how
 * the fault is fed. A study of that one bus with branch currents, in its own engine worker, with
 * the live study's fault, case and factors (duty and arc flash left out: they need every bus).
 */
export function BranchCurrents({ bus, options }: { bus: string; options: LiveStudyOptions }) {
  const { doc, types } = useEditor();
  const single = useMemo<LiveStudyOptions>(
    () => ({ ...options, duty: false, arc_flash: false, buses: [bus], branches: true }),
    [options, bus],
  );
  const live = useLiveResults(doc, single, types.companyTypes);
  const rows = (live.result?.branches ?? []).filter((b) => b.fault_bus === bus);
  return (
    <section className="branch-currents" aria-label={`Branch currents for a fault at ${bus}`}>
      <h4>
        Branch currents for a fault at {bus} ({ikssLabel(options.case)})
      </h4>
      {live.status === "error" && <p className="error-text small">Not computed: {live.error}</p>}
      {rows.length === 0 ? (
        <p className="muted small">
          {live.status === "computing" ? "Computing…" : "No branch carries this fault."}
        </p>
      ) : (
        <table className="results-table" data-testid="branch-currents">
          <thead>
            <tr>
              <th>Branch</th>
              <th>End at bus</th>
              <th className="num">
                Ik'' <span className="unit">kA</span>
              </th>
              <th className="num">
                Ia / Ib / Ic <span className="unit">kA</span>
              </th>
              <th className="num">
                angle <span className="unit">°</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.branch}:${r.bus}`} data-branch={r.branch} data-end={r.bus}>
                <td>{r.branch}</td>
                <td>{r.bus}</td>
                <td className="num">{formatKa(r.ikss_ka)}</td>
                <td className="num">
                  {formatKa(r.ia_ka)} / {formatKa(r.ib_ka)} / {formatKa(r.ic_ka)}
                </td>
                <td className="num">{formatNumber(r.angle_deg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
