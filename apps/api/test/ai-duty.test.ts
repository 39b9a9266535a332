// The assistant answers duty questions only from stored duty results (docs/assistant.md): its
// get_duty_results tool reads the latest stored study with duty, or says there is none.

import { ratedSwitchboard, withParallelTransformer } from "@ampflux/contracts/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { askBeforeEvaluated, assistantTestApi, lastToolResult } from "./ai-fixtures.ts";
import type { FakeOpenAI } from "./fake-openai.ts";
import { expectTrpcError, signUpCompany } from "./helpers.ts";
import { savedProject } from "./networks.ts";

const started = assistantTestApi();
let fake: FakeOpenAI;
let api: RunningApi;
beforeAll(() => {
  ({ fake, api } = started);
});

const askForDuty = (status?: string[]) => ({
  toolCalls: [{ name: "get_duty_results", arguments: status ? { status } : {} }],
});

describe("assistant and duty", () => {
  it("tells the model duty has not been evaluated when no stored study has duty, and forbids estimating it", async () => {
    // A stored study without duty does not count.
    const { result, system } = await askBeforeEvaluated(
      started,
      "ai-duty",
      ratedSwitchboard,
      "get_duty_results",
      "Which breakers are over their rating?",
    );
    expect(result).toMatchObject({ dutyEvaluated: false });
    expect(result.message).toContain("duty has not been evaluated");
    expect(system).toContain("answer only from get_duty_results");
    expect(system).toContain("never estimate duty");
  });

  it("returns the latest stored duty study's checks, filtered by status, with its id, version and time", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "ai-duty", ratedSwitchboard);
    const trpc = owner.client.trpc;
    const first = await trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { duty: true } },
    });
    fake.reply(askForDuty(["warning", "overdutied"]), { content: "Q1 is at 96 % of its breaking rating." });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "Is breaker Q1 rated for the fault?" });
    const stored = await trpc.simulations.duty.query({
      projectId,
      simulationId: first.id,
      filter: { status: ["warning", "overdutied"] },
    });
    const result = lastToolResult(fake);
    expect(result).toMatchObject({
      dutyEvaluated: true,
      simulationId: first.id,
      studyKind: "short_circuit",
      version: 1,
      versionInContext: 1,
      summary: stored.summary,
      checksMatching: stored.matching,
    });
    // The stored checks, as stored (superjson's Date comes back to the model as ISO text).
    expect(result.checks).toEqual(stored.checks);
    expect(result.finishedAt).toBe(stored.finishedAt?.toISOString());
    expect(result.checks).toContainEqual(
      expect.objectContaining({ element: "Q1", check: "breaking_sym", status: "warning" }),
    );

    // A newer version with T2 in parallel and its duty study: the tool follows the newest.
    await trpc.circuits.save.mutate({
      projectId,
      baseVersion: 1,
      document: withParallelTransformer(ratedSwitchboard),
    });
    const second = await trpc.simulations.run.mutate({
      projectId,
      version: 2,
      study: { kind: "short_circuit", options: { duty: true } },
    });
    fake.reply(askForDuty(["overdutied"]), { content: "Q1 is overdutied." });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "And now, with T2?" });
    const newer = lastToolResult(fake);
    expect(newer).toMatchObject({ simulationId: second.id, version: 2, versionInContext: 2 });
    expect(newer.checks.every((c: { status: string }) => c.status === "overdutied")).toBe(true);
    expect(newer.checks).toContainEqual(expect.objectContaining({ element: "Q1", check: "breaking_sym" }));
  });

  it("never reads another company's duty", async () => {
    const { owner, projectId } = await savedProject(api.url, "ai-duty", ratedSwitchboard);
    await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { duty: true } },
    });
    const stranger = await signUpCompany(api.url, "ai-duty-stranger");
    await expectTrpcError(
      stranger.client.trpc.ai.ask.mutate({ projectId, prompt: "Which breakers are overdutied?" }),
      "NOT_FOUND",
    );
    // The stranger's own project has no duty study: the tool says so instead of leaking ours.
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await stranger.client.trpc.circuits.save.mutate({
      projectId: own.id,
      baseVersion: null,
      document: ratedSwitchboard,
    });
    fake.reply(askForDuty(), { content: "Not evaluated." });
    await stranger.client.trpc.ai.ask.mutate({ projectId: own.id, prompt: "Which breakers are overdutied?" });
    expect(lastToolResult(fake)).toMatchObject({ dutyEvaluated: false });
  });
});
