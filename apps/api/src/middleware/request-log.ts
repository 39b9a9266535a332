import { createMiddleware } from "hono/factory";
import type { Logger } from "../logger.ts";
import type { ApiMetrics } from "../metrics/api-metrics.ts";
import type { Context as TrpcContext } from "../trpc/context.ts";

export interface RequestVariables {
  requestId: string;
  /** Set by the tRPC context once the caller is known. */
  userId?: string;
  companyId?: string;
  /** A tRPC context made before the tRPC handler ran (circuits/get-fast-path.ts), for reuse. */
  trpcContext?: TrpcContext;
  /** Headers for the answer (middleware/response-headers.ts). */
  answerHeaders?: Headers;
}

const ROUTES = new Set(["/health", "/health/detailed", "/metrics"]);

/**
 * The tRPC procedure(s) of a request (a batch as "a,b"), or a fixed route name; anything else is
 * "other", so made-up paths cannot grow the metrics without bound.
 */
function procedureOf(path: string, procedures: ReadonlySet<string>): string {
  if (!path.startsWith("/trpc/")) return ROUTES.has(path) ? path : "other";
  const names = decodeURIComponent(path.slice("/trpc/".length));
  return names.split(",").every((name) => procedures.has(name)) ? names : "other";
}

/**
 * One structured log line per request (request id, caller, procedure, status, duration) and the
 * request metrics. Bodies, cookies and headers are never logged: they carry passwords and tokens.
 */
export const requestLog = (log: Logger, metrics: ApiMetrics, procedures: ReadonlySet<string>) =>
  createMiddleware<{ Variables: RequestVariables }>(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const seconds = (performance.now() - started) / 1000;
    const procedure = procedureOf(c.req.path, procedures);
    metrics.requests.inc({ procedure, status });
    metrics.requestSeconds.observe({ procedure, status }, seconds);
    const level = status >= 500 ? "error" : "info";
    // At LOG_LEVEL warn or error (busy production), no line is built for a successful request.
    if (!log.isEnabled(level)) return;
    log[level]("request", {
      request_id: c.get("requestId"),
      user_id: c.get("userId"),
      company_id: c.get("companyId"),
      method: c.req.method,
      procedure,
      status,
      duration_ms: Math.round(seconds * 100_000) / 100,
    });
  });
