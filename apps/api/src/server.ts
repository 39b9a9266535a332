import { type ServerType, serve } from "@hono/node-server";
import { makeWorkerUtils } from "graphile-worker";
import { createApp } from "./app.ts";
import { type ApiDeps, closeApiDeps, closeLiveFeeds, createApiDeps } from "./deps.ts";
import { createLogger } from "./logger.ts";
import type { ApiSettings } from "./settings.ts";

export const API_VERSION = "0.1.0";

export interface RunningApi {
  url: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where log lines go; stdout by default (tests read them). */
  writeLog?: (line: string) => void;
}

/** Starts the HTTP server; resolves once it listens. Port 0 picks a free port (tests). */
export async function startApi(settings: ApiSettings, options: StartOptions = {}): Promise<RunningApi> {
  const log = createLogger(settings.LOG_LEVEL, "api", options.writeLog);
  // The job queue's schema must exist before anything enqueues or health probes it.
  const queue = await makeWorkerUtils({ connectionString: settings.DATABASE_URL });
  try {
    await queue.migrate();
  } finally {
    await queue.release();
  }
  const deps = createApiDeps(settings, log, API_VERSION);
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: settings.API_HOST, port: settings.API_PORT }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.API_PORT;
  return {
    url: `http://${settings.API_HOST}:${port}`,
    deps,
    async close() {
      // Stops accepting (idle keep-alive connections close too), then ends open subscriptions:
      // their clients reconnect, through the load balancer, to another instance.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() drops only the connections idle at this moment. A keep-alive connection idle later
      // (a request done, a stream ended) would carry the client's next request, such as an
      // EventSource's reconnect, back here until the bound: each is closed once idle instead.
      const sweep = setInterval(() => {
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      }, 100);
      await closeLiveFeeds(deps);
      // Requests in flight may finish within the bound; what is still open then is cut off.
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), settings.API_SHUTDOWN_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      clearInterval(sweep);
      if (timedOut) {
        log.warn("requests still open at the shutdown bound were cut off", {
          timeout_ms: settings.API_SHUTDOWN_TIMEOUT_MS,
        });
        if ("closeAllConnections" in server) server.closeAllConnections();
        await closed;
      }
      await closeApiDeps(deps);
    },
  };
}
