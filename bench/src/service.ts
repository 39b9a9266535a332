// A real api (and optionally a worker) on loopback against a fresh, migrated database, with one
// signed-up user, an API key and a project holding one saved network version.

import { loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import { type ApiClient, createApiClient } from "@ampflux/api/client";
import type { NetworkDocument } from "@ampflux/contracts";
import { licenses } from "@ampflux/db";
import { createTestDatabase, testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";

export interface BenchService {
  url: string;
  /** The bench's own database, for worker processes started beside it. */
  databaseUrl: string;
  apiKey: string;
  projectId: string;
  trpc: ApiClient;
  /** Requests the api has answered so far (its own request counter, every procedure and status). */
  answered(): Promise<number>;
  /** Another project of the bench user holding `document` as its version 1; resolves to its id. */
  addProject(name: string, document: NetworkDocument): Promise<string>;
  stop(): Promise<void>;
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
  // Signs up with the session cookie it is given, then works with an API key as scripts do.
  const session = createApiClient({ url: api.url });
  await session.auth.signUp.mutate({
    email: `bench-${Date.now()}@example.com`,
    password: "benchmark password 1",
    name: "Bench",
    companyName: "Bench Co",
  });
  const { key } = await session.apiKeys.create.mutate({ name: "bench" });
  // The bench company (the only one in this database) gets a plan without study limits.
  await api.deps.database.db.update(licenses).set({ batchStudies: true, maxBusesPerStudy: 10_000_000 });
  const trpc = createApiClient({ url: api.url, apiKey: key });
  const addProject = async (name: string, doc: NetworkDocument) => {
    const project = await trpc.projects.create.mutate({ name });
    await trpc.circuits.save.mutate({
      projectId: project.id,
      baseVersion: null,
      message: "bench",
      document: doc,
    });
    return project.id;
  };
  const projectId = await addProject("Bench", document);
  return {
    url: api.url,
    databaseUrl: database.url,
    apiKey: key,
    projectId,
    trpc,
    addProject,
    async answered() {
      const { values } = await api.deps.metrics.requests.get();
      return values.reduce((sum, sample) => sum + sample.value, 0);
    },
    async stop() {
      await worker?.stop();
      await api.close();
      await database.drop();
    },
  };
}
