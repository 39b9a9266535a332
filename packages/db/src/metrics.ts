// Metric pieces the api and the worker share (prom-client): duration buckets, network size
// classes, and the job queue's depth read from Postgres when scraped.

import { Gauge, Histogram, type Registry } from "prom-client";
import type { DbClient } from "./client.ts";

/** Seconds, from a fast query to a slow study. */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

/** Network size classes for engine metrics: bounded label values, one decade each. */
export function sizeClass(buses: number): string {
  if (buses <= 100) return "le_100";
  if (buses <= 1_000) return "le_1k";
  if (buses <= 10_000) return "le_10k";
  return "gt_10k";
}

export function jobQueueDepthGauge(registry: Registry, database: DbClient): Gauge {
  return new Gauge({
    name: "ampflux_job_queue_depth",
    help: "Jobs waiting in the queue (not locked by a worker, not dead letters)",
    registers: [registry],
    async collect() {
      const [row] = await database.sql<{ pending: number }[]>`
        select count(*)::int as pending from graphile_worker.jobs
         where locked_at is null and attempts < max_attempts`;
      this.set(row?.pending ?? 0);
    },
  });
}

/** Engine time per study, where it runs (api inline, worker), by study kind and network size. */
export function engineStudyHistogram(registry: Registry): Histogram<"kind" | "size"> {
  return new Histogram({
    name: "ampflux_engine_study_duration_seconds",
    help: "Time of studies in the WASM engine, by study kind and network size class",
    labelNames: ["kind", "size"],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
}
