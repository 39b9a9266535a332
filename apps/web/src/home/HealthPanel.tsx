import { useQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

/**
 * Whether the api answers, refreshed every 10 s. Visitors see only that: the dependencies' latency
 * and the queue are for operators (GET /health/detailed with HEALTH_TOKEN, docs/operations.md).
 */
export function HealthPanel() {
  const health = useQuery({ ...trpc.health.status.queryOptions(), refetchInterval: 10_000 });
  if (health.isPending) return <p aria-busy="true">Contacting the api…</p>;
  if (health.isError) return <p role="alert">The api is unreachable: {health.error.message}</p>;
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">
        System status: <span data-testid="overall-status">{health.data.status}</span>
      </h2>
    </section>
  );
}
