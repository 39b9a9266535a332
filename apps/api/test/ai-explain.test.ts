// The assistant's explain_bus_result tool: "why this number" for a bus of the version in context,
// through simulations.explain with the asker's rights. The value checked is mvFeeder's I''k at
// "end" by hand (IEC 60909-0:2016 eq. 6, 12a, 29), as in packages/sim-wasm/test/iec60909-checks.test.ts.

import { mvFeeder, mvFeederEndIkssKa } from "@ampflux/contracts/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { assistantTestApi, lastToolResult } from "./ai-fixtures.ts";
import type { FakeOpenAI } from "./fake-openai.ts";
import { expectTrpcError, signUpCompany } from "./helpers.ts";
import { savedProject } from "./networks.ts";

const started = assistantTestApi();
let fake: FakeOpenAI;
let api: RunningApi;
beforeAll(() => {
  ({ fake, api } = started);
});

const explain = (args: Record<string, unknown>) => ({
  toolCalls: [{ name: "explain_bus_result", arguments: args }],
});

describe("assistant and explanations", () => {
  it("gives the model the engine's explanation of a bus, and the rule to cite it", async () => {
    const { viewer, projectId } = await savedProject(api.url, "ai-explain", mvFeeder);
    fake.reply(explain({ bus: "end", fault: "3ph" }), { content: "The grid feeds all of it." });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "Why is I''k at end what it is?" });
    const result = lastToolResult(fake);
    expect(result.version).toBe(1);
    expect(result.explanation.result.ikss_ka).toBeCloseTo(mvFeederEndIkssKa(), 9);
    expect(result.explanation.voltage_factor).toMatchObject({ c: 1.1, source: "table_1" });
    expect(result.explanation.contributions.parts[0]).toMatchObject({ element: "grid" });
    const system = fake.requests.at(-1)?.messages[0]?.content ?? "";
    expect(system).toContain("answer from explain_bus_result");
  });

  it("refuses an unknown bus as the tool's result", async () => {
    const { viewer, projectId } = await savedProject(api.url, "ai-explain-bad", mvFeeder);
    fake.reply(explain({ bus: "nowhere" }), { content: "There is no such bus." });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "Explain bus nowhere" });
    expect(lastToolResult(fake)).toEqual({ error: 'version 1 has no bus "nowhere"' });
  });

  it("never explains another company's network", async () => {
    const { projectId } = await savedProject(api.url, "ai-explain-tenant", mvFeeder);
    const stranger = await signUpCompany(api.url, "ai-explain-stranger");
    await expectTrpcError(
      stranger.client.trpc.ai.ask.mutate({ projectId, prompt: "Explain bus end" }),
      "NOT_FOUND",
    );
  });
});
