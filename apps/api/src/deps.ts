import { createDb, type DbClient } from "@ampflux/db";
import { type Cache, createCache } from "@ampflux/db/cache";
import type { Logger } from "./logger.ts";
import type { ApiSettings } from "./settings.ts";

/** Long-lived resources shared by every request; created once per process. */
export interface ApiDeps {
  settings: ApiSettings;
  log: Logger;
  database: DbClient;
  cache: Cache;
  startedAt: number;
  version: string;
}

export function createApiDeps(settings: ApiSettings, log: Logger, version: string): ApiDeps {
  return {
    settings,
    log,
    database: createDb(settings.DATABASE_URL, { applicationName: "ampflux-api" }),
    cache: createCache(settings.REDIS_URL, settings.REDIS_KEY_PREFIX),
    startedAt: Date.now(),
    version,
  };
}

export async function closeApiDeps(deps: ApiDeps): Promise<void> {
  await Promise.allSettled([deps.database.close(), deps.cache.close()]);
}
