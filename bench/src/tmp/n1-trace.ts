// temporary: one screening with 1 worker, worker logs at info
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { matpowerNetwork } from "../networks.ts";
import { startBenchService } from "../service.ts";
const WORKER_MAIN = fileURLToPath(new URL("../../../apps/worker/src/main.ts", import.meta.url));
const { document } = await matpowerNetwork("case9241pegase");
const service = await startBenchService(document, { SIM_INLINE_MAX_BUSES: "0" });
const count = Number(process.argv[2] ?? 1);
const t0 = performance.now();
const stamp = () => ((performance.now() - t0) / 1000).toFixed(2);
const workers = Array.from({ length: count }, (_, k) => {
  const w = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, DATABASE_URL: service.databaseUrl, WORKER_CONCURRENCY: "1", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const on = (d: Buffer) => { for (const line of String(d).split("\n")) if (/Completed|Failed|connected/.test(line)) console.log(stamp(), `w${k}`, line.slice(0, 160)); };
  w.stdout.on("data", on); w.stderr.on("data", on);
  return w;
});
await sleep(4000);
for (const studyCase of ["max", "min"] as const) {
  const t = performance.now();
  console.log(stamp(), "queue", studyCase);
  const run = await service.trpc.simulations.run.mutate({ projectId: service.projectId, version: 1, study: { kind: "outage_screening", options: { case: studyCase } } });
  for (;;) {
    const sim = await service.trpc.simulations.get.query({ projectId: service.projectId, simulationId: run.id });
    if (sim.status === "succeeded") break;
    if (sim.status === "failed") throw new Error("failed");
    await sleep(100);
  }
  console.log(stamp(), "done", studyCase, ((performance.now() - t) / 1000).toFixed(2));
}
for (const w of workers) w.kill("SIGTERM");
await service.stop();
process.exit(0);
