import type { TestProject } from "vitest/node";
import { setupTestDatabase } from "../src/testing.ts";

export default (project: TestProject) => setupTestDatabase(project, "db");
