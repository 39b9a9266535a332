// The load_flow task: a queued load flow is solved and stored (timings, progress, notification),
// a load flow that does not converge is stored as a result, not a failure, and a large network
// (a MATPOWER case through the importer, as a large project would be) converges in the worker.

import { loadFlowResultOf, overloadedFeeder, strainedFeeder } from "@ampflux/contracts/testing";
import { createDb } from "@ampflux/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, matpowerDocument, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await client.close();
});

describe("load_flow task", () => {
  it("solves a queued load flow and stores its result and timings", async () => {
    const sim = await queueStudy(client, strainedFeeder, { kind: "load_flow", options: { algorithm: "nr" } });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row).toMatchObject({ status: "succeeded", progress: 1, error: null });
    const result = loadFlowResultOf(row.result);
    expect(result.converged).toBe(true);
    // Hand calculation in strainedFeeder's comment: |V_b| ≈ 18.741 kV of 20 kV.
    expect(result.buses[1]?.vm_pu).toBeCloseTo(0.93707, 5);
    expect(row.timings).toHaveProperty("solve");
    expect(row.timings).toHaveProperty("model");
  });

  it("stores non-convergence as a succeeded study with converged false and the history", async () => {
    const sim = await queueStudy(client, overloadedFeeder, { kind: "load_flow", options: {} });
    const row = await waitForSimulation(client, sim.id, finished);
    expect(row.status).toBe("succeeded");
    const result = loadFlowResultOf(row.result);
    expect(result.converged).toBe(false);
    expect(result.mismatch_pu.length).toBe(result.iterations + 1);
  });

  it("solves case1354pegase (1354 buses) from a flat start", async () => {
    const document = await matpowerDocument("case1354pegase");
    const sim = await queueStudy(client, document, {
      kind: "load_flow",
      options: { flat_start: true },
    });
    const row = await waitForSimulation(client, sim.id, finished, 120_000);
    expect(row.error).toBeNull();
    const result = loadFlowResultOf(row.result);
    // docs/load-flow.md: the file route converges in 3–6 iterations; the document route agrees with it.
    expect(result).toMatchObject({ algorithm: "nr", converged: true });
    expect(result.iterations).toBeLessThanOrEqual(6);
    expect(result.buses).toHaveLength(1354);
  }, 180_000);
});
