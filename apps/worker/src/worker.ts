import { EventEmitter } from "node:events";
import { featureDefaults } from "@ampflux/contracts";
import { createDb } from "@ampflux/db";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import { makeWorkerUtils, type Runner, run, type WorkerEvents } from "graphile-worker";
import { createMailer } from "./email/mailer.ts";
import { startLiveness } from "./liveness.ts";
import type { WorkerSettings } from "./settings.ts";
import { createTaskList, crontab } from "./tasks/index.ts";
import type { TaskDeps } from "./tasks/study.ts";

export interface RunningWorker {
  runner: Runner;
  stop(): Promise<void>;
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
      }),
      crontab,
      events,
    });
    return {
      runner,
      async stop() {
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
