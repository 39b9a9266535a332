import { setupTestDatabase } from "@ampflux/db/testing";
import type { TestProject } from "vitest/node";

export default (project: TestProject) => setupTestDatabase(project, "cli");
