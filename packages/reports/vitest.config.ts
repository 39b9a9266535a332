import { mergeConfig } from "vitest/config";
import { sharedModuleGraph, sharedTestConfig } from "../../vitest.shared.ts";

export default mergeConfig(sharedTestConfig, sharedModuleGraph);
