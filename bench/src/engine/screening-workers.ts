// `pnpm bench -- --only n1-workers`: N-1 screenings of case9241pegase (every branch, 3ph) through
// the api and the queue, taken by 1 and then by 2 worker processes (each its own Node process and
// WASM instance, concurrency 1): the parts spread over the workers (issue 25's goal: two workers
// on this 2-core machine ≥ 1.6× faster than one). Wall time from queueing to the client holding
// the result: the first screening of fresh processes (cold, maximum case), then three more on the
// same, now warm, processes (other cases and extremes: an identical study would be reused). The
// client waits as the CLI and the editor do, on the study's progress stream (SSE), then reads the
// result. One figure of this shared machine moves by ±20 % from one minute to the next, so the
// configurations alternate over rounds (1, 2, 1, 2 …) and the table gives medians.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createApiClient } from "@ampflux/api/client";
import type { NetworkDocument, OutageScreeningOptionsInput } from "@ampflux/contracts";
import { EventSource } from "eventsource";
import { median } from "../median.ts";
import { matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";
import { startBenchService } from "../service.ts";

export interface ScreeningWorkersRow {
  network: string;
  workers: number;
  /** The first screening of fresh worker processes (their WASM and code compiled on the way): median. */
  coldSeconds: number;
  /** Screenings on the same, now warm, processes: median. */
  warmSeconds: number;
  /** Every run, in order: each round's cold one, and its warm ones. */
  cold: number[];
  warm: number[];
}

/** The warm runs' studies: each a full screening (not the cold one's options, nor each other's). */
const WARM_RUNS = [
  { case: "min" },
  { case: "max", worst: "lowest" },
  { case: "min", worst: "highest" },
] as const;

/**
 * `eventsource`'s client as tRPC's httpSubscriptionLink constructs one (`new EventSource(url,
 * { headers })`): the headers (the API key) go on its fetch.
 */
class KeyedEventSource extends EventSource {
  constructor(url: string | URL, init: { headers?: Record<string, string> } = {}) {
    super(url, {
      fetch: (input, request) =>
        fetch(input, { ...request, headers: { ...request?.headers, ...init.headers } }),
    });
  }
}

const WORKER_MAIN = fileURLToPath(new URL("../../../apps/worker/src/main.ts", import.meta.url));

async function startWorkers(count: number, databaseUrl: string): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [WORKER_MAIN], {
      env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  // Ready when each says it joined the queue (apps/worker/src/main.ts).
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          let out = "";
          w.stdout?.on("data", (d) => {
            out += d;
            if (out.includes("worker connected to the job queue")) resolve();
          });
          w.once("exit", (code) => reject(new Error(`worker exited ${code} before it was ready`)));
        }),
    ),
  );
  return workers;
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (w) => {
      if (w.exitCode !== null) return;
      w.kill("SIGTERM");
      await once(w, "exit");
    }),
  );
}

/** Cold and warm screenings on `count` fresh worker processes beside a fresh api and database. */
async function screeningRound(
  document: NetworkDocument,
  count: number,
  warmRuns: number,
): Promise<{ cold: number; warm: number[] }> {
  const service = await startBenchService(document, { SIM_INLINE_MAX_BUSES: "0" });
  const workers = await startWorkers(count, service.databaseUrl);
  const trpc = createApiClient({ url: service.url, apiKey: service.apiKey, EventSource: KeyedEventSource });
  const settled = (simulationId: string) =>
    new Promise<string>((resolve, reject) => {
      let status = "queued";
      const stream = trpc.simulations.progress.subscribe(
        { projectId: service.projectId, simulationId },
        {
          onData: (state) => {
            status = state.status;
          },
          onError: (error) => {
            stream.unsubscribe();
            reject(error);
          },
          onComplete: () => resolve(status),
        },
      );
    });
  const timed = async (options: OutageScreeningOptionsInput) => {
    const t = performance.now();
    const run = await trpc.simulations.run.mutate({
      projectId: service.projectId,
      version: 1,
      study: { kind: "outage_screening", options },
    });
    const status = await settled(run.id);
    if (status !== "succeeded") throw new Error(`screening ${status}`);
    const sim = await trpc.simulations.get.query({ projectId: service.projectId, simulationId: run.id });
    if (sim.kind !== "outage_screening" || !sim.result) throw new Error("no screening result");
    return (performance.now() - t) / 1000;
  };
  try {
    const cold = await timed({ case: "max" });
    const warm: number[] = [];
    for (const options of WARM_RUNS.slice(0, warmRuns)) warm.push(await timed(options));
    return { cold, warm };
  } finally {
    await stopWorkers(workers);
    await service.stop();
  }
}

export async function benchScreeningWorkers(quick: boolean): Promise<ScreeningWorkersRow[]> {
  const network = quick ? "case2869pegase" : "case9241pegase";
  const { document } = await matpowerNetwork(network);
  const rounds = quick ? 1 : 3;
  const runs = new Map([1, 2].map((count) => [count, { cold: [] as number[], warm: [] as number[] }]));
  for (let round = 0; round < rounds; round++)
    for (const [count, times] of runs) {
      const { cold, warm } = await screeningRound(document, count, quick ? 1 : WARM_RUNS.length);
      times.cold.push(cold);
      times.warm.push(...warm);
    }
  return [...runs].map(([workers, { cold, warm }]) => ({
    network,
    workers,
    coldSeconds: median(cold),
    warmSeconds: median(warm),
    cold,
    warm,
  }));
}

export function screeningWorkersTable(rows: ScreeningWorkersRow[]): string {
  const one = rows.find((r) => r.workers === 1);
  const runs = (values: number[]) => values.map((v) => v.toFixed(2)).join(" / ");
  return table(
    [
      "network",
      "worker processes",
      "cold: queue → result s (median)",
      "speed-up",
      "warm s (median)",
      "speed-up",
      "cold runs s",
      "warm runs s",
    ],
    rows.map((r) => [
      r.network,
      r.workers,
      r.coldSeconds,
      (one?.coldSeconds ?? Number.NaN) / r.coldSeconds,
      r.warmSeconds,
      (one?.warmSeconds ?? Number.NaN) / r.warmSeconds,
      runs(r.cold),
      runs(r.warm),
    ]),
  );
}
