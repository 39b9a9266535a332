// projects.list's per-process cache (src/routers/project-list-cache.ts) with two api instances on
// one database, as behind a load balancer. A page is served again without a query, only ever to
// the caller it was read for; a change made through instance A shows in A's very next answer
// (A drops its company's pages right after the commit, checked here with A's NOTIFY deliveries
// held back), and in B's once the commit's NOTIFY has reached B (migration 0018's triggers),
// also for a change made in the database directly. Each check first makes sure the instance
// holds the page, so a pass cannot come from a miss.

import { mvFeeder } from "@ampflux/contracts/testing";
import { createDb, type DbClient, projects } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { addCompanyUser, sameSession, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";

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

type ListInput = { limit?: number; offset?: number; archived?: "exclude" | "include" | "only" };

/** How many database queries `api` ran during `call` (its query-duration histogram). */
async function queriesOn(api: RunningApi, call: () => Promise<unknown>): Promise<number> {
  const count = async () =>
    (await api.deps.metrics.querySeconds.get()).values
      .filter((v) => v.metricName?.endsWith("_count"))
      .reduce((sum, v) => sum + v.value, 0);
  const before = await count();
  await call();
  return (await count()) - before;
}

/**
 * `client`'s page as `api` answers it from its cache (asked until `api` answers it without a
 * query: the cache keeps no read made before its LISTEN was up or overlapping an invalidation).
 */
async function cachedPage(api: RunningApi, client: TestClient, input: ListInput = {}) {
  const via = sameSession(api.url, client);
  let page: Awaited<ReturnType<TestClient["trpc"]["projects"]["list"]["query"]>> | undefined;
  await vi.waitFor(
    async () => {
      const queries = await queriesOn(api, async () => {
        page = await via.trpc.projects.list.query(input);
      });
      expect(api.deps.projectLists.isListening()).toBe(true);
      expect(queries).toBe(0);
    },
    { timeout: 10_000, interval: 50 },
  );
  if (!page) throw new Error("no page");
  return page;
}

const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name).sort();

/** A company: its admin owns two projects; an editor is a member of the first; an outsider of none. */
async function company(label: string) {
  const admin = await signUpCompany(a.url, label);
  const editor = await addCompanyUser(a.url, admin.client, `${label}-editor`);
  const outsider = await addCompanyUser(a.url, admin.client, `${label}-outsider`);
  const first = await admin.client.trpc.projects.create.mutate({ name: `${label} first` });
  const second = await admin.client.trpc.projects.create.mutate({ name: `${label} second` });
  await admin.client.trpc.projects.members.set.mutate({
    projectId: first.id,
    userId: editor.user.id,
    role: "editor",
  });
  return { admin, editor, outsider, first, second };
}

describe("projects.list cache across two api instances", () => {
  it("serves a page again without a query, and only to the caller it was read for", async () => {
    const x = await company("plc-x");
    const y = await company("plc-y");
    for (const api of [a, b]) {
      const adminX = await cachedPage(api, x.admin.client);
      expect(names(adminX)).toEqual(["plc-x first", "plc-x second"]);
      expect(adminX.items.map((p) => p.role)).toEqual(["owner", "owner"]);
      const editorX = await cachedPage(api, x.editor.client);
      expect(editorX.items.map((p) => [p.name, p.role])).toEqual([["plc-x first", "editor"]]);
      expect(editorX.total).toBe(1);
      expect(await cachedPage(api, x.outsider.client)).toEqual({ items: [], total: 0 });
      expect(names(await cachedPage(api, y.admin.client))).toEqual(["plc-y first", "plc-y second"]);
      expect(names(await cachedPage(api, y.editor.client))).toEqual(["plc-y first"]);
      // Pages of another size, offset or archive filter are pages of their own.
      const one = await cachedPage(api, x.admin.client, { limit: 1 });
      expect([one.items.length, one.total]).toEqual([1, 2]);
      const next = await cachedPage(api, x.admin.client, { limit: 1, offset: 1 });
      expect(next.items[0]?.id).not.toBe(one.items[0]?.id);
      expect(await cachedPage(api, x.admin.client, { archived: "only" })).toEqual({ items: [], total: 0 });
      // Every caller again, now all cached side by side: each still gets only its own.
      expect(names(await cachedPage(api, x.admin.client))).toEqual(["plc-x first", "plc-x second"]);
      expect(names(await cachedPage(api, x.editor.client))).toEqual(["plc-x first"]);
      expect((await cachedPage(api, x.outsider.client)).total).toBe(0);
      expect(names(await cachedPage(api, y.editor.client))).toEqual(["plc-y first"]);
    }
    // A search is read from the database every time (not kept).
    const search = () => sameSession(a.url, x.admin.client).trpc.projects.list.query({ search: "second" });
    await search();
    expect(await queriesOn(a, search)).toBeGreaterThan(0);
  });

  it("shows every change made through this instance in its next answer, without the NOTIFY", async () => {
    const x = await company("plc-own");
    const owner = x.admin.client;
    const editor = x.editor.client;
    // From here on A applies no NOTIFY: only its own drop after the commit can refresh its pages.
    const held = vi.spyOn(a.deps.projectLists, "applyNotification").mockImplementation(() => {});
    try {
      await cachedPage(a, owner);
      const third = await owner.trpc.projects.create.mutate({ name: "plc-own third" });
      expect(names(await cachedPage(a, owner))).toEqual(["plc-own first", "plc-own second", "plc-own third"]);

      await owner.trpc.projects.update.mutate({ projectId: third.id, name: "plc-own renamed" });
      expect(names(await cachedPage(a, owner))).toContain("plc-own renamed");

      expect((await cachedPage(a, owner, { archived: "only" })).total).toBe(0);
      await owner.trpc.projects.setArchived.mutate({ projectId: third.id, archived: true });
      expect(names(await cachedPage(a, owner, { archived: "only" }))).toEqual(["plc-own renamed"]);
      expect(names(await cachedPage(a, owner))).toEqual(["plc-own first", "plc-own second"]);
      await owner.trpc.projects.setArchived.mutate({ projectId: third.id, archived: false });
      expect((await cachedPage(a, owner, { archived: "only" })).total).toBe(0);

      // Study settings are part of the listed project.
      const settings = { fault: "2ph_earth", case: "min", kappa_method: "B" } as const;
      await cachedPage(a, editor);
      await editor.trpc.projects.studySettings.set.mutate({ projectId: x.first.id, settings });
      const withSettings = (await cachedPage(a, editor)).items[0];
      expect(withSettings?.studySettings).toMatchObject(settings);

      // A saved version moves its project to the top (updated_at orders the list; the settings
      // just saved moved the first project there).
      expect((await cachedPage(a, owner)).items[0]?.id).toBe(x.first.id);
      await owner.trpc.circuits.save.mutate({
        projectId: x.second.id,
        baseVersion: null,
        document: mvFeeder,
      });
      expect((await cachedPage(a, owner)).items[0]?.id).toBe(x.second.id);
      await editor.trpc.circuits.save.mutate({
        projectId: x.first.id,
        baseVersion: null,
        document: mvFeeder,
      });
      expect((await cachedPage(a, owner)).items[0]?.id).toBe(x.first.id);
      await owner.trpc.circuits.restore.mutate({ projectId: x.second.id, version: 1, baseVersion: 1 });
      expect((await cachedPage(a, owner)).items[0]?.id).toBe(x.second.id);

      // Membership: added, role changed, removed; the member's own list follows each.
      expect((await cachedPage(a, editor)).total).toBe(1);
      await owner.trpc.projects.members.set.mutate({
        projectId: third.id,
        userId: x.editor.user.id,
        role: "viewer",
      });
      const added = await cachedPage(a, editor);
      expect(added.items.map((p) => [p.name, p.role]).sort()).toEqual([
        ["plc-own first", "editor"],
        ["plc-own renamed", "viewer"],
      ]);
      await owner.trpc.projects.members.set.mutate({
        projectId: third.id,
        userId: x.editor.user.id,
        role: "editor",
      });
      expect((await cachedPage(a, editor)).items.find((p) => p.id === third.id)?.role).toBe("editor");
      await owner.trpc.projects.members.remove.mutate({ projectId: third.id, userId: x.editor.user.id });
      expect(names(await cachedPage(a, editor))).toEqual(["plc-own first"]);

      await owner.trpc.projects.delete.mutate({ projectId: third.id });
      expect(names(await cachedPage(a, owner))).toEqual(["plc-own first", "plc-own second"]);
      expect(held).toHaveBeenCalled();
    } finally {
      held.mockRestore();
    }
  });

  it("shows changes made elsewhere once their NOTIFY has arrived", async () => {
    const x = await company("plc-other");
    expect(names(await cachedPage(b, x.admin.client))).toEqual(["plc-other first", "plc-other second"]);
    expect(names(await cachedPage(b, x.editor.client))).toEqual(["plc-other first"]);
    // Through instance A.
    await x.admin.client.trpc.projects.update.mutate({ projectId: x.first.id, name: "plc-other renamed" });
    await x.admin.client.trpc.projects.members.set.mutate({
      projectId: x.second.id,
      userId: x.editor.user.id,
      role: "viewer",
    });
    await vi.waitFor(async () => {
      expect(names(await cachedPage(b, x.admin.client))).toEqual(["plc-other renamed", "plc-other second"]);
      expect(names(await cachedPage(b, x.editor.client))).toEqual(["plc-other renamed", "plc-other second"]);
    });
    // In the database directly (the worker, the CLI or an operator): both instances follow.
    expect(names(await cachedPage(a, x.editor.client))).toEqual(["plc-other renamed", "plc-other second"]);
    await database.db.update(projects).set({ name: "plc-other by sql" }).where(eq(projects.id, x.second.id));
    for (const api of [a, b])
      await vi.waitFor(async () => {
        expect(names(await cachedPage(api, x.editor.client))).toEqual([
          "plc-other by sql",
          "plc-other renamed",
        ]);
      });
  });

  it("follows a caller's company role", async () => {
    const x = await company("plc-role");
    expect(names(await cachedPage(a, x.outsider.client))).toEqual([]);
    await x.admin.client.trpc.users.changeRole.mutate({ userId: x.outsider.user.id, role: "company_admin" });
    const asAdmin = await cachedPage(a, x.outsider.client);
    expect(names(asAdmin)).toEqual(["plc-role first", "plc-role second"]);
    // An admin who is no member sees the company's projects as "owner" (the list's rule).
    expect(asAdmin.items.map((p) => p.role)).toEqual(["owner", "owner"]);
    await x.admin.client.trpc.users.changeRole.mutate({ userId: x.outsider.user.id, role: "user" });
    expect(names(await cachedPage(a, x.outsider.client))).toEqual([]);
  });
});
