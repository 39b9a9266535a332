// The api's Prometheus metrics (docs/operations.md describes each and its healthy range). One
// registry per api instance, so tests can run several in a process.

import { type DbClient, sessions } from "@ampflux/db";
import { DURATION_BUCKETS, engineStudyHistogram, jobQueueDepthGauge } from "@ampflux/db/metrics";
import { gt, sql } from "drizzle-orm";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type CacheName = "ai_answers" | "simulation_results";
export type LimitName = "login" | "assistant";

export function createApiMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "api" });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "ampflux_http_requests_total",
      help: "HTTP requests by tRPC procedure (or route) and status",
      labelNames: ["procedure", "status"],
      registers,
    }),
    requestSeconds: new Histogram({
      name: "ampflux_http_request_duration_seconds",
      help: "HTTP request durations by tRPC procedure (or route) and status",
      labelNames: ["procedure", "status"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    querySeconds: new Histogram({
      name: "ampflux_db_query_duration_seconds",
      help: "Database query durations, by outcome",
      labelNames: ["outcome"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    cacheLookups: new Counter({
      name: "ampflux_cache_lookups_total",
      help: "Cache lookups by cache and result (hit or miss)",
      labelNames: ["cache", "result"],
      registers,
    }),
    rateLimited: new Counter({
      name: "ampflux_rate_limit_rejections_total",
      help: "Requests refused by a rate limit (429), by limit",
      labelNames: ["limit"],
      registers,
    }),
    engineSeconds: engineStudyHistogram(registry),
    registers,
  };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;

/** Gauges read from the database when scraped: queue depth and live sessions. */
export function addDatabaseGauges(metrics: ApiMetrics, database: DbClient): void {
  jobQueueDepthGauge(metrics.registry, database);
  new Gauge({
    name: "ampflux_active_sessions",
    help: "Sessions that have not expired",
    registers: metrics.registers,
    async collect() {
      const [row] = await database.db
        .select({ count: sql<number>`count(*)::int` })
        .from(sessions)
        .where(gt(sessions.expiresAt, new Date()));
      this.set(row?.count ?? 0);
    },
  });
}
