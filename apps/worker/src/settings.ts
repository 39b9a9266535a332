import { logLevelSchema, nodeEnvSchema, parseSettings, postgresUrlSchema } from "@ampflux/contracts";
import { z } from "zod";

export const workerSettingsSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  DATABASE_URL: postgresUrlSchema,
  /** Jobs one process runs at once; start more processes to scale out. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  LOG_LEVEL: logLevelSchema,
});

export type WorkerSettings = z.infer<typeof workerSettingsSchema>;

export const loadWorkerSettings = (env: Record<string, string | undefined> = process.env): WorkerSettings =>
  parseSettings(workerSettingsSchema, env);
