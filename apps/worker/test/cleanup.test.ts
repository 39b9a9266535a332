import { companies, createDb, invitations, sessions, users } from "@ampflux/db";
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadWorkerSettings } from "../src/settings.ts";
import { type RunningWorker, startWorker } from "../src/worker.ts";

const databaseUrl = inject("databaseUrl");
const client = createDb(databaseUrl);
let worker: RunningWorker;
let queue: WorkerUtils;

beforeAll(async () => {
  worker = await startWorker(loadWorkerSettings({ DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: "1" }));
  queue = await makeWorkerUtils({ connectionString: databaseUrl });
});
afterAll(async () => {
  await queue?.release();
  await worker?.stop();
  await client.close();
});

async function waitForEmptyQueue(timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await client.sql<
      { n: number }[]
    >`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'cleanup'`;
    if (row?.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("queue did not drain");
}

describe("cleanup task, run by a real graphile-worker against Postgres", () => {
  it("deletes expired sessions and invitations, keeps live ones", async () => {
    const [company] = await client.db.insert(companies).values({ name: "Grid Co" }).returning();
    const companyId = company?.id ?? "";
    const [user] = await client.db
      .insert(users)
      .values({ companyId, email: "cleanup@example.com", name: "C", passwordHash: "x" })
      .returning();
    const userId = user?.id ?? "";
    const hour = 3_600_000;
    await client.db.insert(sessions).values([
      { id: "expired", userId, expiresAt: new Date(Date.now() - hour) },
      { id: "live", userId, expiresAt: new Date(Date.now() + hour) },
    ]);
    await client.db.insert(invitations).values([
      { companyId, email: "old@example.com", tokenHash: "a", expiresAt: new Date(Date.now() - hour) },
      { companyId, email: "new@example.com", tokenHash: "b", expiresAt: new Date(Date.now() + hour) },
    ]);

    await queue.addJob("cleanup", {});
    await waitForEmptyQueue();

    const left = await client.db.select({ id: sessions.id }).from(sessions);
    expect(left.map((s) => s.id)).toEqual(["live"]);
    const pending = await client.db.select({ email: invitations.email }).from(invitations);
    expect(pending.map((i) => i.email)).toEqual(["new@example.com"]);
  });
});
