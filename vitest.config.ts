import { defineConfig, mergeConfig } from "vitest/config";
import { sharedTestConfig } from "./vitest.shared.ts";

// Tests of the repository's own scripts (the start supervisor); packages have their own configs.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { include: ["scripts/test/**/*.test.ts"] } }),
);
