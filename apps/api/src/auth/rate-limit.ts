import { TRPCError } from "@trpc/server";
import type { Context } from "../trpc/context.ts";

const WINDOW_S = 15 * 60;

/**
 * Fixed-window login limits per client IP and per email, counted in the cache. When the cache
 * is unreachable, login is refused (fail closed): an outage must not lift brute-force limits.
 */
export async function enforceLoginRateLimit(ctx: Context, email: string): Promise<void> {
  const { cache, settings } = ctx.deps;
  const [byIp, byEmail] = await Promise.all([
    cache.increment(`login:ip:${ctx.client.ip ?? "unknown"}`, WINDOW_S),
    cache.increment(`login:email:${email}`, WINDOW_S),
  ]).catch(() => {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "login is unavailable for a moment, try again",
    });
  });
  const over = [
    byIp.count > settings.LOGIN_MAX_PER_IP ? byIp.ttlSeconds : 0,
    byEmail.count > settings.LOGIN_MAX_PER_EMAIL ? byEmail.ttlSeconds : 0,
  ];
  const retryAfter = Math.max(...over);
  if (retryAfter > 0) {
    ctx.deps.metrics.rateLimited.inc({ limit: "login" });
    ctx.setHeader("Retry-After", String(retryAfter));
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `too many login attempts: retry in ${retryAfter} s`,
    });
  }
}
