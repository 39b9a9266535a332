// The per-process session/API-key cache (src/auth/auth-cache.ts) with two api instances on one
// database, as in production behind a load balancer: whatever ends a login through instance A is
// refused by A and by B at the caller's very next request, although both had the caller cached
// (A answers only once B acknowledged the invalidation: src/auth/peer-barrier.ts). Each test first
// checks that the instance really holds the caller in its cache, so a pass cannot come from a miss.

import { companies, createDb, type DbClient, sessions } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { apiKeyCacheKey, sessionCacheKey } from "../src/auth/auth-cache.ts";
import { hashToken } from "../src/auth/tokens.ts";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  sameSession,
  signUpCompany,
  startTestApi,
  type TestClient,
  testClient,
} from "./helpers.ts";

let a: RunningApi;
let b: RunningApi;
let database: DbClient;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestApi(), startTestApi()]);
  database = createDb(inject("databaseUrl"), { maxConnections: 2 });
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await database?.close();
});

const sessionKey = (client: TestClient) => sessionCacheKey(hashToken(client.cookie() ?? ""));

/** How many database queries B's drizzle ran during `call` (its query-duration histogram). */
async function queriesOnB(call: () => Promise<unknown>): Promise<number> {
  const count = async () =>
    (await b.deps.metrics.querySeconds.get()).values
      .filter((v) => v.metricName?.endsWith("_count"))
      .reduce((sum, v) => sum + v.value, 0);
  const before = await count();
  await call();
  return (await count()) - before;
}

/**
 * B has answered `client` and holds its session in the cache. The cache refuses to keep a lookup
 * made before its LISTEN was up or overlapping an invalidation (e.g. the NOTIFY of a change just
 * made through A), so this asks again until B keeps it.
 */
async function cachedOnB(client: TestClient) {
  await vi.waitFor(
    async () => {
      const me = await client.trpc.auth.me.query();
      expect(me?.via).toBe("session");
      expect(b.deps.authCache.isListening()).toBe(true);
      expect(b.deps.authCache.get(sessionKey(client))).toBeDefined();
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** The same for an API key (`script` a client that sends it to B). */
async function keyCachedOnB(script: TestClient, key: string) {
  await vi.waitFor(
    async () => {
      expect((await script.trpc.auth.me.query())?.via).toBe("api_key");
      expect(b.deps.authCache.get(apiKeyCacheKey(hashToken(key)))).toBeDefined();
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** A holds `key` in its cache (asked until it keeps it, as cachedOnB). */
async function keyCachedOnA(key: string) {
  const script = testClient(a.url, { apiKey: key });
  await vi.waitFor(
    async () => {
      expect((await script.trpc.auth.me.query())?.via).toBe("api_key");
      expect(a.deps.authCache.get(apiKeyCacheKey(hashToken(key)))).toBeDefined();
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe("session and API key cache across two api instances", () => {
  it("serves a cached caller without asking the database for it", async () => {
    const { client } = await signUpCompany(a.url, "cache-hit");
    const viaB = sameSession(b.url, client);
    // The first request on B validates the session in the database (one query: session, user
    // and company joined); later ones are answered from the cache, auth.me with no query at all.
    expect(await queriesOnB(() => viaB.trpc.auth.me.query())).toBe(1);
    await cachedOnB(viaB);
    expect(await queriesOnB(() => viaB.trpc.auth.me.query())).toBe(0);
    const { key } = await client.trpc.apiKeys.create.mutate({ name: "counted" });
    const script = testClient(b.url, { apiKey: key });
    // Key lookup, then its last_used_at (written at most once a minute per key and process).
    expect(await queriesOnB(() => script.trpc.auth.me.query())).toBe(2);
    await keyCachedOnB(script, key);
    expect(await queriesOnB(() => script.trpc.auth.me.query())).toBe(0);
  });

  it("refuses a session logged out through A, on A at once and on B", async () => {
    const { client } = await signUpCompany(a.url, "logout-b");
    const viaB = sameSession(b.url, client);
    await cachedOnB(viaB);
    const token = client.cookie();
    await client.trpc.auth.logOut.mutate();
    // Dropped by B by the time A answered, without a request to B (in one process B's NOTIFY
    // usually arrives first anyway; multi-instance.test.ts holds B back to prove A waits).
    expect(b.deps.authCache.get(sessionKey(viaB))).toBeUndefined();
    const again = testClient(a.url);
    again.setCookie(token);
    expect(await again.trpc.auth.me.query()).toBeNull();
    expect(await viaB.trpc.auth.me.query()).toBeNull();
    await expectTrpcError(viaB.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("refuses an API key revoked through A on B's next request", async () => {
    const { client } = await signUpCompany(a.url, "revoke-b");
    const { id, key } = await client.trpc.apiKeys.create.mutate({ name: "script" });
    const script = testClient(b.url, { apiKey: key });
    await keyCachedOnB(script, key);
    await keyCachedOnA(key);
    await client.trpc.apiKeys.revoke.mutate({ id });
    // On A, where it was revoked, at once.
    await expectTrpcError(testClient(a.url, { apiKey: key }).trpc.projects.list.query({}), "UNAUTHORIZED");
    await expectTrpcError(script.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("refuses a user removed from the company (deactivated) on B, by session and by key", async () => {
    const admin = await signUpCompany(a.url, "remover");
    const member = await addCompanyUser(a.url, admin.client, "removed");
    const { key } = await member.client.trpc.apiKeys.create.mutate({ name: "member script" });
    const memberOnB = sameSession(b.url, member.client);
    const keyOnB = testClient(b.url, { apiKey: key });
    await cachedOnB(memberOnB);
    await keyCachedOnB(keyOnB, key);
    await admin.client.trpc.users.deactivate.mutate({ userId: member.user.id });
    expect(await memberOnB.trpc.auth.me.query()).toBeNull();
    await expectTrpcError(keyOnB.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("ends other sessions on B when the password changes through A", async () => {
    const { client, email } = await signUpCompany(a.url, "password-b");
    const laptop = testClient(b.url);
    await laptop.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    await cachedOnB(laptop);
    await client.trpc.auth.changePassword.mutate({
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(await laptop.trpc.auth.me.query()).toBeNull();
  });

  it("applies a role change made through A on B's next request", async () => {
    const admin = await signUpCompany(a.url, "role-admin");
    const member = await addCompanyUser(a.url, admin.client, "role-member");
    await admin.client.trpc.users.changeRole.mutate({ userId: member.user.id, role: "company_admin" });
    const memberOnB = sameSession(b.url, member.client);
    await cachedOnB(memberOnB);
    expect((await memberOnB.trpc.users.list.query()).users).toHaveLength(2);
    await admin.client.trpc.users.changeRole.mutate({ userId: member.user.id, role: "user" });
    expect((await memberOnB.trpc.auth.me.query())?.user.role).toBe("user");
    await expectTrpcError(memberOnB.trpc.users.list.query(), "FORBIDDEN");
  });

  it("drops cached callers on writes behind the api's back (worker cleanup, SQL) once their NOTIFY arrives", async () => {
    const { client } = await signUpCompany(a.url, "cleanup-b");
    const viaB = sameSession(b.url, client);
    await cachedOnB(viaB);
    // As the worker's cleanup task does for expired sessions.
    await database.db.delete(sessions).where(eq(sessions.id, hashToken(client.cookie() ?? "")));
    await b.deps.authCache.barrier();
    expect(await viaB.trpc.auth.me.query()).toBeNull();

    // A company renamed by SQL: auth.me (answered from the cache) shows the new name.
    const other = await signUpCompany(a.url, "rename-b");
    const otherOnB = sameSession(b.url, other.client);
    await cachedOnB(otherOnB);
    await database.db
      .update(companies)
      .set({ name: "Renamed Co" })
      .where(eq(companies.id, other.user.companyId));
    await b.deps.authCache.barrier();
    expect((await otherOnB.trpc.auth.me.query())?.company.name).toBe("Renamed Co");
  });

  it("never answers one tenant's request with another's cached caller", async () => {
    const first = await signUpCompany(b.url, "tenant-one");
    const second = await signUpCompany(b.url, "tenant-two");
    const firstProject = await first.client.trpc.projects.create.mutate({ name: "One's project" });
    const { key } = await second.client.trpc.apiKeys.create.mutate({ name: "two's script" });
    const secondScript = testClient(b.url, { apiKey: key });
    // Interleaved, with both callers warm in B's cache.
    for (let round = 0; round < 3; round++) {
      const [one, two, twoByKey] = await Promise.all([
        first.client.trpc.auth.me.query(),
        second.client.trpc.auth.me.query(),
        secondScript.trpc.auth.me.query(),
      ]);
      expect(one?.company.id).toBe(first.user.companyId);
      expect(two?.company.id).toBe(second.user.companyId);
      expect(twoByKey?.user.id).toBe(second.user.id);
      await expectTrpcError(
        secondScript.trpc.circuits.get.query({ projectId: firstProject.id }),
        "NOT_FOUND",
      );
      const listed = await secondScript.trpc.projects.list.query({});
      expect(listed.items.map((p) => p.id)).not.toContain(firstProject.id);
    }
    await cachedOnB(first.client);
    expect(b.deps.authCache.get(sessionKey(first.client))?.company.id).toBe(first.user.companyId);
    await keyCachedOnB(secondScript, key);
    expect(b.deps.authCache.get(apiKeyCacheKey(hashToken(key)))?.company.id).toBe(second.user.companyId);
  });
});
