import { defineConfig, mergeConfig } from "vitest/config";
import { databaseTestConfig } from "../../vitest.shared.ts";

// Every file starts workers on the same queue: run files one after another so each test's jobs
// are taken by the workers that test started.
export default mergeConfig(databaseTestConfig, defineConfig({ test: { fileParallelism: false } }));
