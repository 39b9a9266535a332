import type { BusResultExplanation } from "@ampflux/contracts";
import { formatKa } from "../lib/format.ts";

type Impedance = BusResultExplanation["impedances"]["z1"];

const ohm = (z: Impedance) =>
  `${z.r_ohm.toFixed(4)} + j${z.x_ohm.toFixed(4)} Ω (R/X ${z.r_over_x === null ? "–" : z.r_over_x.toFixed(3)})`;

/** "Why this number": how one bus's results follow from IEC 60909-0:2016, clause by clause. */
export function ExplanationView({ e }: { e: BusResultExplanation }) {
  const r = e.result;
  return (
    <div className="stack explanation" data-testid="explanation">
      <p>
        <strong>
          I''k = <span data-testid="explain-ikss">{r.ikss_ka.toFixed(3)}</span> kA
        </strong>
        , ip = {formatKa(r.ip_ka)} kA, Ib = {formatKa(r.ib_ka)} kA, Ith = {formatKa(r.ith_ka)} kA ({e.fault},{" "}
        {e.case} case, {e.standard})
      </p>
      <section>
        <h4>Voltage factor</h4>
        <p data-testid="explain-c">
          c = {e.voltage_factor.c.toFixed(2)}: {e.voltage_factor.row}{" "}
          <span className="muted small">({e.voltage_factor.clause})</span>
        </p>
      </section>
      <section>
        <h4>Impedances at the fault</h4>
        <ul>
          <li>Z(1) = {ohm(e.impedances.z1)}</li>
          <li>Z(2) = {ohm(e.impedances.z2)}</li>
          {e.impedances.z0 && <li>Z(0) = {ohm(e.impedances.z0)}</li>}
          {e.impedances.zf && <li>Z_f = {ohm(e.impedances.zf)}</li>}
        </ul>
        <p>
          {e.formula.text} <span className="muted small">({e.formula.clause})</span>
        </p>
      </section>
      <section>
        <h4>Partial currents</h4>
        <table className="results-table" data-testid="explain-parts">
          <thead>
            <tr>
              <th>Source</th>
              <th>Kind</th>
              <th className="num">kA</th>
              <th className="num">angle °</th>
              <th>Factors</th>
            </tr>
          </thead>
          <tbody>
            {e.contributions.parts.map((p) => (
              <tr key={p.element ?? "passive"} data-element={p.element ?? ""}>
                <td>{p.element ?? "other shunts"}</td>
                <td>{p.kind.replaceAll("_", " ")}</td>
                <td className="num">{p.current.magnitude_ka.toFixed(3)}</td>
                <td className="num">{p.current.angle_deg.toFixed(1)}</td>
                <td className="small">
                  {p.factors.map((f) => `${f.name} = ${f.value.toFixed(4)} (${f.clause})`).join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Sum {e.contributions.sum.magnitude_ka.toFixed(3)} kA
          {e.contributions.ratio_residual.magnitude_ka > 1e-9 * r.ikss_ka &&
            `, of which ${e.contributions.ratio_residual.magnitude_ka.toFixed(3)} kA from off-nominal transformer ratios`}
          . {e.contributions.note}
        </p>
        {e.transformer_factors.length > 0 && (
          <p className="small">
            Network transformers:{" "}
            {e.transformer_factors.map((t) => `${t.element} K_T = ${t.value.toFixed(4)}`).join(", ")}{" "}
            <span className="muted">({e.transformer_factors[0]?.clause})</span>
          </p>
        )}
      </section>
      <section>
        <h4>Peak current</h4>
        <p data-testid="explain-kappa">
          κ = {e.peak.kappa.toFixed(4)}: {e.peak.text} <span className="muted small">({e.peak.clause})</span>
        </p>
      </section>
      <section>
        <h4>Breaking current</h4>
        <p>
          {e.breaking.text} <span className="muted small">({e.breaking.clause})</span>
        </p>
        {e.breaking.machines.length > 0 && (
          <table className="results-table">
            <thead>
              <tr>
                <th>Machine</th>
                <th className="num">I''kG/IrG</th>
                <th className="num">μ</th>
                <th className="num">q</th>
                <th className="num">−kA</th>
              </tr>
            </thead>
            <tbody>
              {e.breaking.machines.map((m) => (
                <tr key={m.element}>
                  <td>{m.element}</td>
                  <td className="num">{m.current_ratio.toFixed(3)}</td>
                  <td className="num">{m.mu.toFixed(4)}</td>
                  <td className="num">{m.q === null ? "–" : m.q.toFixed(4)}</td>
                  <td className="num">{m.decrement_ka.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h4>Thermal current</h4>
        <p>
          m = {e.thermal.m.toFixed(4)}, n = {e.thermal.n}: {e.thermal.text}{" "}
          <span className="muted small">({e.thermal.clause})</span>
        </p>
      </section>
    </div>
  );
}
