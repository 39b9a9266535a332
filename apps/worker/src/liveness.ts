// Crash recovery: every worker process heartbeats in worker_processes with the graphile-worker
// ids it runs jobs under; each process also reaps peers that went silent, unlocking their jobs
// (forceUnlockWorkers) so another process picks them up at once. A SIGKILLed process thus
// loses no job, and the job's idempotent store (finishSimulation) completes it exactly once.

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { type Database, workerProcesses } from "@ampflux/db";
import { eq, lt, sql } from "drizzle-orm";
import type { WorkerEvents, WorkerUtils } from "graphile-worker";

export interface Liveness {
  stop(): Promise<void>;
}

/**
 * Starts heartbeating before the runner starts (pass `events` to graphile-worker's run()), so
 * the ids jobs get locked under — the pool's id, and each worker's — are all recorded.
 */
export function startLiveness(
  db: Database,
  events: WorkerEvents,
  queue: WorkerUtils,
  timing: { heartbeatMs: number; deadAfterMs: number },
): Liveness {
  const id = randomUUID();
  const workerIds = new Set<string>();
  // Promise.resolve runs the (lazy, re-runnable) query builder exactly once.
  const register = Promise.resolve(
    db.insert(workerProcesses).values({ id, hostname: hostname(), pid: process.pid, workerIds: [] }),
  );
  const heartbeat = async () => {
    await register;
    await db
      .update(workerProcesses)
      .set({ heartbeatAt: sql`now()`, workerIds: [...workerIds] })
      .where(eq(workerProcesses.id, id));
  };
  const record = (lockId: string) => {
    workerIds.add(lockId);
    void heartbeat().catch(() => {});
  };
  events.on("pool:create", ({ workerPool }) => record(workerPool.id));
  events.on("worker:create", ({ worker }) => record(worker.workerId));
  const reap = async () => {
    const dead = await db
      .delete(workerProcesses)
      .where(lt(workerProcesses.heartbeatAt, sql`now() - ${`${timing.deadAfterMs} milliseconds`}::interval`))
      .returning({
        workerIds: workerProcesses.workerIds,
        hostname: workerProcesses.hostname,
        pid: workerProcesses.pid,
      });
    const ids = dead.flatMap((p) => p.workerIds);
    if (ids.length === 0) return;
    await queue.forceUnlockWorkers(ids);
    // An operator (or a test) must be able to tell a job run again after a reap from a lost one.
    for (const peer of dead)
      console.warn(
        `reaped worker process ${peer.pid} on ${peer.hostname}: no heartbeat for ${timing.deadAfterMs} ms; unlocked its jobs`,
      );
  };
  const tick = () => void Promise.all([heartbeat(), reap()]).catch(() => {});
  tick();
  const timer = setInterval(tick, timing.heartbeatMs);
  return {
    async stop() {
      clearInterval(timer);
      await register.catch(() => {});
      // Called once the runner has stopped: a lock still held under our ids is stale (a shutdown
      // cut short), so the job is unlocked now for any worker to run, not after graphile's 4 h.
      if (workerIds.size > 0) await queue.forceUnlockWorkers([...workerIds]).catch(() => {});
      await db.delete(workerProcesses).where(eq(workerProcesses.id, id));
    },
  };
}
