import type { ComponentHealth } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

const labels = { database: "Database", cache: "Cache", job_queue: "Job queue" } as const;

function ComponentRow({ name, health }: { name: keyof typeof labels; health: ComponentHealth }) {
  return (
    <tr data-component={name}>
      <th scope="row">{labels[name]}</th>
      <td className={health.status === "ok" ? "ok" : "error"}>{health.status}</td>
      <td className="num">{health.latency_ms.toFixed(1)} ms</td>
      <td className="detail">{health.detail ?? ""}</td>
    </tr>
  );
}

/** The api's view of its dependencies, refreshed every 10 s. */
export function HealthPanel() {
  const health = useQuery({ ...trpc.health.detailed.queryOptions(), refetchInterval: 10_000 });
  if (health.isPending) return <p aria-busy="true">Contacting the api…</p>;
  if (health.isError) return <p role="alert">The api is unreachable: {health.error.message}</p>;
  const { status, version, uptime_s, components } = health.data;
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">
        System status: <span data-testid="overall-status">{status}</span>
      </h2>
      <p className="muted">
        api {version}, up {uptime_s} s, cache backend {components.cache.backend}
      </p>
      <table>
        <thead>
          <tr>
            <th>Component</th>
            <th>Status</th>
            <th>Latency</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          <ComponentRow name="database" health={components.database} />
          <ComponentRow name="cache" health={components.cache} />
          <ComponentRow name="job_queue" health={components.job_queue} />
        </tbody>
      </table>
    </section>
  );
}
