import { TRPCError } from "@trpc/server";
import type { RateLimit } from "../limits/limiters.ts";
import type { Context } from "../trpc/context.ts";

/**
 * The limits on requests that send account emails (password reset, verification): one-hour
 * windows of rate-limiter-flexible in the cache's store (limits/abuse.ts), so every api instance
 * sees the same counts. Every request counts. Fails closed when Redis is unreachable: an outage
 * must not turn the api into a mail cannon.
 */
export async function enforceAccountEmailLimits(
  ctx: Context,
  limit: "password_reset" | "verification_email",
  counters: Array<{ limiter: RateLimit; key: string }>,
): Promise<void> {
  const waits = await Promise.all(counters.map(({ limiter, key }) => limiter.take(key))).catch(() => {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "unavailable for a moment, try again" });
  });
  const retryAfter = Math.max(0, ...waits.map((wait) => wait ?? 0));
  if (retryAfter === 0) return;
  const what = limit === "password_reset" ? "password reset" : "verification";
  ctx.deps.limits.tooMany(
    ctx,
    limit,
    retryAfter,
    `too many ${what} emails asked for: retry in ${retryAfter} s`,
  );
}
