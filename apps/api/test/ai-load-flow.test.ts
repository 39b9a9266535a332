// The assistant reads load-flow results only from stored studies: get_load_flow_results gives
// the voltages out of limits and the overloaded branches of the latest stored load flow, or says
// there is none. strainedFeeder's hand calculation (contracts/testing/networks.ts): bus b at
// ≈ 0.937 pu (under 0.95), cable l1 at ≈ 143 % of 0.3 kA.

import { strainedFeeder } from "@ampflux/contracts/testing";
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

const askForLoadFlow = (args: Record<string, unknown> = {}) => ({
  toolCalls: [{ name: "get_load_flow_results", arguments: args }],
});

describe("assistant and load flow", () => {
  it("says no load flow is stored, and forbids estimating voltages", async () => {
    const { result, system } = await askBeforeEvaluated(
      started,
      "ai-load-flow",
      strainedFeeder,
      "get_load_flow_results",
      "Is the voltage at b within limits?",
    );
    expect(result).toMatchObject({ loadFlowRun: false });
    expect(system).toContain("answer only from get_load_flow_results");
  });

  it("returns the undervoltage bus and the overloaded cable of the latest stored load flow", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "ai-load-flow", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "load_flow", options: {} },
    });
    fake.reply(askForLoadFlow(), { content: "b is at 0.937 pu …" });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "Which voltages are out of limits?" });
    const result = lastToolResult(fake);
    expect(result).toMatchObject({
      loadFlowRun: true,
      simulationId: run.id,
      version: 1,
      limits: { vm_min_pu: 0.95, vm_max_pu: 1.05, loading_max_percent: 100 },
      summary: { converged: true, violations: { undervoltage: 1, overvoltage: 0, overload: 1 } },
      busesMatching: 1,
      branchesMatching: 1,
      more: false,
    });
    expect(result.buses).toEqual([expect.objectContaining({ bus: "b", violation: "undervoltage" })]);
    expect(result.buses[0].vm_pu).toBeCloseTo(0.93707, 4);
    expect(result.branches).toEqual([expect.objectContaining({ id: "l1", violation: "overload" })]);
    expect(result.branches[0].loading_percent).toBeCloseTo(143.03, 1);
  });

  it("never reads another company's load flow", async () => {
    const { owner, projectId } = await savedProject(api.url, "ai-load-flow", strainedFeeder);
    await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "load_flow", options: {} },
    });
    const stranger = await signUpCompany(api.url, "ai-load-flow-stranger");
    await expectTrpcError(
      stranger.client.trpc.ai.ask.mutate({ projectId, prompt: "What is the voltage at b?" }),
      "NOT_FOUND",
    );
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await stranger.client.trpc.circuits.save.mutate({
      projectId: own.id,
      baseVersion: null,
      document: strainedFeeder,
    });
    fake.reply(askForLoadFlow(), { content: "None stored." });
    await stranger.client.trpc.ai.ask.mutate({ projectId: own.id, prompt: "What is the voltage at b?" });
    expect(lastToolResult(fake)).toMatchObject({ loadFlowRun: false });
  });
});
