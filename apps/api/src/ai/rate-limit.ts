import { TRPCError } from "@trpc/server";
import type { ProjectCtx } from "./project-ctx.ts";

/**
 * One-minute windows per user and per company, on rate-limiter-flexible like the other abuse
 * limits (limits/abuse.ts: in Redis when set, so they hold across api instances). Every question
 * counts, cached answers and refused ones too. When Redis is unreachable the assistant is
 * refused: the limits also bound what the company pays the model server.
 */
export async function enforceAssistantRateLimit(ctx: ProjectCtx): Promise<void> {
  const { limits } = ctx.deps;
  const [userWait, companyWait] = await Promise.all([
    limits.assistantPerUser.take(ctx.user.id),
    limits.assistantPerCompany.take(ctx.user.companyId),
  ]).catch(() => {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "the assistant is unavailable for a moment, try again",
    });
  });
  const over =
    userWait !== undefined
      ? { who: "you have", retryAfter: userWait }
      : companyWait !== undefined
        ? { who: "your company has", retryAfter: companyWait }
        : undefined;
  if (!over) return;
  ctx.deps.metrics.rateLimited.inc({ limit: "assistant" });
  ctx.setHeader("Retry-After", String(over.retryAfter));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `${over.who} asked the assistant too often: retry in ${over.retryAfter} s`,
  });
}
