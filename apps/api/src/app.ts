import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { ssoRoutes } from "./auth/oidc/routes.ts";
import { circuitsGetFastPath } from "./circuits/get-fast-path.ts";
import type { ApiDeps } from "./deps.ts";
import { basicHealth, detailedHealth } from "./health.ts";
import { mayReadDetailedHealth } from "./health-access.ts";
import { exportDownloadRoute } from "./lifecycle/download-route.ts";
import { metricsRoute } from "./metrics/route.ts";
import { compressAnswers } from "./middleware/compress.ts";
import { originCheck } from "./middleware/origin-check.ts";
import { refusalMemo } from "./middleware/refusal-memo.ts";
import { requestLimits } from "./middleware/request-limits.ts";
import { type RequestVariables, requestLog } from "./middleware/request-log.ts";
import { EXPOSED_HEADERS, responseHeaders } from "./middleware/response-headers.ts";
import { appRouter } from "./routers/index.ts";
import { createContext } from "./trpc/context.ts";
import { singleQuery, type TrpcErrorReport } from "./trpc/single-query.ts";

export interface AppOptions {
  /** Single GET queries answered without tRPC's fetch adapter (default true). */
  directQueries?: boolean;
}

export function createApp(deps: ApiDeps, options: AppOptions = {}) {
  const app = new Hono<{ Variables: RequestVariables }>();

  const headers = responseHeaders(deps.settings.CORS_ORIGINS);
  app.use(requestId());
  app.use(requestLog(deps.log, deps.metrics, new Set(Object.keys(appRouter._def.procedures))));
  // Before anything costly: a client retrying a rate-limited request too early is answered at once.
  app.use(refusalMemo(deps.settings.RATE_REFUSAL_DELAY_MS));
  // Secure and CORS headers, set on the finished answer (middleware/response-headers.ts says why
  // not Hono's cors()/secureHeaders() on every request); preflights are Hono's cors().
  app.use(headers.middleware);
  app.on(
    "OPTIONS",
    "*",
    cors({ origin: deps.settings.CORS_ORIGINS, credentials: true, exposeHeaders: EXPOSED_HEADERS }),
  );
  app.use(originCheck(deps.settings.CORS_ORIGINS));
  // Only for clients that accept a compressed answer: compressing adds Vary after the handler,
  // which makes Hono rebuild the response as a web stream, whatever the body's size
  // (docs/performance.md); API clients and scripts (no Accept-Encoding) do not pay for that.
  const compressWhenAccepted = compressAnswers();
  app.use((c, next) => (c.req.header("accept-encoding") ? compressWhenAccepted(c, next) : next()));
  // Size, arrival time and structure of JSON requests, before tRPC parses them (docs/limits.md).
  // circuits.import counts its streamed file against IMPORT_MAX_BYTES itself (circuits/upload.ts).
  app.use(requestLimits(deps.settings));

  app.get("/health", (c) => c.json(basicHealth(deps)));
  app.get("/metrics", metricsRoute(deps));
  app.get("/health/detailed", async (c) => {
    if (!mayReadDetailedHealth(c, deps.settings.HEALTH_TOKEN))
      return c.json(
        {
          error:
            "the detailed health report needs the health token (HEALTH_TOKEN) or a request from this machine",
        },
        401,
      );
    const report = await detailedHealth(deps);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });

  app.get("/exports/:id", exportDownloadRoute(deps));
  // The stored document passed through as text; falls through to tRPC for anything else.
  app.get("/trpc/circuits.get", circuitsGetFastPath(deps, headers.forRequest));
  const onError = ({ error, path }: TrpcErrorReport) => {
    if (error.code === "INTERNAL_SERVER_ERROR") deps.log.error("trpc error", { path, error: error.message });
    // An outage's cause (connection refused, timeout…) is for operators, not for the client.
    else if (error.code === "SERVICE_UNAVAILABLE" && error.cause)
      deps.log.warn("service unavailable", { path, cause: String(error.cause) });
  };
  // One query per GET (what clients without batching send) skips the fetch adapter; the adapter
  // answers the rest (trpc/single-query.ts). `directQueries: false` keeps every request on the
  // adapter (tests compare both).
  if (options.directQueries !== false)
    app.get(
      "/trpc/*",
      singleQuery({
        router: appRouter,
        createContext: (c) => createContext(c, deps),
        onError,
        headersFor: headers.forRequest,
      }),
    );
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      createContext: (_opts, c) => c.get("trpcContext") ?? createContext(c, deps),
      onError,
    }),
  );

  app.route("/", ssoRoutes(deps));

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    deps.log.error("unhandled error", { request_id: c.get("requestId"), error: error.message });
    return c.json({ error: "internal error", request_id: c.get("requestId") }, 500);
  });
  return app;
}
