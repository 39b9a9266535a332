import { randomUUID } from "node:crypto";
import { createDb, type DbClient } from "@ampflux/db";
import { type Cache, createCache } from "@ampflux/db/cache";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import type OpenAI from "openai";
import { createAssistantClient } from "./ai/client.ts";
import { AuthCache } from "./auth/auth-cache.ts";
import { apiApplicationName } from "./auth/peer-barrier.ts";
import { SecondFactorLimiter } from "./auth/two-factor/attempt-limit.ts";
import { CircuitHub } from "./circuits/live.ts";
import { AbuseLimits } from "./limits/abuse.ts";
import type { Logger } from "./logger.ts";
import { type ApiMetrics, addDatabaseGauges, createApiMetrics } from "./metrics/api-metrics.ts";
import { NotificationHub } from "./notifications/hub.ts";
import { ReportProgressHub } from "./reports/progress.ts";
import type { ProjectListPage } from "./routers/project-list.ts";
import { ProjectListCache } from "./routers/project-list-cache.ts";
import type { ApiSettings } from "./settings.ts";
import { ProgressHub } from "./simulations/progress.ts";

/** Long-lived resources shared by every request; created once per process. */
export interface ApiDeps {
  settings: ApiSettings;
  log: Logger;
  database: DbClient;
  cache: Cache;
  /** Validated sessions and API keys, dropped on the database's invalidation NOTIFYs. */
  authCache: AuthCache;
  /**
   * projects.list's pages, dropped on the database's invalidation NOTIFYs and, for changes made
   * here, right after their commit (`forgetCompany`).
   */
  projectLists: ProjectListCache<ProjectListPage>;
  /** Study progress from the database's NOTIFYs, fanned out to this process's subscriptions. */
  progress: ProgressHub;
  /** Report progress (generate_report), the same way. */
  reportProgress: ReportProgressHub;
  /** New notifications from the database's NOTIFYs, fanned out to this process's subscriptions. */
  notifications: NotificationHub;
  /** Saved versions from the database's NOTIFYs (live collaboration). */
  circuits: CircuitHub;
  startedAt: number;
  version: string;
  /** The WASM simulation core, instantiated on first use and kept for the process. */
  simCore(): Promise<SimCore>;
  /** The assistant's model server; undefined without OPENAI_API_KEY. */
  assistant: OpenAI | undefined;
  metrics: ApiMetrics;
  /** Per-user and per-company limits on heavy work, uploads, streams and logins (docs/limits.md). */
  limits: AbuseLimits;
  /** Second-factor guessing limit, shared by the api processes through Redis. */
  secondFactorLimiter: SecondFactorLimiter;
}

export function createApiDeps(settings: ApiSettings, log: Logger, version: string): ApiDeps {
  const metrics = createApiMetrics();
  // Names this process in pg_stat_activity, where a revoking api finds the others (peer-barrier.ts).
  const instanceId = randomUUID();
  const database = createDb(settings.DATABASE_URL, {
    applicationName: apiApplicationName(instanceId),
    onQuery: (seconds, outcome) => metrics.querySeconds.observe({ outcome }, seconds),
  });
  addDatabaseGauges(metrics, database);
  const cache = createCache(settings.REDIS_URL, settings.REDIS_KEY_PREFIX);
  return {
    settings,
    log,
    database,
    cache,
    authCache: new AuthCache(database, log.child({ component: "auth-cache" }), instanceId),
    projectLists: new ProjectListCache(database, log.child({ component: "project-list-cache" })),
    progress: new ProgressHub(database, log.child({ component: "study-progress" })),
    reportProgress: new ReportProgressHub(database, log.child({ component: "report-progress" })),
    notifications: new NotificationHub(database, log.child({ component: "notifications" })),
    circuits: new CircuitHub(database, log.child({ component: "circuit-live" })),
    startedAt: Date.now(),
    version,
    simCore: once(loadSimCore),
    assistant: createAssistantClient(settings),
    metrics,
    limits: new AbuseLimits(settings, cache, metrics),
    secondFactorLimiter: new SecondFactorLimiter(settings),
  };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/** Ends every open subscription (their clients reconnect elsewhere) and UNLISTENs. */
export async function closeLiveFeeds(deps: ApiDeps): Promise<void> {
  await Promise.all([
    deps.progress.close(),
    deps.reportProgress.close(),
    deps.notifications.close(),
    deps.circuits.close(),
    deps.authCache.close(),
    deps.projectLists.close(),
  ]);
}

export async function closeApiDeps(deps: ApiDeps): Promise<void> {
  // Before the database: UNLISTENs need a connection still open.
  await closeLiveFeeds(deps);
  await Promise.allSettled([deps.database.close(), deps.cache.close(), deps.secondFactorLimiter.close()]);
}
