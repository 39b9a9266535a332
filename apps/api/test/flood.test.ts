// One company floods the api with heavy studies while another company works as usual: the
// flooder is refused (429) within moments, and the other company's ordinary requests keep their
// p99 latency within 2× of what it is without the flood, measured in the same test.

import { Worker } from "node:worker_threads";
import { lvFeeder } from "@ampflux/contracts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { signUpCompany, startTestApi } from "./helpers.ts";
import { trpcBody } from "./raw-requests.ts";

/**
 * Buses of the flooder's network. Inline studies run on the api's thread (simulations/run-inline.ts),
 * so a bystander's request arriving during one waits it out whatever the limits: the network is
 * sized so that one study takes milliseconds, as the idle + 50 ms floor below assumes.
 */
const BUSES = 3;

/** A 20 kV radial feeder of `n` buses: all-bus studies on it cost the engine real work. */
function radialFeeder(n: number) {
  const grid = lvFeeder.external_grids[0];
  return {
    schema: lvFeeder.schema,
    name: `Radial ${n}`,
    frequency_hz: 50,
    buses: Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `B${i}`, vn_kv: 20 })),
    external_grids: [{ ...grid, bus: "b0" }],
    lines: Array.from({ length: n - 1 }, (_, i) => ({
      id: `l${i + 1}`,
      from_bus: `b${i}`,
      to_bus: `b${i + 1}`,
      length_km: 0.5,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.1,
      c_nf_per_km: 0,
    })),
  };
}

// The flooding client runs on its own thread: its own work must not be what slows the api
// (which shares the test's thread with the measured client). It ignores Retry-After, as an
// abusive client would, and varies tk_s so that no study is answered from the results cache.
const FLOOD_CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, key, projectId, parallel } = workerData;
let state = "flood";
let resume = () => {};
let waiting = 0;
parentPort.on("message", (message) => {
  state = message;
  if (message !== "pause") resume();
});
const counts = { ok: 0, tooMany: 0, other: 0, firstTooManyMs: null };
const started = Date.now();
async function loop() {
  for (;;) {
    if (state === "stop") return;
    if (state === "pause") {
      // Every loop idle: the api has no flood request left to answer.
      if (++waiting === parallel) parentPort.postMessage({ paused: true });
      await new Promise((resolve) => { resume = ((previous) => () => { previous(); resolve(); })(resume); });
      waiting--;
      continue;
    }
    const options = { tk_s: Math.round(Math.random() * 9000 + 1000) / 1000 };
    const input = { projectId, version: 1, study: { kind: "short_circuit", options } };
    const res = await fetch(url + "/trpc/simulations.run", {
      method: "POST",
      headers: { authorization: "Bearer " + key, "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    }).catch(() => undefined);
    if (res) await res.arrayBuffer().catch(() => {});
    if (res?.status === 200) counts.ok++;
    else if (res?.status === 429) {
      counts.tooMany++;
      if (counts.firstTooManyMs === null) {
        counts.firstTooManyMs = Date.now() - started;
        parentPort.postMessage({ refused: true });
      }
    } else counts.other++;
  }
}
Promise.all(Array.from({ length: parallel }, loop)).then(() => parentPort.postMessage({ done: counts }));
`;

/** Alternating flood and idle phases, each this many ordinary requests. */
const ROUNDS = 6;
const PER_PHASE = 100;

interface FloodCounts {
  ok: number;
  tooMany: number;
  other: number;
  firstTooManyMs: number | null;
}

let api: RunningApi;
beforeAll(async () => {
  // Default abuse limits: the test shows what a deployment gets out of the box.
  api = await startTestApi();
});
afterAll(() => api?.close());

async function companyWithNetwork(label: string, document: unknown) {
  const { client } = await signUpCompany(api.url, label);
  const { key } = await client.trpc.apiKeys.create.mutate({ name: label });
  const { id: projectId } = await client.trpc.projects.create.mutate({ name: `${label} project` });
  await client.trpc.circuits.save.mutate({ projectId, baseVersion: null, document });
  return { key, projectId };
}

/** Milliseconds of each of `count` ordinary requests (a list and a network read), one at a time. */
async function ordinaryLatencies(key: string, projectId: string, count: number): Promise<number[]> {
  const headers = { authorization: `Bearer ${key}` };
  const input = encodeURIComponent(trpcBody({ projectId }));
  const urls = [
    `${api.url}/trpc/simulations.list?input=${input}`,
    `${api.url}/trpc/circuits.get?input=${input}`,
  ];
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(urls[i % urls.length] as string, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    expect(res.status).toBe(200);
  }
  return times;
}

const p99 = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
};

describe("a company flooding studies", () => {
  // p99 of 600 samples on a shared 2-core CI machine (browser tests run beside this one) can miss
  // by milliseconds once; unenforced limits miss by hundreds of ms every time, so two retries keep
  // the test able to fail for the right reason.
  it("is refused with 429 at once and does not hurt another company's p99", {
    timeout: 170_000,
    retry: 2,
  }, async () => {
    const flooder = await companyWithNetwork("flooder", radialFeeder(BUSES));
    const other = await companyWithNetwork("bystander", lvFeeder);
    // Warm up both paths (engine instantiation, caches, connections) before measuring anything,
    // and time one study as the flooder will run them (for the log line).
    await ordinaryLatencies(other.key, other.projectId, 40);
    const studyStarted = performance.now();
    const study = await fetch(`${api.url}/trpc/simulations.run`, {
      method: "POST",
      headers: { authorization: `Bearer ${flooder.key}`, "content-type": "application/json" },
      body: trpcBody({
        projectId: flooder.projectId,
        version: 1,
        study: { kind: "short_circuit", options: {} },
      }),
    });
    expect(study.status).toBe(200);
    const studyMs = performance.now() - studyStarted;

    const worker = new Worker(FLOOD_CLIENT, {
      eval: true,
      workerData: { url: api.url, key: flooder.key, projectId: flooder.projectId, parallel: 8 },
    });
    const next = (what: "refused" | "paused" | "done") =>
      new Promise<FloodCounts>((resolve, reject) => {
        const onMessage = (message: Record<string, unknown>) => {
          if (!(what in message)) return;
          worker.off("message", onMessage);
          resolve(message[what] as FloodCounts);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
      });
    const floodStarted = performance.now();
    const firstRefusal = next("refused");
    // Idle and flood phases alternate, the flood client paused (not gone) while idle: both sides
    // are measured in the same process, threads and minutes of the shared machine's load.
    const idle: number[] = [];
    const flooded: number[] = [];
    let counts: FloodCounts;
    try {
      await firstRefusal;
      for (let round = 0; round < ROUNDS; round++) {
        flooded.push(...(await ordinaryLatencies(other.key, other.projectId, PER_PHASE)));
        const paused = next("paused");
        worker.postMessage("pause");
        await paused;
        idle.push(...(await ordinaryLatencies(other.key, other.projectId, PER_PHASE)));
        worker.postMessage("flood");
      }
    } finally {
      const done = next("done");
      worker.postMessage("stop");
      counts = await done;
      await worker.terminate();
    }
    const floodSeconds = (performance.now() - floodStarted) / 1000;

    const idleP99 = p99(idle);
    const floodP99 = p99(flooded);
    // 2× idle, but at least idle + 50 ms: an idle p99 of a few milliseconds doubles from one
    // scheduling hiccup of the shared CI machine, and a study the limits admit runs on the api's
    // thread for some milliseconds, which a request arriving then waits out.
    const allowed = Math.max(2 * idleP99, idleP99 + 50);
    console.log(
      `flood: bystander p99 idle ${idleP99.toFixed(1)} ms, under flood ${floodP99.toFixed(1)} ms (allowed ${allowed.toFixed(1)} ms, ${idle.length} samples each); ` +
        `flooder ${counts.ok} studies run, ${counts.tooMany} refused with 429, ${counts.other} other, ` +
        `first 429 after ${counts.firstTooManyMs} ms, over ${floodSeconds.toFixed(1)} s; one ${BUSES}-bus study ${studyMs.toFixed(0)} ms`,
    );
    expect(counts.firstTooManyMs).not.toBeNull();
    expect(counts.firstTooManyMs ?? Number.POSITIVE_INFINITY).toBeLessThan(10_000);
    expect(counts.other).toBe(0);
    // HEAVY_MAX_PER_USER_PER_MINUTE (60) per started minute of flooding.
    expect(counts.ok).toBeLessThanOrEqual(60 * Math.ceil(floodSeconds / 60));
    expect(counts.tooMany).toBeGreaterThan(counts.ok);
    expect(floodP99).toBeLessThanOrEqual(allowed);
  });
});
