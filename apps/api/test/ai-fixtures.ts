// The assistant tests' shared setup: a project with a saved network, the api settings that point
// the assistant at the fake model server, and a fake server with an api for a whole test file.

import { afterAll, beforeAll, expect } from "vitest";
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

/** What the tool returned to the model in the fake server's last request (its last message). */
export function lastToolResult(fake: FakeOpenAI) {
  const message = fake.requests.at(-1)?.messages.at(-1);
  expect(message?.role).toBe("tool");
  return JSON.parse(message?.content ?? "null");
}

/**
 * The assistant asked about a study option (duty, arc flash) that no stored study has: saves
 * `document`, stores a short-circuit study without options, has the fake model call `tool` and
 * checks the call went through. Returns what the tool told the model and the system prompt.
 */
export async function askBeforeEvaluated(
  started: { fake: FakeOpenAI; api: RunningApi },
  label: string,
  document: unknown,
  tool: string,
  prompt: string,
) {
  const { fake, api } = started;
  const { owner, viewer, projectId } = await savedProject(api.url, label, document);
  await owner.client.trpc.simulations.run.mutate({
    projectId,
    version: 1,
    study: { kind: "short_circuit", options: {} },
  });
  fake.reply({ toolCalls: [{ name: tool, arguments: {} }] }, { content: "Not evaluated yet." });
  const answer = await viewer.client.trpc.ai.ask.mutate({ projectId, prompt });
  expect(answer.toolCalls.map((c) => [c.name, c.error])).toEqual([[tool, undefined]]);
  return { result: lastToolResult(fake), system: fake.requests.at(-1)?.messages[0]?.content ?? "" };
}
