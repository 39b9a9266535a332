import { loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import { testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { type PreviewServer, preview } from "vite";
import { inject } from "vitest";
import { apiProxy } from "../vite.config.ts";

export interface Stack {
  api: RunningApi;
  worker: RunningWorker | undefined;
  /** The built web app (vite preview, as `pnpm start` serves it), forwarding /trpc and /health. */
  webUrl: string;
  close(): Promise<void>;
}

/**
 * The product as `pnpm start` runs it, on free ports against the run's test database: the real
 * api, optionally a real worker, and the production build of the web app.
 */
export async function startStack(
  options: { worker?: boolean; apiEnv?: Record<string, string>; workerEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const databaseUrl = inject("databaseUrl");
  const api = await startApi(
    loadApiSettings({
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix("web"),
      API_PORT: "0",
      LOG_LEVEL: "error",
      ...options.apiEnv,
    }),
  );
  let worker: RunningWorker | undefined;
  let web: PreviewServer | undefined;
  const close = async () => {
    await web?.close();
    await worker?.stop();
    await api.close();
  };
  try {
    if (options.worker)
      worker = await startWorker(
        loadWorkerSettings({
          DATABASE_URL: databaseUrl,
          WORKER_CONCURRENCY: "1",
          LOG_LEVEL: "error",
          ...options.workerEnv,
        }),
      );
    web = await preview({
      root: new URL("..", import.meta.url).pathname,
      logLevel: "silent",
      preview: { port: 0, strictPort: false, proxy: apiProxy(api.url) },
    });
  } catch (error) {
    await close();
    throw error;
  }
  const webUrl = web.resolvedUrls?.local[0];
  if (!webUrl) throw new Error("preview server has no URL");
  return { api, worker, webUrl, close };
}
