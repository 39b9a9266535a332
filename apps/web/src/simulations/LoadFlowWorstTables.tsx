import { branchViolation, busViolation, type LoadFlowWorst } from "@ampflux/contracts";
import { downloadFile } from "../lib/download.ts";
import { worstLoadingCsv, worstVoltagesCsv } from "./load-flow-worst.ts";

const pu = (v: number | null) => (v === null ? "—" : v.toFixed(4));
const state = (outage: string | null) => (outage ? `${outage} out` : "base case");

/**
 * A batch study's N-1 load flows: which states did not converge, per bus the lowest and highest
 * voltage and per branch the highest loading with the outage of each; values outside the
 * study's limits are highlighted. CSV downloads of both tables.
 */
export function LoadFlowWorstTables({ worst, simulationId }: { worst: LoadFlowWorst; simulationId: string }) {
  const { limits } = worst;
  const failed = worst.contingencies.filter((c) => !c.converged);
  // Lowest voltages first, so the worst undervoltages lead.
  const buses = [...worst.buses].sort((a, b) => (a.vm_min_pu ?? -1) - (b.vm_min_pu ?? -1));
  return (
    <section className="stack" aria-labelledby="lf-worst-title" data-testid="load-flow-worst">
      <h3 id="lf-worst-title">Load flow per contingency</h3>
      <p className="muted small">
        {worst.steps} load flows (base + {worst.steps - 1} contingencies); limits {limits.vm_min_pu}–
        {limits.vm_max_pu} pu, {limits.loading_max_percent} % loading.
      </p>
      {failed.length > 0 && (
        <p className="alert" role="alert" data-testid="load-flow-not-converged">
          Not converged (left out of the tables):{" "}
          {failed.map((c) => `${state(c.outage)} (${c.outcome}, ${c.iterations} iterations)`).join("; ")}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="small"
          onClick={() =>
            downloadFile(
              `load-flow-voltages-${simulationId}.csv`,
              worstVoltagesCsv(worst, simulationId),
              "text/csv",
            )
          }
        >
          Download voltages CSV
        </button>
        <button
          type="button"
          className="small"
          onClick={() =>
            downloadFile(
              `load-flow-loading-${simulationId}.csv`,
              worstLoadingCsv(worst, simulationId),
              "text/csv",
            )
          }
        >
          Download loading CSV
        </button>
      </div>
      <h4>Worst voltage per bus</h4>
      <table data-testid="load-flow-worst-voltages">
        <thead>
          <tr>
            <th>Bus</th>
            <th className="num">Lowest Vm pu</th>
            <th>With</th>
            <th className="num">Highest Vm pu</th>
            <th>With</th>
            <th>Unsupplied</th>
          </tr>
        </thead>
        <tbody>
          {buses.map((b) => (
            <tr key={b.bus}>
              <td>{b.bus}</td>
              <td className={`num${busViolation({ vm_pu: b.vm_min_pu }, limits) ? " violation" : ""}`}>
                {pu(b.vm_min_pu)}
              </td>
              <td>{state(b.vm_min_outage)}</td>
              <td className={`num${busViolation({ vm_pu: b.vm_max_pu }, limits) ? " violation" : ""}`}>
                {pu(b.vm_max_pu)}
              </td>
              <td>{state(b.vm_max_outage)}</td>
              <td className={b.unsupplied_cases > 0 ? "violation" : undefined}>
                {b.unsupplied_cases > 0
                  ? `${b.unsupplied_cases}× (first: ${state(b.unsupplied_outage)})`
                  : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Worst loading per branch</h4>
      <table data-testid="load-flow-worst-loading">
        <thead>
          <tr>
            <th>Branch</th>
            <th>From – to</th>
            <th className="num">Loading %</th>
            <th className="num">I kA</th>
            <th>With</th>
          </tr>
        </thead>
        <tbody>
          {worst.branches.map((b) => (
            <tr key={`${b.kind}:${b.id}:${b.from_bus}`}>
              <td>{b.id}</td>
              <td>
                {b.from_bus} – {b.to_bus}
              </td>
              <td className={`num${branchViolation(b, limits) ? " violation" : ""}`}>
                {b.loading_percent === null ? "no rating" : b.loading_percent.toFixed(1)}
              </td>
              <td className="num">{b.i_ka.toFixed(4)}</td>
              <td>{state(b.outage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
