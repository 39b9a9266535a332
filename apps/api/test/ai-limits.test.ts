import type { AssistantStreamEvent } from "@ampflux/contracts";
import { aiUsage, licenses } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { assistantEnv, assistantProject, assistantTestApi } from "./ai-fixtures.ts";
import type { FakeOpenAI } from "./fake-openai.ts";
import { addCompanyUser, expectTrpcError, startTestApi } from "./helpers.ts";

const started = assistantTestApi();
let fake: FakeOpenAI;
let api: RunningApi;
beforeAll(() => {
  ({ fake, api } = started);
});

/** Starts a dedicated api for one test and closes it afterwards. */
async function withApi(env: Record<string, string>, test: (other: RunningApi) => Promise<void>) {
  const other = await startTestApi(env);
  try {
    await test(other);
  } finally {
    await other.close();
  }
}

/** A friendly message: no stack trace, nothing of the upstream server's own answer. */
function expectFriendly(error: { message: string; data?: { stack?: string } | null }, message: string) {
  expect(error.message).toBe(message);
  expect(error.data?.stack).toBeUndefined();
}

describe("assistant limits and failures", () => {
  it("answers PRECONDITION_FAILED without OPENAI_API_KEY, while the rest of the api works", async () => {
    await withApi({}, async (bare) => {
      const { owner, projectId } = await assistantProject(bare.url);
      const error = await expectTrpcError(
        owner.client.trpc.ai.ask.mutate({ projectId, prompt: "Hello?" }),
        "PRECONDITION_FAILED",
      );
      expectFriendly(error, "the assistant is not configured (set OPENAI_API_KEY)");
      expect(await owner.client.trpc.ai.conversations.list.query({ projectId })).toEqual([]);
      expect(await owner.client.trpc.circuits.get.query({ projectId })).toMatchObject({ version: 1 });
    });
  });

  it("limits questions per user and per company per minute", async () => {
    const env = assistantEnv(fake, { AI_MAX_PER_USER_PER_MINUTE: "2", AI_MAX_PER_COMPANY_PER_MINUTE: "3" });
    await withApi(env, async (limited) => {
      const { owner, projectId } = await assistantProject(limited.url);
      const colleague = await addCompanyUser(limited.url, owner.client, "ai-colleague");
      await owner.client.trpc.projects.members.set.mutate({
        projectId,
        userId: colleague.user.id,
        role: "viewer",
      });
      const ask = (client: typeof owner.client, prompt: string) =>
        client.trpc.ai.ask.mutate({ projectId, prompt });
      await ask(owner.client, "One?");
      await ask(owner.client, "Two?");
      await ask(colleague.client, "Three?");
      const company = await expectTrpcError(ask(colleague.client, "Four?"), "TOO_MANY_REQUESTS");
      expect(company.message).toMatch(/^your company has asked the assistant too often: retry in \d+ s$/);
      const user = await expectTrpcError(ask(owner.client, "Five?"), "TOO_MANY_REQUESTS");
      expect(user.message).toMatch(/^you have asked the assistant too often: retry in \d+ s$/);
    });
  });

  it("refuses questions once the company's monthly token budget is spent; cached answers stay free", async () => {
    const { owner, projectId } = await assistantProject(api.url);
    const companyId = owner.user.companyId;
    const db = api.deps.database.db;
    await db.update(licenses).set({ aiTokensPerMonth: 50 }).where(eq(licenses.companyId, companyId));
    // Last month's tokens do not count against this month.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    await db.insert(aiUsage).values({ companyId, model: "m", promptTokens: 1_000_000, createdAt: lastMonth });
    fake.reply({ content: "Within budget.", usage: { prompt_tokens: 40, completion_tokens: 20 } });
    await owner.client.trpc.ai.ask.mutate({ projectId, prompt: "First?" });
    const calls = fake.requests.length;
    const refused = await expectTrpcError(
      owner.client.trpc.ai.ask.mutate({ projectId, prompt: "Second?" }),
      "FORBIDDEN",
    );
    expectFriendly(refused, "monthly assistant token budget reached");
    expect(fake.requests.length).toBe(calls);
    const again = await owner.client.trpc.ai.ask.mutate({ projectId, prompt: "First?" });
    expect(again).toMatchObject({ answer: "Within budget.", cached: true });
  });

  it("turns upstream failures into friendly errors and caches none of them", async () => {
    const { owner, projectId } = await assistantProject(api.url);
    const prompt = "Is the transformer T adequate?";
    const ask = () => owner.client.trpc.ai.ask.mutate({ projectId, prompt });
    const failures = [
      {
        reply: { status: 500, body: '{"error":{"message":"secret upstream detail"}}' },
        code: "SERVICE_UNAVAILABLE",
        message: "the assistant service is unavailable, try again shortly",
      },
      {
        reply: { status: 429, body: '{"error":{"message":"slow down"}}' },
        code: "SERVICE_UNAVAILABLE",
        message: "the assistant service is busy, try again shortly",
      },
      {
        reply: { status: 200, body: '{"id":"x","object":"chat.completion","choices":[]}' },
        code: "BAD_GATEWAY",
        message: "the assistant service sent an answer that could not be read, try again shortly",
      },
    ];
    for (const { reply, code, message } of failures) {
      fake.reply(reply);
      expectFriendly(await expectTrpcError(ask(), code), message);
    }
    // Nothing was stored or cached: the same question goes to the model again.
    expect(await owner.client.trpc.ai.conversations.list.query({ projectId })).toEqual([]);
    const calls = fake.requests.length;
    fake.reply({ content: "Yes, with margin." });
    expect(await ask()).toMatchObject({ answer: "Yes, with margin.", cached: false });
    expect(fake.requests.length).toBe(calls + 1);

    // A failure while streaming ends the stream with an error event: a subscription that failed
    // with SERVICE_UNAVAILABLE would reconnect, asking the model again and again.
    fake.reply({ status: 503, body: "" });
    const events: AssistantStreamEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      owner.client.trpc.ai.askStream.subscribe(
        { projectId, prompt: "Streamed?" },
        { onData: (event) => events.push(event), onError: reject, onComplete: resolve },
      );
    });
    expect(events).toEqual([
      {
        type: "error",
        code: "SERVICE_UNAVAILABLE",
        message: "the assistant service is unavailable, try again shortly",
      },
    ]);
  });

  it("gives up after AI_TIMEOUT_MS with a friendly error, and caches nothing", async () => {
    await withApi(assistantEnv(fake, { AI_TIMEOUT_MS: "300" }), async (impatient) => {
      const { owner, projectId } = await assistantProject(impatient.url);
      const ask = () => owner.client.trpc.ai.ask.mutate({ projectId, prompt: "Slow question?" });
      fake.reply({ content: "Too late.", delayMs: 2_000 });
      const error = await expectTrpcError(ask(), "GATEWAY_TIMEOUT");
      expectFriendly(error, "the assistant took too long to answer, try again shortly");
      const calls = fake.requests.length;
      fake.reply({ content: "On time." });
      expect(await ask()).toMatchObject({ answer: "On time.", cached: false });
      expect(fake.requests.length).toBe(calls + 1);
    });
  });
});
