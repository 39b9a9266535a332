// A project with a saved network for the assistant's tests, and the api settings that point the
// assistant at the fake model server.

import type { FakeOpenAI } from "./fake-openai.ts";
import { savedProject } from "./networks.ts";

export const assistantEnv = (fake: FakeOpenAI, extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: "test",
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ...extra,
});

/** A company admin (owner rights), a viewer, and a project whose version 1 is the feeder. */
export const assistantProject = (apiUrl: string) => savedProject(apiUrl, "ai");
