// Crash safety and scale-out with real processes: a worker killed with SIGKILL mid-job loses
// nothing (a peer unlocks and finishes the job exactly once), and two workers share one queue.

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
/** Fast heartbeats so a killed process is declared dead within seconds, not 30 s. */
const env = {
  DATABASE_URL: databaseUrl,
  WORKER_CONCURRENCY: "1",
  WORKER_HEARTBEAT_MS: "200",
  WORKER_DEAD_AFTER_MS: "1500",
  LOG_LEVEL: "error",
};
const running: RunningWorker[] = [];
afterAll(async () => {
  await Promise.all(running.map((w) => w.stop()));
  await client.close();
});

async function spawnWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: new URL("..", import.meta.url),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  for await (const chunk of child.stdout ?? []) {
    out += String(chunk);
    if (out.includes("worker connected")) return child;
  }
  throw new Error(`worker exited before connecting: ${out}`);
}

async function inProcessWorker(): Promise<RunningWorker> {
  const worker = await startWorker(loadWorkerSettings(env));
  running.push(worker);
  return worker;
}

const queuedJobs = async (key: string) =>
  (
    await client.sql<
      { n: number }[]
    >`select count(*)::int as n from graphile_worker._private_jobs where key = ${key}`
  )[0]?.n;

describe("worker processes", () => {
  it("finishes a job exactly once after the process running it is killed with SIGKILL", async () => {
    const victim = await spawnWorker();
    const document = await matpowerDocument("case118");
    const contingencies = Array.from({ length: 2000 }, (_, k) => document.lines[k % 150]?.id ?? "");
    const options = { faults: ["3ph", "1ph"], cases: ["max", "min"], contingencies };
    const sim = await queueStudy(client, document, { kind: "batch_study", options });
    await waitForSimulation(client, sim.id, (r) => r.status === "running" && r.progress > 0.02);
    victim.kill("SIGKILL");
    await once(victim, "exit");
    const orphaned = await simulationRow(client, sim.id);
    expect(orphaned.status).toBe("running");
    expect(orphaned.progress).toBeLessThan(1);

    const warnings = vi.spyOn(console, "warn");
    await inProcessWorker();
    const row = await waitForSimulation(client, sim.id, finished, 120_000);
    const warned = warnings.mock.calls.flat().join("\n");
    warnings.mockRestore();
    // The reap is told, naming the process taken for dead.
    expect(warned).toContain(`reaped worker process ${victim.pid} on`);
    expect(row.status).toBe("succeeded");
    expect(batchStudyResultOf(row.result).steps).toBe(8004);
    // graphile-worker deletes the job after the task returns, i.e. just after the row says
    // succeeded: wait for that, then make sure no second run is left queued or retried.
    await vi.waitFor(async () => expect(await queuedJobs(sim.optionsHash)).toBe(0), { timeout: 30_000 });
    // The dead process is gone from the ledger; the live one is there.
    const processes = await client.sql<{ pid: number }[]>`select pid from worker_processes`;
    expect(processes.map((p) => p.pid)).not.toContain(victim.pid);
  }, 180_000);

  it("shares one queue between two worker processes", async () => {
    const [first, second] = [running[0] ?? (await inProcessWorker()), await inProcessWorker()];
    const counts = new Map<RunningWorker, number>();
    for (const w of [first, second])
      w.runner.events.on("job:start", () => counts.set(w, (counts.get(w) ?? 0) + 1));
    const document = await matpowerDocument("case118");
    const sims = [];
    for (let k = 0; k < 6; k++) {
      const contingencies = Array.from({ length: 400 }, (_, i) => document.lines[(i + k) % 150]?.id ?? "");
      sims.push(
        await queueStudy(client, document, {
          kind: "batch_study",
          options: { faults: ["3ph"], cases: ["max"], contingencies },
        }),
      );
    }
    for (const sim of sims)
      expect((await waitForSimulation(client, sim.id, finished, 120_000)).status).toBe("succeeded");
    expect(counts.get(first)).toBeGreaterThan(0);
    expect(counts.get(second)).toBeGreaterThan(0);
    expect((counts.get(first) ?? 0) + (counts.get(second) ?? 0)).toBe(6);
  }, 180_000);
});
