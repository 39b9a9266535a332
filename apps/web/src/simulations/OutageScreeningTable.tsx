import { changePercent, type OutageScreeningResult } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { formatKa } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

/** Rows shown at once: a 10,000-bus network's table is searched, not scrolled. */
const SHOWN = 200;

/** The size of a row's change, for sorting (an unfed or unknown change sorts as none). */
const changeSize = (worst: number | null, base: number | null) => Math.abs(changePercent(worst, base) ?? 0);

const formatChange = (percent: number | null) => (percent === null ? "–" : percent.toFixed(1));

/** The editor with the screening over the diagram (and one outage's deltas). */
const diagramLink = (projectId: string, simulationId: string, outage?: string) =>
  `/projects/${projectId}?screening=${simulationId}${outage ? `&outage=${encodeURIComponent(outage)}` : ""}`;

/**
 * An N-1 screening: per bus the worst I''k, the outage that gives it and the intact network's,
 * largest change first (a bus search narrows it); then the outages that change most.
 */
export function OutageScreeningTable({
  result,
  projectId,
  simulationId,
}: {
  result: OutageScreeningResult;
  projectId: string;
  simulationId: string;
}) {
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const o = result.options;
  const worst = o.worst ?? (o.case === "max" ? "highest" : "lowest");
  const rows = result.buses
    .filter((b) => !search || b.bus.toLowerCase().includes(search.toLowerCase()))
    .sort((a, b) => changeSize(b.ikss_ka, b.base_ikss_ka) - changeSize(a.ikss_ka, a.base_ikss_ka));
  const outages = [...result.outages].sort((a, b) => b.largest_change_percent - a.largest_change_percent);
  return (
    <div className="stack" data-testid="outage-screening">
      <p className="muted">
        {result.outages.length} outages × {result.buses.length} buses, {o.fault} fault, {o.case} case: the{" "}
        {worst} I''k per bus.
        {result.not_screened.length > 0 && ` Not screened: ${result.not_screened.length} (listed below).`}{" "}
        <Link to={diagramLink(projectId, simulationId)} data-testid="screening-on-diagram">
          Worst case on the diagram
        </Link>
      </p>
      <input
        type="search"
        aria-label="Find a bus"
        placeholder="Find a bus"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <table>
        <thead>
          <tr>
            <th>Bus</th>
            <th className="num">Worst Ik'' kA</th>
            <th>With</th>
            <th className="num">Intact Ik'' kA</th>
            <th className="num">Change %</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((b) => (
            <tr key={b.bus}>
              <td>{b.bus}</td>
              <td className="num">{b.ikss_ka === null ? "unfed" : formatKa(b.ikss_ka)}</td>
              <td>{b.outage ? `${b.outage} out` : "intact network"}</td>
              <td className="num">{formatKa(b.base_ikss_ka)}</td>
              <td className="num">{formatChange(changePercent(b.ikss_ka, b.base_ikss_ka))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">{rows.length - SHOWN} more buses: find one by name.</p>}
      <h3>Outages that change I''k most</h3>
      <table>
        <thead>
          <tr>
            <th>Outage</th>
            <th>Kind</th>
            <th className="num">Largest change %</th>
            <th>At bus</th>
            <th className="num">Buses unfed</th>
            <th aria-label="Details" />
          </tr>
        </thead>
        <tbody>
          {outages.slice(0, 20).map((x) => (
            <tr key={x.outage}>
              <td>{x.outage}</td>
              <td>{x.kind}</td>
              <td className="num">{x.largest_change_percent.toFixed(1)}</td>
              <td>{x.at_bus ?? "–"}</td>
              <td className="num">{x.unfed_buses}</td>
              <td>
                <button type="button" className="small" onClick={() => setChosen(x.outage)}>
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && <OutageDetailTable projectId={projectId} simulationId={simulationId} outage={chosen} />}
      {result.not_screened.length > 0 && (
        <ul className="muted small">
          {result.not_screened.map((n) => (
            <li key={n.element}>
              {n.element}: {n.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One outage in detail, computed on demand: I''k at every bus with it and without it. */
function OutageDetailTable({
  projectId,
  simulationId,
  outage,
}: {
  projectId: string;
  simulationId: string;
  outage: string;
}) {
  const detail = useQuery(trpc.simulations.outageDetail.queryOptions({ projectId, simulationId, outage }));
  if (detail.isPending) return <Loading label={`Computing ${outage} out…`} />;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const rows = [...detail.data.buses].sort(
    (a, b) =>
      (b.ikss_ka === null ? Number.POSITIVE_INFINITY : Math.abs(b.change_percent ?? 0)) -
      (a.ikss_ka === null ? Number.POSITIVE_INFINITY : Math.abs(a.change_percent ?? 0)),
  );
  return (
    <section className="stack" data-testid="outage-detail" aria-label={`${outage} out`}>
      <h3>With {outage} out</h3>
      <p className="muted small">
        Ik'' from the screening's exact update; ip, Ib (tmin 0.1 s) and Ith (tk 1 s), κ method C, from a full
        study of the network with {outage} out.{" "}
        <Link to={diagramLink(projectId, simulationId, outage)} data-testid="outage-on-diagram">
          Show {outage} out on the diagram
        </Link>
      </p>
      <table>
        <thead>
          <tr>
            <th>Bus</th>
            <th className="num">Ik'' kA</th>
            <th className="num">Intact Ik'' kA</th>
            <th className="num">Change %</th>
            <th className="num">ip kA</th>
            <th className="num">Ib kA</th>
            <th className="num">Ith kA</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((b) => (
            <tr key={b.bus}>
              <td>{b.bus}</td>
              <td className="num">{b.ikss_ka === null ? "unfed" : formatKa(b.ikss_ka)}</td>
              <td className="num">{formatKa(b.base_ikss_ka)}</td>
              <td className="num">{formatChange(b.change_percent)}</td>
              <td className="num">{formatKa(b.ip_ka)}</td>
              <td className="num">{formatKa(b.ib_ka)}</td>
              <td className="num">{formatKa(b.ith_ka)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
