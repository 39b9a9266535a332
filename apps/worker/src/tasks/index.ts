import type { Database } from "@ampflux/db";
import type { TaskList } from "graphile-worker";
import { cleanupExpired } from "./cleanup.ts";

/** Every task this worker runs, keyed by the identifier jobs are queued under. */
export function createTaskList(db: Database): TaskList {
  return {
    cleanup: async (_payload, helpers) => {
      const removed = await cleanupExpired(db);
      helpers.logger.info(`cleanup removed ${removed.sessions} sessions, ${removed.invitations} invitations`);
    },
  };
}

/** Recurring jobs (graphile-worker crontab syntax): cleanup at minute 7 of every hour. */
export const crontab = "7 * * * * cleanup ?max=3";
