// The worker process: `pnpm --filter @ampflux/worker start` (pnpm start runs it for you).
import { loadDotEnv, SettingsError } from "@ampflux/contracts";
import { loadWorkerSettings } from "./settings.ts";
import { startWorker } from "./worker.ts";

loadDotEnv();
try {
  const settings = loadWorkerSettings();
  const worker = await startWorker(settings);
  console.log(`worker connected to the job queue (concurrency ${settings.WORKER_CONCURRENCY})`);
  const shutdown = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await worker.runner.promise;
} catch (error) {
  const message = error instanceof SettingsError ? error.message : `worker failed: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
