import { TRPCError } from "@trpc/server";
import type { Context } from "../trpc/context.ts";

/** Account emails are counted in one-hour fixed windows. */
const WINDOW_S = 3_600;

export interface CountedLimit {
  /** Cache key of the counter, e.g. `password_reset:ip:1.2.3.4`. */
  key: string;
  /** Requests allowed in the window (an api setting). */
  max: number;
}

/**
 * Fixed-window limits on the requests that send account emails (password reset, verification),
 * counted in the shared cache like the login limits (auth/rate-limit.ts) so every api instance
 * sees the same counts. Fails closed when the cache is unreachable: an outage must not turn the
 * api into a mail cannon.
 */
export async function enforceAccountEmailLimits(
  ctx: Context,
  limit: "password_reset" | "verification_email",
  limits: CountedLimit[],
): Promise<void> {
  const counts = await Promise.all(limits.map((l) => ctx.deps.cache.increment(l.key, WINDOW_S))).catch(() => {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "unavailable for a moment, try again" });
  });
  const retryAfter = Math.max(
    0,
    ...counts.map((c, i) => (c.count > (limits[i]?.max ?? 0) ? c.ttlSeconds : 0)),
  );
  if (retryAfter === 0) return;
  ctx.deps.metrics.rateLimited.inc({ limit });
  ctx.setHeader("Retry-After", String(retryAfter));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `too many ${limit === "password_reset" ? "password reset" : "verification"} emails asked for: retry in ${retryAfter} s`,
  });
}
