// The worker's Prometheus metrics (docs/operations.md), served on an internal port when
// WORKER_METRICS_PORT is set: job durations and failures by task, queue depth, engine time.

import { createServer, type Server } from "node:http";
import type { DbClient } from "@ampflux/db";
import { DURATION_BUCKETS, engineStudyHistogram, jobQueueDepthGauge } from "@ampflux/db/metrics";
import type { WorkerEvents } from "graphile-worker";
import { Counter, Histogram, Registry } from "prom-client";

export function createWorkerMetrics(database: DbClient, events: WorkerEvents) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "worker" });
  const registers = [registry];
  const jobSeconds = new Histogram({
    name: "ampflux_job_duration_seconds",
    help: "Job run times by task and outcome (success, error: an attempt that will be retried or not)",
    labelNames: ["task", "outcome"],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const jobFailures = new Counter({
    name: "ampflux_job_failures_total",
    help: "Failed job attempts by task; final: no attempts left",
    labelNames: ["task", "final"],
    registers,
  });
  jobQueueDepthGauge(registry, database);
  const started = new Map<string, number>();
  events.on("job:start", ({ job }) => started.set(job.id, performance.now()));
  const ended = (job: { id: string; task_identifier: string }, outcome: "success" | "error") => {
    const since = started.get(job.id);
    started.delete(job.id);
    if (since !== undefined)
      jobSeconds.observe({ task: job.task_identifier, outcome }, (performance.now() - since) / 1000);
  };
  events.on("job:success", ({ job }) => ended(job, "success"));
  events.on("job:error", ({ job }) => {
    ended(job, "error");
    jobFailures.inc({ task: job.task_identifier, final: String(job.attempts >= job.max_attempts) });
  });
  return { registry, engineSeconds: engineStudyHistogram(registry) };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

/** GET /metrics on host:port; any other path is 404. */
export function serveMetrics(metrics: WorkerMetrics, host: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" || req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
