import { createMiddleware } from "hono/factory";
import type { Logger } from "../logger.ts";

/** One structured log line per request, tagged with the request id set by `requestId()`. */
export const requestLog = (log: Logger) =>
  createMiddleware<{ Variables: { requestId: string } }>(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log[status >= 500 ? "error" : "info"]("request", {
      request_id: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
    });
  });
