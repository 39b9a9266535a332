// A real api (and optionally a worker) on loopback against a fresh, migrated database, with one
// signed-up user, an API key and a project holding one saved network version.

import type { AppRouter } from "@ampflux/api";
import { loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import type { NetworkDocument } from "@ampflux/contracts";
import { licenses } from "@ampflux/db";
import { createTestDatabase, testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";

export interface BenchService {
  url: string;
  apiKey: string;
  projectId: string;
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  stop(): Promise<void>;
}

/** A typed client authenticating with an API key, or, without one, with the session cookie it gets. */
export function client(url: string, apiKey?: string) {
  let cookie: string | undefined;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (apiKey ? { authorization: `Bearer ${apiKey}` } : cookie ? { cookie } : {}),
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          cookie = res.headers.get("set-cookie")?.split(";")[0] ?? cookie;
          return res;
        },
      }),
    ],
  });
}

export async function startBenchService(
  document: NetworkDocument,
  env: Record<string, string> = {},
  withWorker = false,
): Promise<BenchService> {
  const database = await createTestDatabase("bench");
  const api: RunningApi = await startApi(
    loadApiSettings({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix("bench"),
      API_PORT: "0",
      LOG_LEVEL: "error",
      ...env,
    }),
  );
  const worker: RunningWorker | undefined = withWorker
    ? await startWorker(
        loadWorkerSettings({ DATABASE_URL: database.url, LOG_LEVEL: "error", WORKER_CONCURRENCY: "2" }),
      )
    : undefined;
  const session = client(api.url);
  await session.auth.signUp.mutate({
    email: `bench-${Date.now()}@example.com`,
    password: "benchmark password 1",
    name: "Bench",
    companyName: "Bench Co",
  });
  const { key } = await session.apiKeys.create.mutate({ name: "bench" });
  // The bench company (the only one in this database) gets a plan without study limits.
  await api.deps.database.db.update(licenses).set({ batchStudies: true, maxBusesPerStudy: 10_000_000 });
  const trpc = client(api.url, key);
  const project = await trpc.projects.create.mutate({ name: "Bench" });
  await trpc.circuits.save.mutate({ projectId: project.id, baseVersion: null, message: "bench", document });
  return {
    url: api.url,
    apiKey: key,
    projectId: project.id,
    trpc,
    async stop() {
      await worker?.stop();
      await api.close();
      await database.drop();
    },
  };
}
