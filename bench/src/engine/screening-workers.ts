// `pnpm bench -- --only n1-workers`: N-1 screenings of case9241pegase (every branch, 3ph) through
// the api and the queue, taken by 1 and then by 2 worker processes (each its own Node process and
// WASM instance, concurrency 1): the parts spread over the workers (issue 25's goal: two workers
// on this 2-core machine ≥ 1.6× faster than one). Wall time from queueing to success, for the
// first screening of fresh processes (max case) and a second one on the warm processes (min case).

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";
import { startBenchService } from "../service.ts";

export interface ScreeningWorkersRow {
  network: string;
  workers: number;
  /** The first screening of fresh worker processes (their WASM and code compiled on the way). */
  coldSeconds: number;
  /** A second screening (the minimum case) on the same, now warm, processes. */
  warmSeconds: number;
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

export async function benchScreeningWorkers(quick: boolean): Promise<ScreeningWorkersRow[]> {
  const network = quick ? "case2869pegase" : "case9241pegase";
  const { document } = await matpowerNetwork(network);
  const rows: ScreeningWorkersRow[] = [];
  for (const count of [1, 2]) {
    const service = await startBenchService(document, { SIM_INLINE_MAX_BUSES: "0" });
    const workers = await startWorkers(count, service.databaseUrl);
    try {
      const timed = async (studyCase: "max" | "min") => {
        const t = performance.now();
        const run = await service.trpc.simulations.run.mutate({
          projectId: service.projectId,
          version: 1,
          study: { kind: "outage_screening", options: { case: studyCase } },
        });
        for (;;) {
          const sim = await service.trpc.simulations.get.query({
            projectId: service.projectId,
            simulationId: run.id,
          });
          if (sim.status === "succeeded") break;
          if (sim.status === "failed" || sim.status === "cancelled")
            throw new Error(`screening ${sim.status}`);
          await sleep(100);
        }
        return (performance.now() - t) / 1000;
      };
      const coldSeconds = await timed("max");
      const warmSeconds = await timed("min");
      rows.push({ network, workers: count, coldSeconds, warmSeconds });
    } finally {
      await stopWorkers(workers);
      await service.stop();
    }
  }
  return rows;
}

export function screeningWorkersTable(rows: ScreeningWorkersRow[]): string {
  const one = rows.find((r) => r.workers === 1);
  return table(
    [
      "network",
      "worker processes",
      "cold: queue → result s",
      "speed-up",
      "warm: queue → result s",
      "speed-up",
    ],
    rows.map((r) => [
      r.network,
      r.workers,
      r.coldSeconds,
      (one?.coldSeconds ?? Number.NaN) / r.coldSeconds,
      r.warmSeconds,
      (one?.warmSeconds ?? Number.NaN) / r.warmSeconds,
    ]),
  );
}
