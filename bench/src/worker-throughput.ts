// Worker throughput: many small studies queued through the api (SIM_INLINE_MAX_BUSES=0 sends
// every study to the queue) and taken by one worker process; then one batch study of a 2,000-bus
// network (all buses × 3ph/1ph × max/min, with N-1 on 20 lines).

import { setTimeout as sleep } from "node:timers/promises";
import { type BenchService, startBenchService } from "./service.ts";
import { syntheticDocument } from "./synthetic.ts";

export interface WorkerFigures {
  smallStudies: number;
  smallStudiesPerSecond: number;
  batchBuses: number;
  batchContingencies: number;
  batchSeconds: number;
}

async function waitDone(service: BenchService, ids: string[]): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const sim = await service.trpc.simulations.get.query({
        projectId: service.projectId,
        simulationId: id,
      });
      if (sim.status === "failed" || sim.status === "cancelled") throw new Error(`study ${id} ${sim.status}`);
      if (sim.status === "succeeded") pending.delete(id);
    }
    if (pending.size > 0) await sleep(50);
  }
}

async function runStudies(service: BenchService, studies: unknown[]): Promise<number> {
  const t = performance.now();
  const ids: string[] = [];
  for (const study of studies) {
    const run = await service.trpc.simulations.run.mutate({
      projectId: service.projectId,
      version: 1,
      study: study as never,
    });
    ids.push(run.id);
  }
  await waitDone(service, ids);
  return (performance.now() - t) / 1000;
}

export async function benchWorker(smallStudies: number): Promise<WorkerFigures> {
  const small = await startBenchService(syntheticDocument(100).document, { SIM_INLINE_MAX_BUSES: "0" }, true);
  let smallSeconds: number;
  try {
    const studies = Array.from({ length: smallStudies }, (_, k) => ({
      kind: "short_circuit",
      options: { tmin_s: 0.02 + k * 1e-4 },
    }));
    smallSeconds = await runStudies(small, studies);
  } finally {
    await small.stop();
  }
  const { document } = syntheticDocument(2_000);
  const contingencies = (document.lines ?? []).slice(0, 20).map((l) => l.id);
  const batch = await startBenchService(document, {}, true);
  try {
    const batchSeconds = await runStudies(batch, [{ kind: "batch_study", options: { contingencies } }]);
    return {
      smallStudies,
      smallStudiesPerSecond: smallStudies / smallSeconds,
      batchBuses: document.buses.length,
      batchContingencies: contingencies.length,
      batchSeconds,
    };
  } finally {
    await batch.stop();
  }
}
