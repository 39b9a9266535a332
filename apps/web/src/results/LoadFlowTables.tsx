import type { LoadFlowSourceResult } from "@ampflux/contracts";
import { formatNumber } from "../lib/format.ts";
import {
  LOAD_FLOW_BAND_LABELS,
  LOAD_FLOW_COLOURS,
  type LoadFlowBranchRow,
  type LoadFlowBusRow,
} from "./load-flow.ts";

const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));

function Violation({
  violation,
}: {
  violation: LoadFlowBusRow["violation"] | LoadFlowBranchRow["violation"];
}) {
  if (!violation) return null;
  return (
    <span className="lf-violation" style={{ color: LOAD_FLOW_COLOURS[violation] }}>
      {LOAD_FLOW_BAND_LABELS[violation]}
    </span>
  );
}

/** Bus voltages (Vm in pu to 4 decimals, Va in degrees) and net consumption, with violations. */
export function LoadFlowBusTable({ rows }: { rows: readonly LoadFlowBusRow[] }) {
  return (
    <table className="results-table" data-testid="load-flow-buses">
      <caption>Buses</caption>
      <thead>
        <tr>
          <th>Bus</th>
          <th>Type</th>
          <th className="num">Vm pu</th>
          <th className="num">Va °</th>
          <th className="num">P MW</th>
          <th className="num">Q Mvar</th>
          <th>Violation</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.bus} data-bus={b.bus} data-violation={b.violation ?? ""}>
            <td>{b.bus}</td>
            <td>{b.type}</td>
            <td className="num">{fixed(b.vm_pu, 4)}</td>
            <td className="num">{fixed(b.va_degree, 2)}</td>
            <td className="num">{formatNumber(b.p_mw)}</td>
            <td className="num">{formatNumber(b.q_mvar)}</td>
            <td>
              <Violation violation={b.violation} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Branch flows at the from end, the larger end current, losses and loading, with violations. */
export function LoadFlowBranchTable({ rows }: { rows: readonly LoadFlowBranchRow[] }) {
  return (
    <table className="results-table" data-testid="load-flow-branches">
      <caption>Branches</caption>
      <thead>
        <tr>
          <th>Branch</th>
          <th>From → to</th>
          <th className="num">P MW</th>
          <th className="num">Q Mvar</th>
          <th className="num">I kA</th>
          <th className="num">Losses MW</th>
          <th className="num">Loading %</th>
          <th>Violation</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={`${b.id}:${b.from_bus}`} data-branch={b.id} data-violation={b.violation ?? ""}>
            <td>{b.id}</td>
            <td>
              {b.from_bus} → {b.to_bus}
            </td>
            <td className="num">{formatNumber(b.p_from_mw)}</td>
            <td className="num">{formatNumber(b.q_from_mvar)}</td>
            <td className="num">{formatNumber(Math.max(b.i_from_ka, b.i_to_ka))}</td>
            <td className="num">{formatNumber(b.pl_mw)}</td>
            <td className="num">{fixed(b.loading_percent, 1)}</td>
            <td>
              <Violation violation={b.violation} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What each external grid and generator feeds. */
export function LoadFlowSourceTable({ rows }: { rows: readonly LoadFlowSourceResult[] }) {
  return (
    <table className="results-table" data-testid="load-flow-sources">
      <caption>Sources</caption>
      <thead>
        <tr>
          <th>Source</th>
          <th>Bus</th>
          <th className="num">P MW</th>
          <th className="num">Q Mvar</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.id}>
            <td>
              {s.id} <span className="muted small">{s.kind === "external_grid" ? "grid" : "generator"}</span>
            </td>
            <td>{s.bus}</td>
            <td className="num">{formatNumber(s.p_mw)}</td>
            <td className="num">{formatNumber(s.q_mvar)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Converged or not, the iterations and the max mismatch before each step. */
export function ConvergenceHistory({
  converged,
  outcome,
  iterations,
  mismatch,
  tolerance,
}: {
  converged: boolean;
  outcome: string;
  iterations: number;
  mismatch: readonly number[];
  tolerance: number;
}) {
  return (
    <section className="stack" data-testid="load-flow-convergence" data-converged={converged}>
      <p className={converged ? undefined : "alert"} role={converged ? undefined : "alert"}>
        {converged
          ? `Converged after ${iterations} iteration${iterations === 1 ? "" : "s"} (tolerance ${tolerance.toExponential(0)} pu).`
          : `Did not converge (${outcome}) after ${iterations} iterations: the voltages shown are the last iterate, not a solution.`}
      </p>
      <ol className="lf-history small" aria-label="Max mismatch per iteration (pu)">
        {mismatch.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one entry per iteration, in order
          <li key={i}>{m.toExponential(2)}</li>
        ))}
      </ol>
    </section>
  );
}
