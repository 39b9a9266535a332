import { z } from "zod";

/** One dependency's state as `/health/detailed` reports it. */
export const componentHealthSchema = z.object({
  status: z.enum(["ok", "error"]),
  latency_ms: z.number().nonnegative(),
  detail: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  uptime_s: z.number().nonnegative(),
});

/**
 * The batch worker as its heartbeats show it. "degraded": no live process, so queued studies
 * wait; the api itself still serves, so the report as a whole stays "ok".
 */
export const workerHealthSchema = componentHealthSchema.extend({
  status: z.enum(["ok", "degraded", "error"]),
  live_processes: z.number().int().nonnegative(),
  /** ISO time of the newest heartbeat (a process pings every few seconds, busy or idle). */
  last_heartbeat_at: z.string().nullable(),
});

export const detailedHealthSchema = healthSchema.extend({
  components: z.object({
    database: componentHealthSchema,
    cache: componentHealthSchema.extend({ backend: z.enum(["redis", "memory"]) }),
    job_queue: componentHealthSchema,
    /** Optional only for reports of api versions that predate it. */
    worker: workerHealthSchema.optional(),
    /** The SMTP server, only when EMAIL_ENABLED. */
    smtp: componentHealthSchema.optional(),
  }),
});

export type ComponentHealth = z.infer<typeof componentHealthSchema>;
export type WorkerHealth = z.infer<typeof workerHealthSchema>;
export type Health = z.infer<typeof healthSchema>;
export type DetailedHealth = z.infer<typeof detailedHealthSchema>;
