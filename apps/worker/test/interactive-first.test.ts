// Issue 25's check, "a single study queued while two large batches run finishes within seconds",
// in a form the machine's load cannot change: every engine call waits at a gate the test opens
// one call at a time, so which job a freed worker slot takes next is read, not timed. Two N-1
// screenings spread over parts fill both slots; a single study queued then takes the first slot
// that frees up, ahead of the waiting parts, and finishes while both screenings are unfinished.

import { createDb, type Simulation } from "@ampflux/db";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import type { Job } from "graphile-worker";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { startWorker } from "../src/worker.ts";
import { matpowerDocument, queueStudy, simulationRow, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
afterAll(() => client.close());

const CONCURRENCY = 2;

/** Engine calls held until the test lets each one through (or opens the gate for good). */
function engineGate(core: SimCore) {
  const held: (() => void)[] = [];
  let open = false;
  return {
    simCore: async () => {
      if (!open) await new Promise<void>((resolve) => held.push(resolve));
      return core;
    },
    /** Calls that have arrived so far (let through or still waiting). */
    arrivals: () => held.length,
    /** Lets the `k`-th call (1-based) through. */
    release: (k: number) => held[k - 1]?.(),
    openForGood: () => {
      open = true;
      for (const resolve of held) resolve();
    },
  };
}

describe("interactive work first", () => {
  it("runs a single study queued behind two spread N-1 screenings before their waiting parts", async () => {
    const gate = engineGate(await loadSimCore());
    const worker = await startWorker(
      loadWorkerSettings({
        DATABASE_URL: databaseUrl,
        WORKER_CONCURRENCY: String(CONCURRENCY),
        LOG_LEVEL: "error",
        // case1354pegase's screening (2.7 million bus × outage pairs) in 4 parts.
        SCREENING_PAIRS_PER_PART: "700000",
      }),
      { simCore: gate.simCore },
    );
    // Job starts in the order this process saw them; "queued" marks when the single study was.
    const starts: string[] = [];
    worker.runner.events.on("job:start", ({ job }: { job: Job }) => {
      const { simulationId, part } = job.payload as { simulationId: string; part?: number };
      starts.push(part === undefined ? `${job.task_identifier}:${simulationId}` : "part");
    });
    const arrived = (n: number) =>
      vi.waitFor(() => expect(gate.arrivals()).toBe(n), { timeout: 60_000, interval: 20 });
    try {
      // Two screenings of case1354pegase (1,991 branches: 4 parts each), of two companies.
      const document = await matpowerDocument("case1354pegase");
      const screening = { kind: "outage_screening" as const, options: { fault: "3ph" } };
      const screenings: Simulation[] = [
        await queueStudy(client, document, screening),
        await queueStudy(client, document, screening),
      ];
      // Their own jobs take both slots and spread them (calls 1, 2); then both slots run a part
      // each (calls 3, 4), the other queued parts wait (each company's next one is queued
      // whenever one of its parts ends, so parts are always waiting when a slot frees up).
      await arrived(2);
      gate.release(1);
      gate.release(2);
      await arrived(4);
      for (const s of screenings) expect((await simulationRow(client, s.id)).status).toBe("running");

      const single = await queueStudy(client, await matpowerDocument("case9"), {
        kind: "short_circuit",
        options: {},
      });
      starts.push("queued");
      // One slot frees up: its next job is the single study (priority 0), not a waiting part.
      gate.release(3);
      await arrived(5);
      expect((await simulationRow(client, single.id)).status).toBe("running");
      gate.release(5);
      const done = await waitForSimulation(client, single.id, (r) => r.status !== "running", 60_000);
      expect(done.status).toBe("succeeded");
      // One part of eight done, one still held: neither screening can have finished.
      for (const s of screenings) expect((await simulationRow(client, s.id)).status).toBe("running");

      gate.openForGood();
      const finished = await Promise.all(
        screenings.map((s) => waitForSimulation(client, s.id, (r) => r.status !== "running", 180_000)),
      );
      for (const row of finished) {
        expect(row).toMatchObject({ status: "succeeded", error: null });
        expect(done.finishedAt?.getTime()).toBeLessThan(row.finishedAt?.getTime() ?? 0);
      }
      // Sweep parts started between the single study's queueing and its start: at most one per slot.
      const from = starts.indexOf("queued");
      const to = starts.indexOf(`simulate:${single.id}`);
      expect(to).toBeGreaterThan(from);
      const partsBetween = starts.slice(from + 1, to).filter((s) => s === "part").length;
      expect(partsBetween).toBeLessThanOrEqual(CONCURRENCY);
      expect(partsBetween).toBe(0);
    } finally {
      gate.openForGood();
      await worker.stop();
    }
  }, 300_000);
});
