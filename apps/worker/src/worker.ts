import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { featureDefaults } from "@ampflux/contracts";
import { createDb } from "@ampflux/db";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import { makeWorkerUtils, type Runner, run, type WorkerEvents } from "graphile-worker";
import { createMailer } from "./email/mailer.ts";
import { warmUpEngine } from "./engine-warm-up.ts";
import { startLiveness } from "./liveness.ts";
import { createWorkerMetrics, serveMetrics } from "./metrics.ts";
import { createQueuePool } from "./queue-pool.ts";
import type { WorkerSettings } from "./settings.ts";
import { createTaskList, crontab } from "./tasks/index.ts";
import type { TaskDeps } from "./tasks/study.ts";

export interface RunningWorker {
  runner: Runner;
  /** Where Prometheus scrapes this process; undefined without WORKER_METRICS_PORT. */
  metricsUrl: string | undefined;
  /**
   * Takes no new job and waits for running ones (graphile-worker's graceful shutdown) up to
   * `timeoutMs`; jobs still running then are unlocked, so any worker retries them. Resolves
   * with whether every running job finished.
   */
  stop(timeoutMs?: number): Promise<{ graceful: boolean }>;
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
  // The engine compiles and warms up (engine-warm-up.ts) while the worker connects, not in its
  // first study's time (a screening's first part on each worker; a failure to load surfaces
  // there, when a task awaits it; a failed warm-up only costs speed).
  if (!overrides.simCore)
    simCore()
      .then(warmUpEngine)
      .catch(() => {});
  const logPoolError = (message: string) => console.error(message);
  // graphile-worker's recommended pool size, with room above the concurrency for its own queries.
  const runnerPool = createQueuePool(
    settings.DATABASE_URL,
    Math.max(10, settings.WORKER_CONCURRENCY + 2),
    logPoolError,
  );
  const utilsPool = createQueuePool(settings.DATABASE_URL, 2, logPoolError);
  // After a shutdown cut short, jobs still running hold runner connections: that pool is ended
  // without waiting for them (its error handlers stay), as the process is about to exit.
  const closeAll = async (runnerStopped: boolean) => {
    const runnerEnded = runnerPool.end().catch(() => {});
    await Promise.all([runnerStopped ? runnerEnded : undefined, utilsPool.end()]);
    await database.close();
  };
  try {
    const events: WorkerEvents = new EventEmitter();
    const queue = await makeWorkerUtils({ pgPool: utilsPool.pool });
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
      pgPool: runnerPool.pool,
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
        sweepSlots: settings.SWEEP_SLOTS_PER_COMPANY,
        screeningPairsPerPart: settings.SCREENING_PAIRS_PER_PART,
      }),
      crontab,
      events,
      // Completions (and failures) go through graphile-worker's batcher, which its shutdown flushes:
      // unbatched, a job finished just before SIGTERM could stay locked after the process exits.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    return {
      runner,
      metricsUrl: metricsServer && `http://${settings.WORKER_METRICS_HOST}:${portOf(metricsServer)}/metrics`,
      async stop(timeoutMs = settings.WORKER_SHUTDOWN_TIMEOUT_MS) {
        metricsServer?.close();
        const graceful = await stopRunner(runner, timeoutMs);
        await liveness.stop();
        await queue.release();
        await closeAll(graceful);
        return { graceful };
      },
    };
  } catch (error) {
    await closeAll(true);
    throw error;
  }
}

/**
 * graphile-worker's graceful shutdown waits for running tasks without end (ours do not watch its
 * abort signal), and its `kill()` does nothing once a graceful shutdown began. So past the bound
 * we stop waiting: `liveness.stop()` then unlocks the jobs still locked under this process's ids
 * and the process exits, so any worker (a peer, or this one restarted) runs them again at once.
 * A late finish from this process is harmless: studies are stored once (finishSimulation).
 */
async function stopRunner(runner: Runner, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const stopped = runner.stop().then(
    () => true,
    () => true,
  );
  const graceful = await Promise.race([
    stopped,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return graceful;
}
