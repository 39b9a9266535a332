import {
  emailSettingsShape,
  featureSettingsShape,
  isLoopbackUrl,
  logLevelSchema,
  nodeEnvSchema,
  parseSettings,
  portSchema,
  postgresUrlSchema,
  requireProductionSecrets,
  requireSmtpWhenEnabled,
  shutdownTimeoutSchema,
  sweepSettingsShape,
} from "@ampflux/contracts";
import { z } from "zod";

export const workerSettingsSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  DATABASE_URL: postgresUrlSchema,
  /** Jobs one process runs at once; start more processes to scale out. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  LOG_LEVEL: logLevelSchema,
  /** Serves GET /metrics (Prometheus) on this port when set; 0 picks a free one (tests). */
  WORKER_METRICS_PORT: portSchema.optional(),
  /** An internal address: the worker's metrics have no token. */
  WORKER_METRICS_HOST: z.string().default("127.0.0.1"),
  /** How often a worker process records that it is alive. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
  /** A process silent this long is dead: its peers unlock its jobs so they run again. */
  WORKER_DEAD_AFTER_MS: z.coerce.number().int().min(500).default(30_000),
  /**
   * On SIGTERM/SIGINT the worker takes no new job and lets running ones finish for this long; jobs
   * still running then are handed back to the queue (retried by any worker) and the process exits.
   */
  WORKER_SHUTDOWN_TIMEOUT_MS: shutdownTimeoutSchema.default(20_000),
  /**
   * The work of one part of a spread N-1 screening, in bus × outage pairs: ~0.6 s of the kernel
   * here (case9241pegase, 148 million pairs, ~2.2 s in all), so that what each part costs besides
   * (its rows, model, factorization and stored result) stays small against it.
   */
  SCREENING_PAIRS_PER_PART: z.coerce.number().int().min(1).default(40_000_000),
  /** Notification emails (docs/notifications.md). */
  ...emailSettingsShape,
  /** Feature defaults (docs/operations.md#feature-flags); email_notifications gates emails. */
  ...featureSettingsShape,
  /** Worker slots one company's sweeps may hold at once, over all workers (docs/operations.md). */
  ...sweepSettingsShape,
  /** The web app's address, for the links in emails. */
  APP_URL: z.url().default("http://127.0.0.1:5173"),
});

export type WorkerSettings = z.infer<typeof workerSettingsSchema>;

/** Production mode's own rule for the worker: email links must reach the public web app. */
function requireProductionWorker(settings: WorkerSettings, ctx: z.RefinementCtx): void {
  if (settings.NODE_ENV !== "production" || !settings.EMAIL_ENABLED) return;
  if (isLoopbackUrl(settings.APP_URL))
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message: `must be the web app's public address in production when EMAIL_ENABLED, not ${settings.APP_URL}`,
    });
}

export const loadWorkerSettings = (env: Record<string, string | undefined> = process.env): WorkerSettings =>
  parseSettings(
    workerSettingsSchema
      .superRefine(requireSmtpWhenEnabled)
      .superRefine(requireProductionSecrets)
      .superRefine(requireProductionWorker),
    env,
  );
