import { defineConfig, mergeConfig } from "vitest/config";
import { databaseTestConfig } from "../../vitest.shared.ts";

export default mergeConfig(databaseTestConfig, defineConfig({}));
