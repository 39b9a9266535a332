import type { ComponentHealth, DetailedHealth, Health } from "@ampflux/contracts";
import { pingDatabase } from "@ampflux/db";
import type { ApiDeps } from "./deps.ts";

/** A probe slower than this counts as failed: health must answer even when a dependency hangs. */
const PROBE_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<string | undefined>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([check(), timeout]);
    return { status: "ok", latency_ms: round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { status: "error", latency_ms: round(performance.now() - started), detail };
  } finally {
    clearTimeout(timer);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function basicHealth(deps: ApiDeps): Health {
  return { status: "ok", version: deps.version, uptime_s: Math.round((Date.now() - deps.startedAt) / 1000) };
}

export async function detailedHealth(deps: ApiDeps): Promise<DetailedHealth> {
  const { sql } = deps.database;
  const [database, cache, jobQueue] = await Promise.all([
    probe(async () => {
      await pingDatabase(sql);
      return undefined;
    }),
    probe(async () => {
      await deps.cache.ping();
      return undefined;
    }),
    // graphile-worker's public view; present once the queue schema is migrated.
    probe(async () => {
      const [row] = await sql<{ pending: number }[]>`
        select count(*)::int as pending from graphile_worker.jobs where locked_at is null`;
      return `${row?.pending ?? 0} jobs waiting`;
    }),
  ]);
  const components = { database, cache: { ...cache, backend: deps.cache.backend }, job_queue: jobQueue };
  const healthy = Object.values(components).every((c) => c.status === "ok");
  return { ...basicHealth(deps), status: healthy ? "ok" : "degraded", components };
}
