// The api process: `pnpm --filter @ampflux/api start` (pnpm start runs it for you).
import { loadDotEnv, SettingsError } from "@ampflux/contracts";
import { startApi } from "./server.ts";
import { loadApiSettings } from "./settings.ts";

loadDotEnv();
try {
  const api = await startApi(loadApiSettings());
  api.deps.log.info("api listening", { url: api.url });
  const shutdown = async () => {
    await api.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  const message = error instanceof SettingsError ? error.message : `api failed to start: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
