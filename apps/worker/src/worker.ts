import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { featureDefaults } from "@ampflux/contracts";
import { createDb } from "@ampflux/db";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import { makeWorkerUtils, type Runner, run, type WorkerEvents } from "graphile-worker";
import { createMailer } from "./email/mailer.ts";
import { startLiveness } from "./liveness.ts";
import { createWorkerMetrics, serveMetrics } from "./metrics.ts";
import type { WorkerSettings } from "./settings.ts";
import { createTaskList, crontab } from "./tasks/index.ts";
import type { TaskDeps } from "./tasks/study.ts";

export interface RunningWorker {
  runner: Runner;
  /** Where Prometheus scrapes this process; undefined without WORKER_METRICS_PORT. */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

/** Connects to the job queue (migrating its schema if needed) and starts taking jobs. */
export async function startWorker(
  settings: WorkerSettings,
  overrides: Partial<Pick<TaskDeps, "simCore">> = {},
): Promise<RunningWorker> {
  const database = createDb(settings.DATABASE_URL, { applicationName: "ampflux-worker" });
  let core: Promise<SimCore> | undefined;
  const simCore = overrides.simCore ?? (() => (core ??= loadSimCore()));
  try {
    const events: WorkerEvents = new EventEmitter();
    const queue = await makeWorkerUtils({ connectionString: settings.DATABASE_URL });
    const liveness = startLiveness(database.db, events, queue, {
      heartbeatMs: settings.WORKER_HEARTBEAT_MS,
      deadAfterMs: settings.WORKER_DEAD_AFTER_MS,
    });
    const metrics = createWorkerMetrics(database, events);
    const metricsServer =
      settings.WORKER_METRICS_PORT === undefined
        ? undefined
        : await serveMetrics(metrics, settings.WORKER_METRICS_HOST, settings.WORKER_METRICS_PORT);
    const runner = await run({
      connectionString: settings.DATABASE_URL,
      concurrency: settings.WORKER_CONCURRENCY,
      // The process entry point owns signal handling, so tests can stop runners themselves.
      noHandleSignals: true,
      pollInterval: 1_000,
      taskList: createTaskList({
        db: database.db,
        simCore,
        mailer: createMailer(settings),
        features: featureDefaults(settings),
        engineSeconds: metrics.engineSeconds,
      }),
      crontab,
      events,
    });
    return {
      runner,
      metricsUrl: metricsServer && `http://${settings.WORKER_METRICS_HOST}:${portOf(metricsServer)}/metrics`,
      async stop() {
        metricsServer?.close();
        await runner.stop();
        await liveness.stop();
        await queue.release();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
