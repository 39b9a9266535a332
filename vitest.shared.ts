import { defineConfig } from "vitest/config";

/** Settings every package's vitest config starts from; results are summed by scripts/check.ts. */
export const sharedTestConfig = defineConfig({
  test: {
    testTimeout: 30_000,
    // `pnpm check` runs every package's tests at once and sets one worker each (scripts/check.ts).
    maxWorkers: Number(process.env.AMPFLUX_TEST_WORKERS) || undefined,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});

/** For packages whose tests need a database: one fresh, migrated database per run. */
export const databaseTestConfig = defineConfig({
  test: { ...sharedTestConfig.test, globalSetup: ["./test/global-setup.ts"] },
});

/**
 * For suites whose modules keep no process-wide state between files: every file of a worker shares
 * one module graph instead of loading its own. Loading the api's graph cost ~7 s per file on a busy
 * 2-core machine; its suite took 619 s isolated and 152 s shared, with the same 102 tests passing.
 */
export const sharedModuleGraph = defineConfig({ test: { isolate: false } });
