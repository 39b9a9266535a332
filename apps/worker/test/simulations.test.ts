import { batchStudyResultOf, parallelFeeder, shortCircuitResultOf } from "@ampflux/contracts/testing";
import { cancelSimulation, createDb } from "@ampflux/db";
import { makeWorkerUtils } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, matpowerDocument, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
const settings = loadWorkerSettings({
  DATABASE_URL: databaseUrl,
  WORKER_CONCURRENCY: "2",
  LOG_LEVEL: "error",
});
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker(settings);
});
afterAll(async () => {
  await worker?.stop();
  await client.close();
});

/** Jobs of a study, found by payload: cancelling a running job clears its key. */
const queuedJobs = async (simulationId: string) =>
  (
    await client.sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker._private_jobs where payload->>'simulationId' = ${simulationId}`
  )[0]?.n;

describe("simulate task", () => {
  it("runs a queued study and stores result and timings once", async () => {
    const sim = await queueStudy(client, parallelFeeder, {
      kind: "short_circuit",
      options: { fault: "3ph" },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row).toMatchObject({ status: "succeeded", progress: 1, error: null });
    const result = shortCircuitResultOf(row.result);
    expect(result.buses.map((b) => b.bus)).toEqual(["src", "far", "spur"]);
    // 500 MVA at 20 kV with c = 1.1: I''k = 1.1 · 500 / (√3 · 20 · 1.1) at the grid bus.
    expect(result.buses[0]?.ikss_ka).toBeCloseTo(500 / (Math.sqrt(3) * 20), 9);
    expect(row.timings).toHaveProperty("factorize");
    expect(row.startedAt).not.toBeNull();
    // graphile-worker deletes the job just after the task that stored the row returns.
    await vi.waitFor(async () => expect(await queuedJobs(sim.id)).toBe(0), { timeout: 30_000 });
  });

  it("fails a study with bad input at once, with its paths, and does not retry", async () => {
    const sim = await queueStudy(client, parallelFeeder, {
      kind: "short_circuit",
      options: { buses: ["ghost"] },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("failed");
    expect(row.error).toMatchObject({ details: [{ path: ["buses", 0], message: 'unknown bus "ghost"' }] });
    // Not retried: the job is deleted (just after the task returns), not rescheduled.
    await vi.waitFor(async () => expect(await queuedJobs(sim.id)).toBe(0), { timeout: 30_000 });
  });
});

describe("batch_study task", () => {
  it("keeps the worst case per bus with the outage that caused it", async () => {
    const options = { faults: ["3ph"], cases: ["max", "min"], contingencies: ["L1", "L3"] };
    const sim = await queueStudy(client, parallelFeeder, { kind: "batch_study", options });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("succeeded");
    const result = batchStudyResultOf(row.result);
    expect(result.steps).toBe(6);
    const at = (bus: string, c: string) => result.worst.find((w) => w.bus === bus && w.case === c);
    // Max: both parallel lines in service (base case). Min: one of them out raises Z, lowering I''k.
    expect(at("far", "max")?.outage).toBeNull();
    expect(at("far", "min")?.outage).toBe("L1");
    // With L3 out, "spur" is fed by nothing: the worst minimum is no current at all.
    expect(at("spur", "min")).toMatchObject({ outage: "L3", ikss_ka: null });
  });

  it("fails at once on a contingency that names no branch", async () => {
    const sim = await queueStudy(client, parallelFeeder, {
      kind: "batch_study",
      options: { contingencies: ["L9"] },
    });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row).toMatchObject({ status: "failed", error: { details: [{ path: ["contingencies", 0] }] } });
  });

  it("reports progress and stops between steps when cancelled", async () => {
    // case118: a few milliseconds per step, so 2,001 steps take seconds.
    const document = await matpowerDocument("case118");
    const contingencies = Array.from({ length: 2000 }, (_, k) => document.lines[k % 100]?.id ?? "");
    const sim = await queueStudy(client, document, {
      kind: "batch_study",
      options: { faults: ["3ph"], cases: ["max"], contingencies },
    });
    const running = await waitForSimulation(client, sim.id, (r) => r.status === "running" && r.progress > 0);
    expect(running.progressMessage).toMatch(/^3ph max, \S+ out \(\d+\/2001\)$/);
    await client.db.transaction((tx) => cancelSimulation(tx, sim));
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row).toMatchObject({ status: "cancelled", result: null });
    // The task stops: the job leaves the queue instead of running all 2,001 steps.
    await vi.waitFor(async () => expect(await queuedJobs(sim.id)).toBe(0), { timeout: 10_000 });
  });
});

describe("retries", () => {
  it("retries an unexpected error with backoff, then fails the study with the message", async () => {
    let calls = 0;
    const flaky = await startWorker(settings, {
      simCore: async () => {
        calls++;
        throw new Error("core exploded");
      },
    });
    await worker.stop();
    try {
      const sim = await queueStudy(
        client,
        { ...parallelFeeder, name: "flaky" },
        { kind: "short_circuit", options: {} },
        false,
      );
      const queue = await makeWorkerUtils({ connectionString: databaseUrl });
      // Two attempts instead of five keep the test short (backoff e^1 ≈ 2.7 s between them).
      await queue.addJob("simulate", { simulationId: sim.id }, { jobKey: sim.optionsHash, maxAttempts: 2 });
      await queue.release();
      const row = await waitForSimulation(client, sim.id, finished, 30_000);
      expect(row).toMatchObject({ status: "failed", error: { message: "core exploded", attempts: 2 } });
      expect(calls).toBe(2);
    } finally {
      await flaky.stop();
      worker = await startWorker(settings);
    }
  }, 40_000);
});
