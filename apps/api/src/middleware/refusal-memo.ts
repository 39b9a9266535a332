import { setTimeout as sleep } from "node:timers/promises";
import { createMiddleware } from "hono/factory";
import { RATE_REFUSAL_HEADER } from "../limits/abuse.ts";
import { trpcErrorResponse } from "../limits/trpc-error-response.ts";

/** Remembered refusals beyond this many are dropped oldest first: memory stays bounded. */
const MAX_REMEMBERED = 10_000;

/**
 * Answers again a request a heavy limit refused moments ago: same credential, same procedure,
 * within the Retry-After it was given. A client ignoring Retry-After then costs a map lookup per
 * request instead of authentication, tRPC and the limiter's store, and its answer comes after
 * `delayMs` (at most until the Retry-After), so a client hammering with a few connections sends a
 * few requests a second, not hundreds: a flood of refused requests cannot crowd other tenants off
 * the api's thread. Waiting costs a timer, not CPU.
 */
export const refusalMemo = (delayMs: number) => {
  const refused = new Map<string, { until: number; message: string }>();
  return createMiddleware(async (c, next) => {
    const credential = c.req.header("authorization") ?? c.req.header("cookie");
    if (!credential || !c.req.path.startsWith("/trpc/")) return next();
    const key = `${c.req.path}\n${credential}`;
    const memo = refused.get(key);
    const now = Date.now();
    if (memo && memo.until > now) {
      await sleep(Math.min(delayMs, memo.until - now));
      const retryAfter = String(Math.max(1, Math.ceil((memo.until - Date.now()) / 1000)));
      return trpcErrorResponse(
        c.req.path,
        new URL(c.req.url).searchParams,
        "TOO_MANY_REQUESTS",
        memo.message,
        {
          "retry-after": retryAfter,
        },
      );
    }
    if (memo) refused.delete(key);
    await next();
    const message = c.res.headers.get(RATE_REFUSAL_HEADER);
    if (message === null) return;
    c.res.headers.delete(RATE_REFUSAL_HEADER);
    const retryAfter = Number(c.res.headers.get("retry-after"));
    if (c.res.status !== 429 || !(retryAfter > 0)) return;
    if (refused.size >= MAX_REMEMBERED) refused.delete(refused.keys().next().value as string);
    refused.set(key, { until: now + retryAfter * 1000, message: decodeURIComponent(message) });
  });
};
