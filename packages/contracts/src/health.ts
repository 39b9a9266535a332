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

export const detailedHealthSchema = healthSchema.extend({
  components: z.object({
    database: componentHealthSchema,
    cache: componentHealthSchema.extend({ backend: z.enum(["redis", "memory"]) }),
    job_queue: componentHealthSchema,
  }),
});

export type ComponentHealth = z.infer<typeof componentHealthSchema>;
export type Health = z.infer<typeof healthSchema>;
export type DetailedHealth = z.infer<typeof detailedHealthSchema>;
