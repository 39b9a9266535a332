// The assistant answers arc-flash questions only from stored results (docs/assistant.md): its
// get_arc_flash_results tool reads the latest stored study with arc flash, or says there is none.

import { arcFlashPlant } from "@ampflux/contracts/testing";
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

const askForArcFlash = (args: Record<string, unknown> = {}) => ({
  toolCalls: [{ name: "get_arc_flash_results", arguments: args }],
});

const arcFlashStudy = { kind: "short_circuit" as const, options: { arc_flash: true } };

describe("assistant and arc flash", () => {
  it("tells the model arc flash has not been evaluated, and forbids computing it", async () => {
    // A stored study without arc flash does not count.
    const { result, system } = await askBeforeEvaluated(
      started,
      "ai-arc-flash",
      arcFlashPlant,
      "get_arc_flash_results",
      "What PPE do I need at swgr?",
    );
    expect(result).toMatchObject({ arcFlashEvaluated: false });
    expect(result.message).toContain("arc flash has not been evaluated");
    expect(system).toContain("answer only from get_arc_flash_results");
    expect(system).toContain("never compute incident energy or PPE yourself");
  });

  it("returns the latest stored arc-flash study's buses, highest energy first, with its id and version", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "ai-arc-flash", arcFlashPlant);
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: arcFlashStudy,
    });
    fake.reply(askForArcFlash({ buses: ["swgr", "swbd"] }), { content: "swgr needs PPE category …" });
    await viewer.client.trpc.ai.ask.mutate({ projectId, prompt: "What PPE at the switchgear?" });
    const stored = await owner.client.trpc.simulations.arcFlash.query({
      projectId,
      simulationId: run.id,
      filter: { buses: ["swgr", "swbd"], sort: "energy" },
    });
    const result = lastToolResult(fake);
    expect(result).toMatchObject({
      arcFlashEvaluated: true,
      simulationId: run.id,
      version: 1,
      versionInContext: 1,
      maxDurationS: 2,
      summary: stored.summary,
      busesMatching: 2,
      more: false,
    });
    expect(result.results).toEqual(stored.results);
    expect(result.results.map((r: { bus: string }) => r.bus).sort()).toEqual(["swbd", "swgr"]);
  });

  it("never reads another company's arc flash", async () => {
    const { owner, projectId } = await savedProject(api.url, "ai-arc-flash", arcFlashPlant);
    await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: arcFlashStudy });
    const stranger = await signUpCompany(api.url, "ai-arc-flash-stranger");
    await expectTrpcError(
      stranger.client.trpc.ai.ask.mutate({ projectId, prompt: "What is the incident energy at swgr?" }),
      "NOT_FOUND",
    );
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await stranger.client.trpc.circuits.save.mutate({
      projectId: own.id,
      baseVersion: null,
      document: arcFlashPlant,
    });
    fake.reply(askForArcFlash(), { content: "Not evaluated." });
    await stranger.client.trpc.ai.ask.mutate({
      projectId: own.id,
      prompt: "What is the incident energy at swgr?",
    });
    expect(lastToolResult(fake)).toMatchObject({ arcFlashEvaluated: false });
  });
});
