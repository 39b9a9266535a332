import { purgeDueCompanies } from "@ampflux/db";
import type { Task } from "graphile-worker";
import type { TaskDeps } from "./study.ts";

/**
 * Purges every company whose deletion grace period is over (docs/accounts-lifecycle.md). Queued
 * by the api for the end of each grace period and run hourly, so a missed job only delays a purge.
 */
export const purgeCompaniesTask =
  (deps: TaskDeps): Task =>
  async (_payload, helpers) => {
    for (const tombstone of await purgeDueCompanies(deps.db))
      helpers.logger.info(
        `purged company ${tombstone.companyId} (${tombstone.name}): ${JSON.stringify(tombstone.counts)}`,
      );
  };
