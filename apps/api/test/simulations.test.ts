import { shortCircuitResultOf } from "@ampflux/contracts/testing";
import { licenses, simulations } from "@ampflux/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { expectTrpcError, signUpCompany, startTestApi } from "./helpers.ts";
import { savedProject } from "./networks.ts";

let api: RunningApi;
/** Queues every study (no inline budget), for the worker paths. */
let queuingApi: RunningApi;
beforeAll(async () => {
  [api, queuingApi] = await Promise.all([startTestApi(), startTestApi({ SIM_INLINE_MAX_BUSES: "0" })]);
});
afterAll(() => Promise.all([api?.close(), queuingApi?.close()]));

const study = { kind: "short_circuit" as const, options: { fault: "3ph" as const } };

describe("simulations", () => {
  it("runs a small study in the api, stores it, and serves the identical request from cache", async () => {
    const { owner, viewer, projectId } = await savedProject(api.url, "sim");
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study });
    expect(run).toMatchObject({ status: "succeeded", cached: false });
    const got = await viewer.client.trpc.simulations.get.query({ projectId, simulationId: run.id });
    const result = shortCircuitResultOf(got.result);
    // Hand calculation of this feeder (see packages/sim-wasm/test/iec60909-checks.test.ts).
    expect(result.buses.find((b) => b.bus === "end")?.ikss_ka).toBeCloseTo(3.9155, 3);
    expect(got.timings).toHaveProperty("total");
    // Same version and options in another key order: the same study comes back.
    const again = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { options: { fault: "3ph", case: "max" }, kind: "short_circuit" },
    });
    expect(again).toEqual({ id: run.id, status: "succeeded", cached: true });
    const other = await owner.client.trpc.simulations.run.mutate({
      projectId,
      version: 1,
      study: { kind: "short_circuit", options: { fault: "1ph" } },
    });
    expect(other.id).not.toBe(run.id);
    const list = await viewer.client.trpc.simulations.list.query({ projectId });
    expect(list.map((s) => [s.id, s.version, s.status])).toEqual([
      [other.id, 1, "succeeded"],
      [run.id, 1, "succeeded"],
    ]);
    expect(list[0]).not.toHaveProperty("result");
  });

  it("answers bad options with paths, and a missing version with NOT_FOUND", async () => {
    const { owner, projectId } = await savedProject(api.url, "sim");
    const trpc = owner.client.trpc.simulations;
    const unknownBus = await expectTrpcError(
      trpc.run.mutate({
        projectId,
        version: 1,
        study: { kind: "short_circuit", options: { buses: ["nope"] } },
      }),
      "BAD_REQUEST",
    );
    expect(unknownBus.data?.zodError?.issues).toEqual([
      { path: ["study", "options", "buses", 0], message: 'unknown bus "nope"' },
    ]);
    const badFault = await expectTrpcError(
      trpc.run.mutate({
        projectId,
        version: 1,
        study: { kind: "short_circuit", options: { fault: "4ph" as "3ph" } },
      }),
      "BAD_REQUEST",
    );
    expect(badFault.data?.zodError?.issues[0]?.path).toEqual(["study", "options", "fault"]);
    await expectTrpcError(trpc.run.mutate({ projectId, version: 9, study }), "NOT_FOUND");
    expect(await trpc.list.query({ projectId })).toEqual([]);
  });

  it("enforces the plan's bus limit and batch-study entitlement", async () => {
    const { owner, projectId } = await savedProject(api.url, "sim");
    const db = api.deps.database.db;
    const companyId = owner.user.companyId;
    await db.update(licenses).set({ maxBusesPerStudy: 2 }).where(eq(licenses.companyId, companyId));
    const limit = await expectTrpcError(
      owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study }),
      "FORBIDDEN",
    );
    expect(limit.message).toBe("plan limit: this network has 3 buses, your plan allows 2 per study");
    await db.update(licenses).set({ maxBusesPerStudy: 100 }).where(eq(licenses.companyId, companyId));
    const batch = { kind: "batch_study" as const, options: {} };
    const refused = await expectTrpcError(
      owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: batch }),
      "FORBIDDEN",
    );
    expect(refused.message).toBe("batch studies are not included in your licence");
    // An N-1 screening is a sweep too: the same entitlement.
    const screening = { kind: "outage_screening" as const, options: {} };
    const screeningRefused = await expectTrpcError(
      owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study: screening }),
      "FORBIDDEN",
    );
    expect(screeningRefused.message).toBe("batch studies are not included in your licence");
  });

  it("refuses viewers' writes and every procedure to another company", async () => {
    const { viewer, projectId, owner } = await savedProject(api.url, "sim");
    const run = await owner.client.trpc.simulations.run.mutate({ projectId, version: 1, study });
    await expectTrpcError(
      viewer.client.trpc.simulations.run.mutate({ projectId, version: 1, study }),
      "FORBIDDEN",
    );
    await expectTrpcError(
      viewer.client.trpc.simulations.cancel.mutate({ projectId, simulationId: run.id }),
      "FORBIDDEN",
    );
    const stranger = await signUpCompany(api.url, "sim-stranger");
    const s = stranger.client.trpc.simulations;
    await expectTrpcError(s.run.mutate({ projectId, version: 1, study }), "NOT_FOUND");
    await expectTrpcError(s.get.query({ projectId, simulationId: run.id }), "NOT_FOUND");
    await expectTrpcError(s.list.query({ projectId }), "NOT_FOUND");
    await expectTrpcError(s.cancel.mutate({ projectId, simulationId: run.id }), "NOT_FOUND");
    // A simulation id of another project, asked for through one's own project, does not exist.
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await expectTrpcError(s.get.query({ projectId: own.id, simulationId: run.id }), "NOT_FOUND");
  });

  it("queues larger studies with an idempotent job, and cancels them", async () => {
    const { owner, projectId } = await savedProject(queuingApi.url, "sim");
    const trpc = owner.client.trpc.simulations;
    const queued = await trpc.run.mutate({ projectId, version: 1, study });
    expect(queued).toMatchObject({ status: "queued", cached: false });
    expect(await trpc.run.mutate({ projectId, version: 1, study })).toEqual({
      id: queued.id,
      status: "queued",
      cached: true,
    });
    const db = queuingApi.deps.database.db;
    const [row] = await db.select().from(simulations).where(eq(simulations.id, queued.id));
    // The public view has no payload; the private table holds it.
    const jobs = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from graphile_worker._private_jobs where key = ${row?.optionsHash ?? ""} and payload->>'simulationId' = ${queued.id}`,
    );
    expect(jobs[0]?.count).toBe(1);
    expect(await trpc.cancel.mutate({ projectId, simulationId: queued.id })).toEqual({
      id: queued.id,
      status: "cancelled",
    });
    const after = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from graphile_worker.jobs where key = ${row?.optionsHash ?? ""}`,
    );
    expect(after[0]?.count).toBe(0);
    await expectTrpcError(trpc.cancel.mutate({ projectId, simulationId: queued.id }), "PRECONDITION_FAILED");
    // A cancelled study is not reused: running it again queues a new one.
    const rerun = await trpc.run.mutate({ projectId, version: 1, study });
    expect(rerun.id).not.toBe(queued.id);
  });

  it("queues an N-1 screening behind single studies (job priority) in its company's sweep queues, refused to other companies", async () => {
    const { owner, projectId } = await savedProject(queuingApi.url, "sim");
    const trpc = owner.client.trpc.simulations;
    const screening = { kind: "outage_screening" as const, options: { fault: "1ph" as const } };
    const db = queuingApi.deps.database.db;
    await db.update(licenses).set({ batchStudies: true }).where(eq(licenses.companyId, owner.user.companyId));
    const single = await trpc.run.mutate({ projectId, version: 1, study });
    const sweep = await trpc.run.mutate({ projectId, version: 1, study: screening });
    expect(sweep).toMatchObject({ status: "queued", cached: false });
    const priorities = await db.execute<{ id: string; priority: number; task: string; queue: string | null }>(
      sql`select payload->>'simulationId' as id, priority, t.identifier as task, q.queue_name as queue
          from graphile_worker._private_jobs j
          join graphile_worker._private_tasks t on t.id = j.task_id
          left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
          where payload->>'simulationId' in (${single.id}, ${sweep.id})`,
    );
    const byId = new Map(priorities.map((p) => [p.id, p]));
    expect(byId.get(single.id)).toMatchObject({ task: "simulate", priority: 0, queue: null });
    // A sweep goes to one of its company's SWEEP_SLOTS_PER_COMPANY (default 2) named queues.
    expect(byId.get(sweep.id)).toMatchObject({ task: "outage_screening", priority: 10 });
    expect(byId.get(sweep.id)?.queue).toMatch(new RegExp(`^sweeps:${owner.user.companyId}:[01]$`));
    // One outage in detail, on demand (the feeder is radial: with L out, "end" is unfed).
    const detail = await trpc.outageDetail.query({ projectId, simulationId: sweep.id, outage: "L" });
    expect(detail).toMatchObject({ outage: "L", kind: "line", options: { fault: "1ph" } });
    expect(detail.buses.map((b) => [b.bus, b.ikss_ka === null])).toEqual([
      ["hv", false],
      ["mv", false],
      ["end", true],
    ]);
    expect(detail.buses[1]?.change_percent).toBeCloseTo(0, 9);
    const unknown = await expectTrpcError(
      trpc.outageDetail.query({ projectId, simulationId: sweep.id, outage: "nope" }),
      "BAD_REQUEST",
    );
    expect(unknown.message).toContain('no branch "nope"');
    await expectTrpcError(
      trpc.outageDetail.query({ projectId, simulationId: single.id, outage: "L" }),
      "PRECONDITION_FAILED",
    );
    const stranger = await signUpCompany(queuingApi.url, "sim-stranger");
    await expectTrpcError(
      stranger.client.trpc.simulations.run.mutate({ projectId, version: 1, study: screening }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      stranger.client.trpc.simulations.outageDetail.query({ projectId, simulationId: sweep.id, outage: "L" }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      stranger.client.trpc.simulations.get.query({ projectId, simulationId: sweep.id }),
      "NOT_FOUND",
    );
  });
});
