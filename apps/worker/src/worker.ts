import { createDb } from "@ampflux/db";
import { type Runner, run } from "graphile-worker";
import type { WorkerSettings } from "./settings.ts";
import { createTaskList, crontab } from "./tasks/index.ts";

export interface RunningWorker {
  runner: Runner;
  stop(): Promise<void>;
}

/** Connects to the job queue (migrating its schema if needed) and starts taking jobs. */
export async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const database = createDb(settings.DATABASE_URL, { applicationName: "ampflux-worker" });
  try {
    const runner = await run({
      connectionString: settings.DATABASE_URL,
      concurrency: settings.WORKER_CONCURRENCY,
      // The process entry point owns signal handling, so tests can stop runners themselves.
      noHandleSignals: true,
      pollInterval: 1_000,
      taskList: createTaskList(database.db),
      crontab,
    });
    return {
      runner,
      async stop() {
        await runner.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
