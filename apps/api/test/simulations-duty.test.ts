import { compareDuty, DUTY_CHECKS_BY_KIND, dutySummary } from "@ampflux/contracts";
import { ratedSwitchboard, withParallelTransformer } from "@ampflux/contracts/testing";
import { licenses } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, startTestApi } from "./helpers.ts";
import { expectOnlyMembersSee, savedProject } from "./networks.ts";

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const dutyStudy = { kind: "short_circuit" as const, options: { duty: true } };

/**
 * I''k at switchboard "mv" of ratedSwitchboard by hand, IEC 60909-0:2016 eqs. (10), (7), (12a),
 * (29), as worked in apps/worker/test/batch-duty.test.ts: 15.29 kA with T1, 27.64 kA with T1 and
 * T2 in parallel. Far from generators Ib = I''k (§4.5.1).
 */
const HAND_IKSS_MV_KA = { oneTransformer: 15.29, twoTransformers: 27.64 };

describe("simulations.duty", () => {
  it("returns a stored study's checks worst first with counts, and filters them", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "duty", ratedSwitchboard);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: dutyStudy });
    expect(run.status).toBe("succeeded");
    const all = await viewer.client.trpc.simulations.duty.query({ projectId, simulationId: run.id });
    expect(all).toMatchObject({ simulationId: run.id, kind: "short_circuit", dutyCurrent: "bus" });
    expect(all.total).toBe(all.checks.length);
    expect(all.matching).toBe(all.total);
    expect(all.summary).toEqual(dutySummary(all.checks));
    expect(all.checks).toEqual([...all.checks].sort(compareDuty));
    // Breaker Q1 gets every circuit-breaker check (IEC 62271-100), switchboard mv its own.
    const q1 = all.checks.filter((c) => c.element === "Q1").map((c) => c.check);
    expect(q1.sort()).toEqual([...DUTY_CHECKS_BY_KIND.circuit_breaker].sort());
    const breaking = all.checks.find((c) => c.element === "Q1" && c.check === "breaking_sym");
    // ≈ 15.3 kA on 16 kA: 95.6 %, a warning (90–100 %).
    expect(breaking).toMatchObject({ bus: "mv", rating: 16, unit: "kA", status: "warning" });
    expect(breaking?.value).toBeCloseTo(HAND_IKSS_MV_KA.oneTransformer, 1);
    expect(breaking?.percent).toBeCloseTo((100 * HAND_IKSS_MV_KA.oneTransformer) / 16, 0);

    const warnings = await viewer.client.trpc.simulations.duty.query({
      projectId,
      simulationId: run.id,
      filter: { status: ["warning"] },
    });
    expect(warnings.checks.length).toBeGreaterThan(0);
    expect(warnings.checks.every((c) => c.status === "warning")).toBe(true);
    expect(warnings).toMatchObject({ total: all.total, summary: all.summary, matching: all.summary.warning });
    const buses = await viewer.client.trpc.simulations.duty.query({
      projectId,
      simulationId: run.id,
      filter: { element_type: ["bus"] },
    });
    expect(buses.checks.map((c) => [c.element, c.check]).sort()).toEqual([
      ["mv", "busbar_short_time"],
      ["mv", "peak_withstand"],
    ]);
    const breakers = await viewer.client.trpc.simulations.duty.query({
      projectId,
      simulationId: run.id,
      filter: { kind: ["circuit_breaker"], status: ["warning", "overdutied"] },
    });
    expect(breakers.checks.every((c) => c.kind === "circuit_breaker" && c.status !== "ok")).toBe(true);
    expect(breakers.checks).toContainEqual(breaking);
  });

  it("keeps duty with each saved version: a parallel transformer makes Q1 overdutied", async () => {
    const { owner, projectId } = await savedProject(api.url, "duty", ratedSwitchboard);
    const trpc = owner.client.trpc;
    await trpc.circuits.save.mutate({
      projectId,
      baseVersion: 1,
      message: "T2 in parallel",
      document: withParallelTransformer(ratedSwitchboard),
    });
    const [one, two] = await Promise.all(
      [1, 2].map((version) => trpc.simulations.run.mutate({ projectId, version, study: dutyStudy })),
    );
    const q1 = async (simulationId: string) =>
      (await trpc.simulations.duty.query({ projectId, simulationId })).checks.find(
        (c) => c.element === "Q1" && c.check === "breaking_sym",
      );
    expect((await q1(one?.id ?? ""))?.status).toBe("warning");
    const parallel = await q1(two?.id ?? "");
    // ≈ 27.7 kA on 16 kA: 173 %.
    expect(parallel?.status).toBe("overdutied");
    expect(parallel?.value).toBeCloseTo(HAND_IKSS_MV_KA.twoTransformers, 1);
  });

  it("says to run with duty when the study has none, and refuses a study still under way", async () => {
    const { owner, projectId } = await savedProject(api.url, "duty", ratedSwitchboard);
    const plain = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: {} },
    });
    const error = await expectTrpcError(
      owner.client.trpc.simulations.duty.query({ projectId, simulationId: plain.id }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe(
      "this study was run without duty evaluation: run it again with the option duty: true",
    );
    const badFilter = owner.client.trpc.simulations.duty.query({
      projectId,
      simulationId: plain.id,
      filter: { status: ["fine" as "ok"] },
    });
    const bad = await expectTrpcError(badFilter, "BAD_REQUEST");
    expect(bad.data?.zodError?.issues[0]?.path).toEqual(["filter", "status", 0]);
  });

  it("refuses a batch study with duty but no max case, naming study.options.cases", async () => {
    const { owner, projectId } = await savedProject(api.url, "duty", ratedSwitchboard);
    await api.deps.database.db
      .update(licenses)
      .set({ batchStudies: true })
      .where(eq(licenses.companyId, owner.user.companyId));
    const run = owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "batch_study", options: { cases: ["min"], duty: true } },
    });
    const error = await expectTrpcError(run, "BAD_REQUEST");
    expect(error.data?.zodError?.issues).toEqual([
      { path: ["study", "options", "cases"], message: 'duty needs the "max" case among cases' },
    ]);
  });

  it("refuses other companies and non-members", async () => {
    const { owner, projectId } = await savedProject(api.url, "duty", ratedSwitchboard);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: dutyStudy });
    await expectOnlyMembersSee(api.url, owner.client, projectId, "duty", (trpc, projectId) =>
      trpc.simulations.duty.query({ projectId, simulationId: run.id }),
    );
  });
});
