import {
  emailSettingsShape,
  featureSettingsShape,
  logLevelSchema,
  nodeEnvSchema,
  parseSettings,
  portSchema,
  postgresUrlSchema,
  requireSmtpWhenEnabled,
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
  /** Notification emails (docs/notifications.md). */
  ...emailSettingsShape,
  /** Feature defaults (docs/operations.md#feature-flags); email_notifications gates emails. */
  ...featureSettingsShape,
  /** The web app's address, for the links in emails. */
  APP_URL: z.url().default("http://127.0.0.1:5173"),
});

export type WorkerSettings = z.infer<typeof workerSettingsSchema>;

export const loadWorkerSettings = (env: Record<string, string | undefined> = process.env): WorkerSettings =>
  parseSettings(workerSettingsSchema.superRefine(requireSmtpWhenEnabled), env);
