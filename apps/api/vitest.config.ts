import { mergeConfig } from "vitest/config";
import { databaseTestConfig, sharedModuleGraph } from "../../vitest.shared.ts";

export default mergeConfig(databaseTestConfig, sharedModuleGraph);
