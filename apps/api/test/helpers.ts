import { testRedisUrl } from "@ampflux/db/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { inject } from "vitest";
import type { AppRouter } from "../src/index.ts";
import { type RunningApi, startApi } from "../src/server.ts";
import { loadApiSettings } from "../src/settings.ts";

/** A real api on a free loopback port, against the run's test database and real Redis. */
export function startTestApi(env: Record<string, string> = {}): Promise<RunningApi> {
  return startApi(
    loadApiSettings({
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: testRedisUrl(),
      API_PORT: "0",
      LOG_LEVEL: "error",
      CORS_ORIGINS: "http://localhost:5173",
      ...env,
    }),
  );
}

export function trpcClient(apiUrl: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${apiUrl}/trpc`, transformer: superjson })],
  });
}
