// simulations.arcFlash: a stored study's IEEE 1584-2018 results as the api returns them. The
// numbers are the engine's (packages/sim-wasm/test/arcflash-study.test.ts checks them); here: that
// the study stores them, the view filters, sorts and counts them, and only members see them.

import { arcFlashPlant } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { arcFlashSummary } from "../src/simulations/arc-flash.ts";
import { expectTrpcError, startTestApi } from "./helpers.ts";
import { expectOnlyMembersSee, savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const arcFlashStudy = { kind: "short_circuit" as const, options: { fault: "3ph" as const, arc_flash: true } };
const BUS_ORDER = arcFlashPlant.buses.map((b) => b.id);

describe("simulations.arcFlash", () => {
  it("returns every bus of a stored study in bus order with counts, and filters and sorts them", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "arc-flash", arcFlashPlant);
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: arcFlashStudy,
    });
    expect(run.status).toBe("succeeded");
    const stored = await owner.client.trpc.simulations.get.query({ projectId, simulationId: run.id });
    const all = await viewer.client.trpc.simulations.arcFlash.query({ projectId, simulationId: run.id });
    expect(all).toMatchObject({
      simulationId: run.id,
      kind: "short_circuit",
      studyCase: "max",
      maxDurationS: 2,
    });
    expect(all.results.map((r) => r.bus)).toEqual(BUS_ORDER);
    expect(all.results).toEqual(
      stored.result && "arc_flash" in stored.result ? stored.result.arc_flash : null,
    );
    expect(all).toMatchObject({ total: BUS_ORDER.length, matching: BUS_ORDER.length });
    expect(all.summary).toEqual(arcFlashSummary(all.results));
    expect(all.summary.statuses.ok).toBe(BUS_ORDER.length);
    const energies = all.results.map((r) => r.energy_cal_cm2 ?? -1);
    const top = all.results[energies.indexOf(Math.max(...energies))];
    expect(all.summary.highest).toEqual({
      bus: top?.bus,
      energy_cal_cm2: top?.energy_cal_cm2,
      ppe: top?.ppe,
    });
    const ppeCount = Object.values(all.summary.ppe).reduce((a, b) => a + b, 0);
    expect(ppeCount).toBe(BUS_ORDER.length);

    const byEnergy = await viewer.client.trpc.simulations.arcFlash.query({
      projectId,
      simulationId: run.id,
      filter: { sort: "energy" },
    });
    const sorted = byEnergy.results.map((r) => r.energy_cal_cm2 ?? -1);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const threshold = (sorted[2] ?? 0) + 1e-9;
    const hot = await viewer.client.trpc.simulations.arcFlash.query({
      projectId,
      simulationId: run.id,
      filter: { min_energy_cal_cm2: threshold, buses: BUS_ORDER.slice(0, 5) },
    });
    expect(hot.results.every((r) => (r.energy_cal_cm2 ?? 0) >= threshold && r.bus !== "mcc")).toBe(true);
    expect(hot).toMatchObject({
      total: BUS_ORDER.length,
      summary: all.summary,
      matching: hot.results.length,
    });
    const none = await viewer.client.trpc.simulations.arcFlash.query({
      projectId,
      simulationId: run.id,
      filter: { status: ["out_of_range"] },
    });
    expect(none).toMatchObject({ matching: 0, results: [] });
  });

  it("stores the options: no cap leaves the unprotected utility bus without a number", async () => {
    const { owner, projectId } = await savedProject(api.url, "arc-flash", arcFlashPlant);
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { arc_flash: true, arc_flash_max_duration_s: null } },
    });
    const view = await owner.client.trpc.simulations.arcFlash.query({
      projectId,
      simulationId: run.id,
      filter: { status: ["no_device"] },
    });
    expect(view.maxDurationS).toBeNull();
    expect(view.results.map((r) => r.bus)).toEqual(["util"]);
    expect(view.results[0]?.reason).toMatch(/no protective device.*arc_flash_max_duration_s is null/);
    expect(view.summary.statuses).toMatchObject({ ok: BUS_ORDER.length - 1, no_device: 1 });
  });

  it("refuses arc flash with another fault type, naming study.options.arc_flash", async () => {
    const { owner, projectId } = await savedProject(api.url, "arc-flash", arcFlashPlant);
    const run = owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { fault: "1ph", arc_flash: true } },
    });
    const error = await expectTrpcError(run, "BAD_REQUEST");
    expect(error.data?.zodError?.issues).toEqual([
      { path: ["study", "options", "arc_flash"], message: 'arc flash needs fault "3ph", not "1ph"' },
    ]);
  });

  it("says to run with arc flash when the study has none, and checks the filter", async () => {
    const { owner, projectId } = await savedProject(api.url, "arc-flash", arcFlashPlant);
    const plain = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: {} },
    });
    const error = await expectTrpcError(
      owner.client.trpc.simulations.arcFlash.query({ projectId, simulationId: plain.id }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe(
      'this study was run without arc flash: run a short-circuit study with fault "3ph" and the option arc_flash: true',
    );
    const bad = await expectTrpcError(
      owner.client.trpc.simulations.arcFlash.query({
        projectId,
        simulationId: plain.id,
        filter: { sort: "hottest" as "energy" },
      }),
      "BAD_REQUEST",
    );
    expect(bad.data?.zodError?.issues[0]?.path).toEqual(["filter", "sort"]);
  });

  it("refuses other companies and non-members", async () => {
    const { owner, projectId } = await savedProject(api.url, "arc-flash", arcFlashPlant);
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: arcFlashStudy,
    });
    await expectOnlyMembersSee(api.url, owner.client, projectId, "arc-flash", (trpc, projectId) =>
      trpc.simulations.arcFlash.query({ projectId, simulationId: run.id }),
    );
  });
});
