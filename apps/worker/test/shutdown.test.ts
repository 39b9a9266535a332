// Graceful shutdown of a real worker process: on SIGTERM it takes no new job, lets the running one
// finish, and past WORKER_SHUTDOWN_TIMEOUT_MS hands it back to the queue, where it is retried.
// Figures: case118 (MATPOWER) batch studies, sized so one runs for seconds on a loaded machine.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { batchStudyResultOf } from "@ampflux/contracts/testing";
import { createDb } from "@ampflux/db";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import { finished, matpowerDocument, queueStudy, simulationRow, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
const env = { DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" };
const running: RunningWorker[] = [];
const spawned: ChildProcess[] = [];
afterAll(async () => {
  for (const child of spawned) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(running.map((w) => w.stop()));
  await client.close();
});

async function spawnWorker(extraEnv: Record<string, string>) {
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: new URL("..", import.meta.url),
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.push(child);
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited before connecting: ${out}`);
      expect(out).toContain("worker connected");
    },
    // Generous: on a busy shared machine a process has taken over a minute to start.
    { timeout: 180_000, interval: 100 },
  );
  return { child, output: () => out };
}

/** Sends SIGTERM; resolves with the exit code and how long the process took to exit. */
async function terminate(child: ChildProcess) {
  const started = Date.now();
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = await exited;
  return { code: code as number | null, ms: Date.now() - started };
}

/** A batch study on case118 with `n` contingencies per fault and case (4 × n + 4 steps). */
async function queueBatch(n: number) {
  const document = await matpowerDocument("case118");
  const contingencies = Array.from({ length: n }, (_, k) => document.lines[k % 150]?.id ?? "");
  return queueStudy(client, document, {
    kind: "batch_study",
    options: { faults: ["3ph", "1ph"], cases: ["max", "min"], contingencies },
  });
}

const jobOf = async (key: string) =>
  (
    await client.sql<{ attempts: number; locked_by: string | null; last_error: string | null }[]>`
      select attempts, locked_by, last_error from graphile_worker._private_jobs where key = ${key}`
  )[0];

describe("worker shutdown", () => {
  it("on SIGTERM lets the running job finish, then exits 0", async () => {
    const worker = await spawnWorker({ WORKER_SHUTDOWN_TIMEOUT_MS: "300000" });
    // 8,004 steps: about 4 s on a quiet machine (300 took 0.6 s, and its one progress report
    // between the first step and the end came too late to be seen while it ran).
    const sim = await queueBatch(2000);
    // Running, with its first step reported (which the worker does at once).
    await waitForSimulation(client, sim.id, (r) => r.status === "running" && r.progress > 0, 120_000);
    const { code } = await terminate(worker.child);
    expect(code).toBe(0);
    // Finished by the stopping process itself: nothing left for another worker.
    const row = await simulationRow(client, sim.id);
    expect(row.status).toBe("succeeded");
    expect(batchStudyResultOf(row.result).steps).toBe(4 * 2000 + 4);
    expect(await jobOf(sim.optionsHash)).toBeUndefined();
    expect(worker.output()).toContain("worker stopped");
  }, 420_000);

  it("past the bound hands the running job back to the queue, where it is retried to the end", async () => {
    const worker = await spawnWorker({ WORKER_SHUTDOWN_TIMEOUT_MS: "500" });
    const sim = await queueBatch(2000);
    await waitForSimulation(client, sim.id, (r) => r.status === "running" && r.progress > 0.01, 120_000);
    const { code, ms } = await terminate(worker.child);
    expect(code).toBe(0);
    // The bound, graphile-worker's 0.5 s before going forceful, and closing connections.
    expect(ms).toBeLessThan(15_000);
    expect(worker.output()).toContain("were handed back to the queue");
    const row = await simulationRow(client, sim.id);
    expect(row.status).toBe("running");
    expect(row.progress).toBeLessThan(1);
    // Unlocked with its one attempt counted: the queue hands it to the next worker at once.
    expect(await jobOf(sim.optionsHash)).toEqual({ attempts: 1, locked_by: null, last_error: null });

    running.push(await startWorker(loadWorkerSettings(env)));
    const done = await waitForSimulation(client, sim.id, finished, 180_000);
    expect(done.status).toBe("succeeded");
    expect(batchStudyResultOf(done.result).steps).toBe(4 * 2000 + 4);
    await vi.waitFor(async () => expect(await jobOf(sim.optionsHash)).toBeUndefined(), { timeout: 30_000 });
  }, 480_000);
});
