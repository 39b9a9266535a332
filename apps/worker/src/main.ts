// The worker process: `pnpm --filter @ampflux/worker start` (pnpm start runs it for you).
import { loadDotEnv, SettingsError } from "@ampflux/contracts";
import { loadWorkerSettings } from "./settings.ts";
import { startWorker } from "./worker.ts";

loadDotEnv();
// SIGTERM (orchestrators) or SIGINT (Ctrl-C): take no new job, let running ones finish within
// WORKER_SHUTDOWN_TIMEOUT_MS (past it they go back to the queue and are retried), exit 0. A
// second signal exits at once; the liveness ledger then lets a peer retry the jobs. The handlers
// are in place before the worker connects, so a stop sent while it starts is a clean stop too.
let requestStop: (signal: NodeJS.Signals) => void = () => {};
const stopRequested = new Promise<NodeJS.Signals>((resolve) => (requestStop = resolve));
let stopping = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  requestStop(signal);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

try {
  const settings = loadWorkerSettings();
  const worker = await startWorker(settings);
  console.log(`worker connected to the job queue (concurrency ${settings.WORKER_CONCURRENCY})`);
  void stopRequested.then(async (signal) => {
    console.log(`worker shutting down (${signal}): finishing running jobs`);
    try {
      const { graceful } = await worker.stop();
      console.log(
        graceful
          ? "worker stopped"
          : `worker stopped: jobs still running after ${settings.WORKER_SHUTDOWN_TIMEOUT_MS} ms were handed back to the queue`,
      );
      process.exit(0);
    } catch (error) {
      console.error(`worker shutdown failed: ${String(error)}`);
      process.exit(1);
    }
  });
  await worker.runner.promise;
} catch (error) {
  const message = error instanceof SettingsError ? error.message : `worker failed: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
