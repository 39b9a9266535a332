// The assistant tests' shared setup: a project with a saved network, the api settings that point
// the assistant at the fake model server, and a fake server with an api for a whole test file.

import { afterAll, beforeAll } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai.ts";
import { startTestApi } from "./helpers.ts";
import { savedProject } from "./networks.ts";

export const assistantEnv = (fake: FakeOpenAI, extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: "test",
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ...extra,
});

/** A company admin (owner rights), a viewer, and a project whose version 1 is the feeder. */
export const assistantProject = (apiUrl: string) => savedProject(apiUrl, "ai");

/**
 * The file's fake model server and an api that calls it: started before the file's tests,
 * closed after them. Read the fields in a test or a later beforeAll.
 */
export function assistantTestApi(): { fake: FakeOpenAI; api: RunningApi } {
  const started = {} as { fake: FakeOpenAI; api: RunningApi };
  beforeAll(async () => {
    started.fake = await startFakeOpenAI();
    started.api = await startTestApi(assistantEnv(started.fake));
  });
  afterAll(async () => {
    await started.api?.close();
    await started.fake?.close();
  });
  return started;
}
