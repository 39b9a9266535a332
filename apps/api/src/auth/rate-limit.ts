import { TRPCError } from "@trpc/server";
import type { Context } from "../trpc/context.ts";

/**
 * Login limits per client IP (LOGIN_MAX_PER_IP) and per email (LOGIN_MAX_PER_EMAIL) in 15-minute
 * windows, counted by rate-limiter-flexible in the cache's store (limits/abuse.ts). Every attempt
 * counts. When Redis is unreachable, login is refused (fail closed): an outage must not lift
 * brute-force limits.
 */
export async function enforceLoginRateLimit(ctx: Context, email: string): Promise<void> {
  const { limits } = ctx.deps;
  const [byIp, byEmail] = await Promise.all([
    limits.loginPerIp.take(ctx.client.ip ?? "unknown"),
    limits.loginPerEmail.take(email.toLowerCase()),
  ]).catch(() => {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "login is unavailable for a moment, try again",
    });
  });
  const retryAfter = Math.max(byIp ?? 0, byEmail ?? 0);
  if (retryAfter > 0)
    limits.tooMany(ctx, "login", retryAfter, `too many login attempts: retry in ${retryAfter} s`);
}
