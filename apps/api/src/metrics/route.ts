import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { ApiDeps } from "../deps.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus text format: with METRICS_TOKEN, for bearers of it only; without,
 * only on an api bound to loopback, where just this machine can reach it.
 */
export function metricsRoute(deps: ApiDeps) {
  const token = deps.settings.METRICS_TOKEN;
  return async (c: Context) => {
    if (token) {
      const given = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
      if (!sameToken(given, token)) return c.json({ error: "metrics need the metrics token" }, 401);
    } else if (!LOOPBACK.has(deps.settings.API_HOST)) {
      return c.json({ error: "not found" }, 404);
    }
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { "content-type": deps.metrics.registry.contentType });
  };
}
