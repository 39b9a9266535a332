// Load-flow studies through the api (docs/load-flow.md "In the product"): run inline when small
// and queued when large, stored and cached, non-convergence stored as a result, the views with
// their violations, the CSV, invalid options named, and other tenants refused. The engine's
// numbers are checked against pandapower in packages/sim-wasm; here against a hand calculation.

import { LOAD_FLOW_CSV, loadFlowStudyOptionsSchema } from "@ampflux/contracts";
import { loadFlowResultOf, overloadedFeeder, strainedFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, startTestApi } from "./helpers.ts";
import { expectOnlyMembersSee, savedProject } from "./networks.ts";

let api: RunningApi;
let queuingApi: RunningApi;
beforeAll(async () => {
  [api, queuingApi] = await Promise.all([startTestApi(), startTestApi({ SIM_INLINE_MAX_BUSES: "0" })]);
});
afterAll(async () => {
  await api?.close();
  await queuingApi?.close();
});

const loadFlow = { kind: "load_flow" as const, options: {} };

/**
 * Hand calculation of strainedFeeder (see its comment): the receiving-end voltage of a two-bus
 * network from |V_b|⁴ − (V_a² − 2(PR + QX))·|V_b|² + |S|²·|Z|² = 0, and the line current.
 */
const V_A = 20;
const [P, Q, R, X] = [13, 5, 1, 2];
const b = V_A ** 2 - 2 * (P * R + Q * X);
const VB_KV = Math.sqrt((b + Math.sqrt(b ** 2 - 4 * (P ** 2 + Q ** 2) * (R ** 2 + X ** 2))) / 2);
const I_KA = Math.hypot(P, Q) / (Math.sqrt(3) * VB_KV);

describe("simulations.run with kind load_flow", () => {
  it("runs a small load flow inline, stores it, and serves the same request from the cache", async () => {
    const { owner, projectId } = await savedProject(api.url, "lf", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    expect(run).toMatchObject({ status: "succeeded", cached: false });
    const stored = await owner.client.trpc.simulations.get.query({ projectId, simulationId: run.id });
    expect(stored).toMatchObject({ kind: "load_flow", progress: 1 });
    // The defaults are stored: the options and limits the study was run with.
    expect(stored.options).toEqual(loadFlowStudyOptionsSchema.parse({}));
    const result = loadFlowResultOf(stored.result);
    expect(result.converged).toBe(true);
    const vb = result.buses.find((bus) => bus.bus === "b");
    expect(vb?.vm_pu).toBeCloseTo(VB_KV / V_A, 6);
    expect(result.branches[0]?.loading_percent).toBeCloseTo((I_KA / 0.3) * 100, 3);
    const again = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    expect(again).toEqual({ id: run.id, status: "succeeded", cached: true });
  });

  it("stores a load flow that does not converge as a result with its history, not a failure", async () => {
    const { owner, projectId } = await savedProject(api.url, "lf-diverge", overloadedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    expect(run.status).toBe("succeeded");
    const view = await owner.client.trpc.simulations.loadFlow.query({ projectId, simulationId: run.id });
    expect(view.summary.converged).toBe(false);
    expect(view.summary.outcome).not.toBe("converged");
    expect(view.mismatch_pu.length).toBeGreaterThan(1);
  });

  it("queues a load flow above the inline size for the worker", async () => {
    const { owner, projectId } = await savedProject(queuingApi.url, "lf-queued", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    expect(run).toMatchObject({ status: "queued", cached: false });
    const view = owner.client.trpc.simulations.loadFlow.query({ projectId, simulationId: run.id });
    const error = await expectTrpcError(view, "PRECONDITION_FAILED");
    expect(error.message).toBe("the study has not finished (queued): it has no load-flow results");
  });

  it("names the field of invalid options", async () => {
    const { owner, projectId } = await savedProject(api.url, "lf-bad", strainedFeeder);
    const cases = [
      [{ tolerance_pu: -1 }, ["study", "options", "tolerance_pu"]],
      [{ algorithm: "gauss" }, ["study", "options", "algorithm"]],
      [{ limits: { vm_min_pu: 1.1 } }, ["study", "options", "limits", "vm_min_pu"]],
      [{ limits: { loading_max_percent: 0 } }, ["study", "options", "limits", "loading_max_percent"]],
      [{ damping: 0.5 }, ["study", "options"]],
    ] as const;
    for (const [options, path] of cases) {
      const run = owner.client.trpc.simulations.run.mutate({
        projectId,
        version: 1,
        study: { kind: "load_flow", options: options as never },
      });
      const error = await expectTrpcError(run, "BAD_REQUEST");
      expect(error.data?.zodError?.issues[0]?.path, JSON.stringify(options)).toEqual(path);
    }
    const { issues } = (
      await expectTrpcError(
        owner.client.trpc.simulations.run.mutate({
          projectId,
          version: 1,
          study: { kind: "load_flow", options: { limits: { vm_min_pu: 1.1 } } },
        }),
        "BAD_REQUEST",
      )
    ).data?.zodError ?? { issues: [] };
    expect(issues[0]?.message).toBe("vm_min_pu must be below vm_max_pu");
  });
});

describe("simulations.loadFlow and loadFlowCsv", () => {
  it("marks the undervoltage bus and the overloaded cable, and filters to violations", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "lf-view", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    const all = await viewer.client.trpc.simulations.loadFlow.query({ projectId, simulationId: run.id });
    expect(all.limits).toEqual({ vm_min_pu: 0.95, vm_max_pu: 1.05, loading_max_percent: 100 });
    expect(all.total).toEqual({ buses: 3, branches: 1, sources: 1 });
    expect(all.buses.map((row) => [row.bus, row.type, row.violation])).toEqual([
      ["a", "slack", null],
      ["b", "pq", "undervoltage"],
      // Connected to nothing: no voltage, so no violation.
      ["c", "unsupplied", null],
    ]);
    expect(all.branches.map((row) => [row.id, row.violation])).toEqual([["l1", "overload"]]);
    expect(all.summary).toMatchObject({
      converged: true,
      violations: { undervoltage: 1, overvoltage: 0, overload: 1 },
      lowest: { bus: "b" },
      highest: { bus: "a", vm_pu: 1 },
      most_loaded: { id: "l1" },
    });
    expect(all.summary.lowest?.vm_pu).toBeCloseTo(VB_KV / V_A, 6);
    // Losses: I²R of the one cable, 3·I²·R with I in kA and R in Ω gives MW.
    expect(all.summary.losses.p_mw).toBeCloseTo(3 * I_KA ** 2 * R, 4);
    expect(all.sources.map((s) => s.id)).toEqual(["g"]);
    expect(all.sources[0]?.p_mw).toBeCloseTo(P + 3 * I_KA ** 2 * R, 4);

    const violations = await viewer.client.trpc.simulations.loadFlow.query({
      projectId,
      simulationId: run.id,
      filter: { violations_only: true },
    });
    expect(violations.buses.map((row) => row.bus)).toEqual(["b"]);
    expect(violations.branches.map((row) => row.id)).toEqual(["l1"]);
    expect(violations.sources).toEqual([]);
    expect(violations.matching).toEqual({ buses: 1, branches: 1, sources: 0 });

    // Wider limits, another study (the limits are part of the cache key): no violations.
    const relaxed = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "load_flow", options: { limits: { vm_min_pu: 0.9, loading_max_percent: 150 } } },
    });
    expect(relaxed.id).not.toBe(run.id);
    const none = await viewer.client.trpc.simulations.loadFlow.query({
      projectId,
      simulationId: relaxed.id,
      filter: { violations_only: true },
    });
    expect(none.summary.violations).toEqual({ undervoltage: 0, overvoltage: 0, overload: 0 });
    expect(none.matching).toEqual({ buses: 0, branches: 0, sources: 0 });
  });

  it("downloads each table as CSV in LOAD_FLOW_CSV's columns", async () => {
    const { owner, projectId } = await savedProject(api.url, "lf-csv", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    const buses = await owner.client.trpc.simulations.loadFlowCsv.query({
      projectId,
      simulationId: run.id,
      table: "buses",
    });
    expect(buses.filename).toMatch(/^load-flow-[0-9a-f]{8}-buses\.csv$/);
    const lines = buses.csv.trimEnd().split("\n");
    expect(lines[0]).toBe(LOAD_FLOW_CSV.buses.join(","));
    expect(lines).toHaveLength(4);
    const b = lines[2]?.split(",") ?? [];
    expect(b.slice(0, 2)).toEqual(["b", "pq"]);
    expect(Number(b[2])).toBeCloseTo(VB_KV / V_A, 6);
    // The unsupplied bus has empty numbers.
    expect(lines[3]).toBe("c,unsupplied,,,,");
    const branches = await owner.client.trpc.simulations.loadFlowCsv.query({
      projectId,
      simulationId: run.id,
      table: "branches",
    });
    expect(branches.csv.split("\n")[0]).toBe(LOAD_FLOW_CSV.branches.join(","));
    const bad = owner.client.trpc.simulations.loadFlowCsv.query({
      projectId,
      simulationId: run.id,
      table: "loads" as "buses",
    });
    expect((await expectTrpcError(bad, "BAD_REQUEST")).data?.zodError?.issues[0]?.path).toEqual(["table"]);
  });

  it("refuses a short-circuit study, naming what it is", async () => {
    const { owner, projectId } = await savedProject(api.url, "lf-kind", strainedFeeder);
    const sc = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: {} },
    });
    const error = await expectTrpcError(
      owner.client.trpc.simulations.loadFlow.query({ projectId, simulationId: sc.id }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe("simulationId: the study is a short-circuit study, not a load flow");
  });

  it("refuses other companies and non-members: running, the view and the CSV", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "lf-tenant", strainedFeeder);
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow });
    await expectOnlyMembersSee(api.url, owner.client, projectId, "lf-tenant", (trpc, projectId) =>
      trpc.simulations.loadFlow.query({ projectId, simulationId: run.id }),
    );
    await expectOnlyMembersSee(api.url, owner.client, projectId, "lf-tenant-csv", (trpc, projectId) =>
      trpc.simulations.loadFlowCsv.query({ projectId, simulationId: run.id, table: "buses" }),
    );
    await expectOnlyMembersSee(api.url, owner.client, projectId, "lf-tenant-run", (trpc, projectId) =>
      trpc.simulations.run.mutate({ projectId, version: 1, study: loadFlow }),
    );
    // A viewer of the project may read but not run.
    await expectTrpcError(
      viewer.client.trpc.simulations.run.mutate({
        projectId,
        version: 1,
        study: { kind: "load_flow", options: { flat_start: true } },
      }),
      "FORBIDDEN",
    );
  });
});
