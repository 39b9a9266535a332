import { mergeConfig } from "vitest/config";
import { databaseTestConfig } from "../../vitest.shared.ts";

// Browser tests start an api and a preview server: allow them more time.
export default mergeConfig(databaseTestConfig, { test: { testTimeout: 60_000 } });
