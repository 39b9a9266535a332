// The worker's /metrics on its internal port, after real jobs: durations and failures by task,
// engine time by study kind and size, queue depth.

import { parallelFeeder } from "@ampflux/contracts/testing";
import { createDb } from "@ampflux/db";
import { metricSample } from "@ampflux/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: databaseUrl, LOG_LEVEL: "error", WORKER_METRICS_PORT: "0" }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await client.close();
});

describe("worker metrics", () => {
  it("count job durations and failures by task, engine time and the queue", async () => {
    const ok = await queueStudy(client, parallelFeeder, { kind: "short_circuit", options: {} });
    const bad = await queueStudy(client, parallelFeeder, {
      kind: "short_circuit",
      options: { buses: ["nope"] },
    });
    await waitForSimulation(client, ok.id, finished);
    await waitForSimulation(client, bad.id, finished);

    expect(worker.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // A job completes just after its study is stored: scrape until both are counted.
    let text = "";
    for (let waited = 0; waited < 5_000; waited += 100) {
      const res = await fetch(worker.metricsUrl as string);
      expect(res.status).toBe(200);
      text = await res.text();
      const done = { task: "simulate", outcome: "success" };
      if (metricSample(text, "ampflux_job_duration_seconds_count", done) === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Bad options are a finished (failed) study, not a failed job: both jobs succeed.
    expect(
      metricSample(text, "ampflux_job_duration_seconds_count", { task: "simulate", outcome: "success" }),
    ).toBe(2);
    const engine = { kind: "short_circuit", size: "le_100" };
    // The bad study fails in the engine (an unknown bus), so it may be timed or not.
    expect(metricSample(text, "ampflux_engine_study_duration_seconds_count", engine)).toBeGreaterThanOrEqual(
      1,
    );
    expect(text).toMatch(/^ampflux_job_queue_depth\{service="worker"\} \d+$/m);
    expect((await fetch(worker.metricsUrl?.replace("/metrics", "/other") as string)).status).toBe(404);
  });
});
