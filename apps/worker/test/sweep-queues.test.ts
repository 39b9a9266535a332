// Per-company sweep slots (SWEEP_SLOTS_PER_COMPANY): a company's batch studies and screenings go
// to K named queues, which graphile-worker runs one job at a time each, and of its screenings'
// parts at most K are queued at once (the next when one ends), so the company holds at most K
// worker slots while other companies' sweeps take the rest. Checked by the jobs queued and by a
// real runner whose engine calls wait at a barrier, so what runs together is read, not timed.

import { outageScreeningOptionsSchema } from "@ampflux/contracts";
import {
  createDb,
  enqueueSimulation,
  queueCompanyParts,
  queueSimulationParts,
  type Simulation,
  simulations,
  storeSimulationPart,
} from "@ampflux/db";
import { loadSimCore, outageCandidates, ValidatedNetwork } from "@ampflux/sim-wasm";
import { eq } from "drizzle-orm";
import { makeWorkerUtils } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { startWorker } from "../src/worker.ts";
import { finished, insertCompany, matpowerDocument, queueStudy, waitForSimulation } from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
beforeAll(async () => {
  // The queue's schema, for the tests that queue jobs before any worker started.
  const utils = await makeWorkerUtils({ connectionString: databaseUrl });
  await utils.migrate();
  await utils.release();
});
afterAll(() => client.close());

const screening = { kind: "outage_screening" as const, options: { fault: "3ph" } };

/** The queue of every job of these studies, by study and part (-1: the study's own job). */
async function queuesOf(ids: string[]) {
  return client.sql<{ simulation: string; part: number; queue: string | null; priority: number }[]>`
    select j.payload->>'simulationId' as simulation, coalesce((j.payload->>'part')::int, -1) as part,
           q.queue_name as queue, j.priority
      from graphile_worker._private_jobs j
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
     where j.payload->>'simulationId' = any(${ids}::text[])
     order by 1, 2`;
}

/** A screening already claimed by its study job (status running), its parts not yet queued. */
async function claimedScreening(companyId: string, slots: number): Promise<Simulation> {
  const document = await matpowerDocument("case9");
  const sim = await queueStudy(client, document, screening, false, { companyId, sweepSlots: slots });
  await client.db
    .update(simulations)
    .set({ status: "running", startedAt: new Date() })
    .where(eq(simulations.id, sim.id));
  return sim;
}

/** What the study job of each screening does once claimed: store its parts and queue as many as K slots allow. */
async function spread(sims: Simulation[], parts: string[][], slots: number): Promise<void> {
  await client.db.transaction(async (tx) => {
    for (const sim of sims) await queueSimulationParts(tx, sim, parts, slots);
  });
}

/** How many parts the company has, and those queued before the part queued just before them had finished. */
async function partsOneAtATime(companyId: string) {
  const parts = await client.sql<{ simulation: string; part: number; queued: Date; finished: Date | null }[]>`
    select sp.simulation_id as simulation, sp.part, sp.queued_at as queued, sp.finished_at as finished
      from simulation_parts sp
      join simulations s on s.id = sp.simulation_id
      join projects p on p.id = s.project_id
     where p.company_id = ${companyId}
     order by sp.queued_at`;
  const overlapping = parts.filter((p, k) => {
    const before = parts[k - 1]?.finished;
    return k > 0 && !(before && before <= p.queued);
  });
  return { parts: parts.length, overlapping };
}

/** case9's branches in `n` parts. */
async function case9Parts(n: number): Promise<string[][]> {
  const network = ValidatedNetwork.check(await matpowerDocument("case9"));
  const ids = outageCandidates(network.document, outageScreeningOptionsSchema.parse(screening.options));
  const size = Math.ceil(ids.length / n);
  return Array.from({ length: n }, (_, k) => ids.slice(k * size, (k + 1) * size));
}

describe("sweep queues", () => {
  it("queues K of a company's parts, its studies round-robin on its K queues, single studies on none", async () => {
    const companyId = await insertCompany(client, "Round Robin Co");
    const sim = await claimedScreening(companyId, 2);
    await spread([sim], await case9Parts(4), 2);
    const queued = await queueStudy(client, await matpowerDocument("case9"), screening, false, { companyId });
    const single = await queueStudy(client, await matpowerDocument("case9"), {
      kind: "short_circuit",
      options: {},
    });
    await client.db.transaction(async (tx) => {
      await enqueueSimulation(tx, queued, 2);
      await enqueueSimulation(tx, single, 2);
    });
    // Two of the four parts hold the company's two slots, in no named queue (a worker that ends
    // one takes the next at once), at the sweeps' priority; the other two wait for a slot.
    const parts = await queuesOf([sim.id]);
    expect(parts).toMatchObject([
      { part: 0, queue: null, priority: 10 },
      { part: 1, queue: null, priority: 10 },
    ]);
    const waiting = await client.sql<{ part: number }[]>`
      select part from simulation_parts where simulation_id = ${sim.id} and queued_at is null order by part`;
    expect(waiting.map((w) => w.part)).toEqual([2, 3]);
    // A part stored frees its slot: the next waiting part is queued.
    await client.db.transaction(async (tx) => {
      await storeSimulationPart(tx, sim.id, 0, {} as never);
      expect(await queueCompanyParts(tx, sim.projectId, 2)).toBe(1);
    });
    expect((await queuesOf([sim.id])).map((p) => p.part)).toEqual([0, 1, 2]);
    const slotOf = (queue: string | null) => queue?.replace(`sweeps:${companyId}:`, "");
    const [study] = await queuesOf([queued.id]);
    expect(["0", "1"]).toContain(slotOf(study?.queue ?? null));
    expect(await queuesOf([single.id])).toMatchObject([{ queue: null, priority: 0 }]);
    // Nobody runs these: leave the queue clean for the next test.
    await client.sql`delete from graphile_worker._private_jobs
      where payload->>'simulationId' = any(${[sim.id, queued.id, single.id]}::text[])`;
  });

  it("queues again only the parts of a study without a stored result (a study queued again)", async () => {
    const sim = await claimedScreening(await insertCompany(client, "Again Co"), 2);
    const parts = await case9Parts(3);
    await spread([sim], parts, 2);
    await client.db.transaction((tx) => storeSimulationPart(tx, sim.id, 1, {} as never));
    await client.sql`delete from graphile_worker._private_jobs where payload->>'simulationId' = ${sim.id}`;
    await spread([sim], parts, 2);
    expect((await queuesOf([sim.id])).map((q) => q.part)).toEqual([0, 2]);
    await client.sql`delete from graphile_worker._private_jobs where payload->>'simulationId' = ${sim.id}`;
  });

  it("runs one company's parts one at a time with K = 1 while another company's run beside them", async () => {
    const [busy, other] = [await insertCompany(client, "Busy Co"), await insertCompany(client, "Other Co")];
    // Two screenings of one company, one of another, each in 3 parts.
    const studies = [
      await claimedScreening(busy, 1),
      await claimedScreening(busy, 1),
      await claimedScreening(other, 1),
    ];
    const companyOf = new Map(studies.map((s, k) => [s.id, k < 2 ? busy : other]));

    // The first two engine calls wait until the test has looked at what the runner holds.
    const core = await loadSimCore();
    let arrivals = 0;
    let release = () => {};
    const barrier = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = await startWorker(
      loadWorkerSettings({
        DATABASE_URL: databaseUrl,
        WORKER_CONCURRENCY: "2",
        SWEEP_SLOTS_PER_COMPANY: "1",
        LOG_LEVEL: "error",
      }),
      {
        simCore: async () => {
          if (++arrivals <= 2) await barrier;
          return core;
        },
      },
    );
    // The 9 parts to the idle worker: one slot per company, so one part of each company is queued.
    await spread(studies, await case9Parts(3), 1);
    const queues = await queuesOf(studies.map((s) => s.id));
    expect(queues.map((q) => companyOf.get(q.simulation)).sort()).toEqual([busy, other].sort());
    try {
      // Both slots are taken: the busy company's queue holds one, so the other slot went to the
      // other company's part although the busy company has more parts waiting.
      await vi.waitFor(() => expect(arrivals).toBe(2), { timeout: 60_000 });
      const locked = await client.sql<{ simulation: string }[]>`
        select payload->>'simulationId' as simulation from graphile_worker._private_jobs
         where locked_at is not null`;
      expect(locked.map((l) => companyOf.get(l.simulation)).sort()).toEqual([busy, other].sort());
      release();
      for (const study of studies) {
        const row = await waitForSimulation(client, study.id, finished, 120_000);
        expect(row).toMatchObject({ status: "succeeded", error: null });
      }
      // One at a time: each of a company's parts was queued only after the one before it had
      // stored its result. (Not read from the runner's job:start and job:complete events: a part
      // queues the next before it returns, so another slot may start that one before the runner
      // emits job:complete for the first; CI saw that order once.)
      expect(await partsOneAtATime(busy)).toEqual({ parts: 6, overlapping: [] });
      expect(await partsOneAtATime(other)).toEqual({ parts: 3, overlapping: [] });
    } finally {
      release();
      await worker.stop();
    }
  }, 180_000);
});
