import { formatKa, formatNumber } from "../lib/format.ts";
import { ikssLabel } from "./case-labels.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import type { FaultBusBranches } from "./useFaultBusBranches.ts";

/**
 * For a fault at the selected bus: the current into each branch end (lines, transformers) — how
 * the fault is fed (useFaultBusBranches computes it; the diagram draws the same rows as arrows).
 */
export function BranchCurrents({
  branches,
  options,
}: {
  branches: FaultBusBranches;
  options: LiveStudyOptions;
}) {
  const { bus, rows, status, error } = branches;
  return (
    <section className="branch-currents" aria-label={`Branch currents for a fault at ${bus}`}>
      <h4>
        Branch currents for a fault at {bus} ({ikssLabel(options.case)})
      </h4>
      {status === "error" && <p className="error-text small">Not computed: {error}</p>}
      {rows.length === 0 ? (
        <p className="muted small">
          {status === "computing" ? "Computing…" : "No branch carries this fault."}
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
              <th>Flow</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.branch}:${r.bus}`}
                data-branch={r.branch}
                data-end={r.bus}
                data-toward-fault={r.toward_fault}
              >
                <td>{r.branch}</td>
                <td>{r.bus}</td>
                <td className="num">{formatKa(r.ikss_ka)}</td>
                <td className="num">
                  {formatKa(r.ia_ka)} / {formatKa(r.ib_ka)} / {formatKa(r.ic_ka)}
                </td>
                <td className="num">{formatNumber(r.angle_deg)}</td>
                <td>
                  {r.toward_fault ? `from ${r.bus} into ${r.branch}` : `out of ${r.branch} into ${r.bus}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
