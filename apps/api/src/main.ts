// The api process: `pnpm --filter @ampflux/api start` (pnpm start runs it for you).
import { loadDotEnv, SettingsError } from "@ampflux/contracts";
import { startApi } from "./server.ts";
import { loadApiSettings } from "./settings.ts";

loadDotEnv();
try {
  const settings = loadApiSettings();
  const api = await startApi(settings);
  api.deps.log.info("api listening", { url: api.url });
  // SIGTERM (orchestrators) or SIGINT (Ctrl-C): stop accepting, end live streams, let requests in
  // flight finish within API_SHUTDOWN_TIMEOUT_MS, close the database and Redis, exit 0. A second
  // signal exits at once.
  const shutdown = async (signal: NodeJS.Signals) => {
    api.deps.log.info("api shutting down", { signal });
    try {
      await api.close();
      api.deps.log.info("api stopped");
      process.exit(0);
    } catch (error) {
      api.deps.log.error("api shutdown failed", { error: String(error) });
      process.exit(1);
    }
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    void shutdown(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
} catch (error) {
  const message = error instanceof SettingsError ? error.message : `api failed to start: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
