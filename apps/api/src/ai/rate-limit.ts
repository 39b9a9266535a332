import { TRPCError } from "@trpc/server";
import type { ProjectCtx } from "./project-ctx.ts";

const WINDOW_S = 60;

/**
 * Fixed one-minute windows per user and per company, counted in the cache like the login limits
 * (auth/rate-limit.ts). Every question counts, cached answers too. When the cache is unreachable
 * the assistant is refused: the limits also bound what the company pays the model server.
 */
export async function enforceAssistantRateLimit(ctx: ProjectCtx): Promise<void> {
  const { cache, settings } = ctx.deps;
  const [byUser, byCompany] = await Promise.all([
    cache.increment(`ai:user:${ctx.user.id}`, WINDOW_S),
    cache.increment(`ai:company:${ctx.user.companyId}`, WINDOW_S),
  ]).catch(() => {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "the assistant is unavailable for a moment, try again",
    });
  });
  const over =
    byUser.count > settings.AI_MAX_PER_USER_PER_MINUTE
      ? { who: "you have", retryAfter: byUser.ttlSeconds }
      : byCompany.count > settings.AI_MAX_PER_COMPANY_PER_MINUTE
        ? { who: "your company has", retryAfter: byCompany.ttlSeconds }
        : undefined;
  if (!over) return;
  ctx.deps.metrics.rateLimited.inc({ limit: "assistant" });
  ctx.setHeader("Retry-After", String(over.retryAfter));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `${over.who} asked the assistant too often: retry in ${over.retryAfter} s`,
  });
}
