import {
  type ComponentHealth,
  type DetailedHealth,
  type Health,
  smtpTransportOptions,
  type WorkerHealth,
} from "@ampflux/contracts";
import { type DbClient, pingDatabase } from "@ampflux/db";
import { createTransport } from "nodemailer";
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

/** A worker process silent this long is dead (the worker's default WORKER_DEAD_AFTER_MS). */
const WORKER_DEAD_AFTER_S = 30;

/** Live worker processes from their heartbeats (sent every few seconds, busy or idle). */
async function workerHealth(sql: DbClient["sql"]): Promise<WorkerHealth> {
  const seen = { live: 0, lastHeartbeat: null as string | null };
  const health = await probe(async () => {
    const [row] = await sql<{ live: number; last: string | null; age_s: number | null; running: number }[]>`
      select count(*) filter (where heartbeat_at > now() - make_interval(secs => ${WORKER_DEAD_AFTER_S}))::int as live,
             to_json(max(heartbeat_at)) #>> '{}' as last,
             extract(epoch from now() - max(heartbeat_at))::float8 as age_s,
             (select count(*)::int from graphile_worker.jobs where locked_at is not null) as running
      from worker_processes`;
    seen.live = row?.live ?? 0;
    seen.lastHeartbeat = row?.last ?? null;
    if (seen.live === 0) return "no live worker: queued studies and emails wait";
    return `${seen.live} live process${seen.live === 1 ? "" : "es"}, last heartbeat ${row?.age_s?.toFixed(1)} s ago, ${row?.running} jobs running`;
  });
  return {
    ...health,
    status: health.status === "ok" && seen.live === 0 ? "degraded" : health.status,
    live_processes: seen.live,
    last_heartbeat_at: seen.lastHeartbeat && new Date(seen.lastHeartbeat).toISOString(),
  };
}

/** Connects and logs in to the SMTP server the worker sends notification emails through. */
const smtpHealth = (settings: ApiDeps["settings"]) =>
  probe(async () => {
    await createTransport(smtpTransportOptions(settings, PROBE_TIMEOUT_MS)).verify();
    return `${settings.SMTP_HOST}:${settings.SMTP_PORT}`;
  });

export function basicHealth(deps: ApiDeps): Health {
  return { status: "ok", version: deps.version, uptime_s: Math.round((Date.now() - deps.startedAt) / 1000) };
}

export async function detailedHealth(deps: ApiDeps): Promise<DetailedHealth> {
  const { sql } = deps.database;
  const [database, cache, jobQueue, worker, smtp] = await Promise.all([
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
        select count(*)::int as pending from graphile_worker.jobs
         where locked_at is null and attempts < max_attempts`;
      return `${row?.pending ?? 0} jobs waiting`;
    }),
    workerHealth(sql),
    deps.settings.EMAIL_ENABLED ? smtpHealth(deps.settings) : undefined,
  ]);
  const components = {
    database,
    cache: { ...cache, backend: deps.cache.backend },
    job_queue: jobQueue,
    worker,
    ...(smtp && { smtp }),
  };
  // A missing worker ("degraded") delays queued work, but this api still serves: not an error.
  const healthy = Object.values(components).every((c) => c.status !== "error");
  return { ...basicHealth(deps), status: healthy ? "ok" : "degraded", components };
}
