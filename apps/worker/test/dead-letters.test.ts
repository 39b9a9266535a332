// Dead letters (packages/db, dead-letters.ts): a study whose job used its last attempt fails and
// its job stays, listed with its study, project and company; queued again it runs to success —
// a single study's job rescheduled, a spread screening's failed part by its study's own job.

import { outageScreeningOptionsSchema } from "@ampflux/contracts";
import {
  createDb,
  enqueueSimulation,
  listDeadLetters,
  NotDeadLetterError,
  queueSimulationParts,
  retryDeadLetters,
  type Simulation,
  simulations,
} from "@ampflux/db";
import { outageCandidates, ValidatedNetwork } from "@ampflux/sim-wasm";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";
import {
  DEFAULT_SWEEP_SLOTS,
  finished,
  matpowerDocument,
  queueStudy,
  waitForSimulation,
} from "./fixtures.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
const settings = loadWorkerSettings({
  DATABASE_URL: databaseUrl,
  WORKER_CONCURRENCY: "2",
  LOG_LEVEL: "error",
});
const workers: RunningWorker[] = [];
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await client.close();
});

/** One attempt instead of five: the first failure is the last (graphile-worker's backoff is seconds). */
const oneAttempt = (simulationId: string) => sql`
  update graphile_worker._private_jobs set max_attempts = 1 where payload->>'simulationId' = ${simulationId}`;

/** The studies' jobs still locked by a worker or with an attempt left (a dead letter is neither). */
const unsettledJobs = async (simulationIds: string[]) =>
  (
    await client.sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker._private_jobs
       where payload->>'simulationId' = any(${simulationIds}::text[])
         and (locked_at is not null or attempts < max_attempts)`
  )[0]?.n;

/** A short-circuit study queued with one attempt. */
async function singleStudy(): Promise<Simulation> {
  const sim = await queueStudy(
    client,
    await matpowerDocument("case9"),
    { kind: "short_circuit", options: {} },
    false,
  );
  await client.db.transaction(async (tx) => {
    await enqueueSimulation(tx, sim, DEFAULT_SWEEP_SLOTS);
    await tx.execute(oneAttempt(sim.id));
  });
  return sim;
}

/** A screening its study job spread over 3 parts (status running), each part job with one attempt. */
async function spreadScreening(): Promise<Simulation> {
  const options = { fault: "3ph" };
  const document = await matpowerDocument("case9");
  const sim = await queueStudy(client, document, { kind: "outage_screening", options }, false);
  const ids = outageCandidates(
    ValidatedNetwork.check(document).document,
    outageScreeningOptionsSchema.parse(options),
  );
  const parts = [ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)];
  await client.db.transaction(async (tx) => {
    await tx
      .update(simulations)
      .set({ status: "running", startedAt: new Date() })
      .where(eq(simulations.id, sim.id));
    // Three slots: every part is queued at once, as the test's one-attempt jobs.
    await queueSimulationParts(tx, sim, parts, 3);
    await tx.execute(oneAttempt(sim.id));
  });
  return sim;
}

describe("dead letters", () => {
  it("keeps a study's job after its last attempt, lists it, and runs it again when retried", async () => {
    const broken = await startWorker(settings, {
      simCore: async () => {
        throw new Error("core exploded\n    at the engine");
      },
    });
    workers.push(broken);
    const single = await singleStudy();
    const screening = await spreadScreening();
    for (const sim of [single, screening]) {
      const row = await waitForSimulation(client, sim.id, finished, 30_000);
      expect(row).toMatchObject({ status: "failed", error: { message: "core exploded\n    at the engine" } });
    }
    // The jobs stay: unlocked just after the failing attempt returns. The screening fails with its
    // first failed part while the others may still be running (and fail, or end at once seeing the
    // study failed): the list is read once no job of either study is running or has attempts left.
    const dead = await vi.waitFor(
      async () => {
        expect(await unsettledJobs([single.id, screening.id])).toBe(0);
        const letters = await listDeadLetters(client.db);
        expect(letters.some((l) => l.study?.id === single.id)).toBe(true);
        expect(letters.some((l) => l.study?.id === screening.id)).toBe(true);
        return letters;
      },
      { timeout: 30_000 },
    );
    await broken.stop();
    workers.splice(workers.indexOf(broken), 1);
    const [project] = await client.sql<{ company_id: string }[]>`
      select company_id from projects where id = ${single.projectId}`;
    expect(dead.find((l) => l.study?.id === single.id)).toMatchObject({
      task: "simulate",
      attempts: 1,
      maxAttempts: 1,
      lastError: "core exploded",
      study: { part: null, status: "failed", projectId: single.projectId, companyId: project?.company_id },
    });
    const deadParts = dead.filter((l) => l.study?.id === screening.id);
    expect(deadParts.length).toBeGreaterThan(0);
    expect(deadParts.every((l) => l.task === "outage_screening_part" && l.study?.part !== null)).toBe(true);

    // Only dead letters are retried: an unknown id and a job still queued refuse the whole call.
    const [waiting] = await client.sql<{ id: string }[]>`
      select (graphile_worker.add_job('cleanup', '{}'::json, run_at := now() + interval '1 hour')).id::text as id`;
    const refused = await retryDeadLetters(client.db, ["999999999", waiting?.id ?? ""], 2).catch((e) => e);
    expect(refused).toBeInstanceOf(NotDeadLetterError);
    expect((refused as NotDeadLetterError).ids).toEqual(["999999999", waiting?.id]);
    await client.sql`delete from graphile_worker._private_jobs where id = ${waiting?.id ?? "0"}`;
    expect(await listDeadLetters(client.db)).toHaveLength(dead.length);

    const retried = await retryDeadLetters(client.db, "all", DEFAULT_SWEEP_SLOTS);
    expect(retried.find((r) => r.studyId === single.id)).toMatchObject({ action: "rescheduled" });
    expect(retried.filter((r) => r.action === "study_requeued").map((r) => r.studyId)).toContain(
      screening.id,
    );
    expect(await listDeadLetters(client.db)).toEqual([]);
    for (const sim of [single, screening]) {
      const [row] = await client.db.select().from(simulations).where(eq(simulations.id, sim.id));
      expect(row).toMatchObject({ status: "queued", error: null, finishedAt: null });
    }

    workers.push(await startWorker(settings));
    for (const sim of [single, screening]) {
      const row = await waitForSimulation(client, sim.id, finished, 60_000);
      expect(row).toMatchObject({ status: "succeeded", error: null });
    }
    expect(await listDeadLetters(client.db)).toEqual([]);
  }, 120_000);
});
