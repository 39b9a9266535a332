// The auth cache's barrier across api processes (src/auth/peer-barrier.ts) against real Postgres,
// on a database of its own so that no other test's api counts as a peer. A stand-in peer listens
// on the invalidation channel under an api's application_name and answers barriers when the test
// says: the barrier must wait for its answer, not for an api that does not listen, and give up
// after its bound on one that never answers, naming it.

import { createDb, type DbClient } from "@ampflux/db";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_INVALIDATION_CHANNEL, AuthCache } from "../src/auth/auth-cache.ts";
import { apiApplicationName } from "../src/auth/peer-barrier.ts";
import { createLogger } from "../src/logger.ts";

let database: TestDatabase;
const clients: DbClient[] = [];
const connect = (instanceId: string) => {
  const client = createDb(database.url, {
    applicationName: apiApplicationName(instanceId),
    maxConnections: 2,
  });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  database = await createTestDatabase("barrier");
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await database?.drop();
});

/** An api process as the others see it: its LISTEN, and its answers to barriers when `answer` says. */
async function standInPeer(instanceId: string) {
  const client = connect(instanceId);
  const barriers: string[] = [];
  let answering = true;
  const pending: string[] = [];
  const ack = (id: string) =>
    client.sql`select pg_notify(${AUTH_INVALIDATION_CHANNEL}, ${`ack:${id}:${instanceId}`})`.then(() => {});
  await client.sql.listen(AUTH_INVALIDATION_CHANNEL, (payload) => {
    if (!payload.startsWith("barrier:")) return;
    const id = payload.slice("barrier:".length);
    barriers.push(id);
    if (answering) void ack(id);
    else pending.push(id);
  });
  return {
    barriers,
    /** Holds its answers back until `release`. */
    hold: () => {
      answering = false;
    },
    release: async () => {
      answering = true;
      await Promise.all(pending.splice(0).map(ack));
    },
  };
}

function revokingApi(instanceId: string) {
  const lines: string[] = [];
  const cache = new AuthCache(
    connect(instanceId),
    createLogger("warn", "api", (line) => lines.push(line)),
    instanceId,
  );
  return { cache, lines };
}

const timed = async (work: Promise<unknown>) => {
  const started = performance.now();
  await work;
  return performance.now() - started;
};

describe("the auth cache barrier across api processes", () => {
  it("waits for a listening peer's answer, and not for an api that does not listen", async () => {
    const peer = await standInPeer("peer-b");
    // Connected as an api, but without a LISTEN: it caches nothing, so nothing waits for it.
    await connect("idle-c").sql`select 1`;
    const { cache, lines } = revokingApi("api-a");
    peer.hold();
    let answered = false;
    const barrier = cache.barrier().then(() => {
      answered = true;
    });
    await expect.poll(() => peer.barriers.length, { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    await peer.release();
    await barrier;
    expect(lines.join("\n")).not.toContain("timed out");
    // Answered at once: nothing else is waited for (the idle api is not a peer).
    expect(await timed(cache.barrier())).toBeLessThan(4_000);
    await cache.close();
  });

  it("answers after its bound when a peer never does, and names that peer", async () => {
    const peer = await standInPeer("peer-silent");
    peer.hold();
    const { cache, lines } = revokingApi("api-a2");
    const ms = await timed(cache.barrier());
    expect(ms).toBeGreaterThanOrEqual(4_900);
    const warning = lines
      .map((line) => JSON.parse(line))
      .find((l) => l.message === "auth cache barrier timed out");
    expect(warning?.unanswered_instances).toContain("peer-silent");
    expect(warning?.echoed).toBe(true);
    await cache.close();
  }, 30_000);
});
