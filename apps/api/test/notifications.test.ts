// notifications.* over real HTTP against the test database: list, unread count and markRead,
// the live SSE feed fed by Postgres NOTIFY (the test plays the worker, which stores them), and
// the worker and SMTP parts of /health/detailed, against a real SMTP server on loopback.

import { detailedHealthSchema, featureDefaults } from "@ampflux/contracts";
import {
  claimSimulation,
  createNotification,
  type Executor,
  finishSimulation,
  NOTIFICATION_CHANNEL,
  notifyStudyOutcome,
  simulations,
  workerProcesses,
} from "@ampflux/db";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NotificationHub } from "../src/notifications/hub.ts";
import { liveNotifications } from "../src/notifications/live.ts";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  signUpCompany,
  startTestApi,
  type TestClient,
  testClient,
} from "./helpers.ts";

/** Queues every study (no inline budget) and no worker runs: the test plays the worker. */
let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi({ SIM_INLINE_MAX_BUSES: "0" });
});
afterAll(() => api?.close());

const db = () => api.deps.database.db;

/** Stores a notification for `user` as the worker does (NOTIFY included). */
const notify = (user: { id: string; companyId: string }, title: string, executor: Executor = db()) =>
  createNotification(executor, {
    userId: user.id,
    companyId: user.companyId,
    kind: "study_succeeded",
    title,
    body: "",
  });

/** The smallest network a study runs on: one bus fed by the grid. */
const network = {
  schema: "ampflux/network@1",
  name: "Grid",
  frequency_hz: 50,
  buses: [{ id: "src", vn_kv: 20 }],
  external_grids: [
    { id: "grid", bus: "src", s_sc_max_mva: 500, s_sc_min_mva: 300, rx_max: 0.1, rx_min: 0.1 },
  ],
};

type LiveEvent = { notification: { id: number; title: string; body: string }; unread: number };

/** Subscribes to the caller's live notifications over SSE. */
function live(client: TestClient, lastEventId?: string) {
  const events: LiveEvent[] = [];
  const retryable: string[] = [];
  const subscription = client.trpc.notifications.live.subscribe(lastEventId ? { lastEventId } : undefined, {
    onData: ({ data }) => events.push(data),
    onConnectionStateChange: (state) => {
      const code = state.error?.data?.code;
      if (code) retryable.push(code);
    },
  });
  return { events, retryable, unsubscribe: () => subscription.unsubscribe() };
}

const listeners = () => api.deps.notifications.listenerCount();

describe("notifications.list and markRead", () => {
  it("lists the caller's notifications newest first, with the unread count, page by page", async () => {
    const { client, user } = await signUpCompany(api.url, "inbox");
    for (const title of ["first", "second", "third"]) await notify(user, title);

    const all = await client.trpc.notifications.list.query({});
    expect(all.items.map((n) => n.title)).toEqual(["third", "second", "first"]);
    expect(all.unread).toBe(3);
    expect(all.items[0]).not.toHaveProperty("userId");
    const page = await client.trpc.notifications.list.query({ limit: 2, offset: 2 });
    expect(page.items.map((n) => n.title)).toEqual(["first"]);

    const [third, second] = all.items;
    expect(await client.trpc.notifications.markRead.mutate({ ids: [third?.id ?? 0] })).toEqual({
      marked: 1,
      unread: 2,
    });
    // Marking again changes nothing.
    expect(
      await client.trpc.notifications.markRead.mutate({ ids: [third?.id ?? 0, second?.id ?? 0] }),
    ).toEqual({
      marked: 1,
      unread: 1,
    });
    expect(await client.trpc.notifications.markRead.mutate({ all: true })).toEqual({ marked: 1, unread: 0 });
    const read = await client.trpc.notifications.list.query({});
    expect(read.items.every((n) => n.readAt instanceof Date)).toBe(true);
  });

  it("never shows or marks another user's notifications, in the company or outside it", async () => {
    const owner = await signUpCompany(api.url, "inbox-owner");
    const colleague = await addCompanyUser(api.url, owner.client, "inbox-colleague");
    const stranger = await signUpCompany(api.url, "inbox-stranger");
    const mine = await notify(owner.user, "private");

    for (const other of [colleague, stranger]) {
      expect(await other.client.trpc.notifications.list.query({})).toEqual({ items: [], unread: 0 });
      expect(await other.client.trpc.notifications.markRead.mutate({ ids: [mine.id] })).toEqual({
        marked: 0,
        unread: 0,
      });
      expect(await other.client.trpc.notifications.markRead.mutate({ all: true })).toEqual({
        marked: 0,
        unread: 0,
      });
    }
    expect((await owner.client.trpc.notifications.list.query({})).unread).toBe(1);
    await expectTrpcError(testClient(api.url).trpc.notifications.list.query({}), "UNAUTHORIZED");
    await expectTrpcError(owner.client.trpc.notifications.markRead.mutate({ ids: [] }), "BAD_REQUEST");
  });
});

describe("notifications.live", () => {
  it("delivers a study's outcome the moment the worker stores it, and only to its user", async () => {
    const owner = await signUpCompany(api.url, "live");
    const colleague = await addCompanyUser(api.url, owner.client, "live-colleague");
    const project = await owner.client.trpc.projects.create.mutate({ name: "Substation 7" });
    await owner.client.trpc.circuits.save.mutate({
      projectId: project.id,
      baseVersion: null,
      document: network,
    });
    const run = await owner.client.trpc.simulations.run.mutate({
      projectId: project.id,
      version: 1,
      study: { kind: "short_circuit", options: { fault: "3ph" } },
    });
    const mine = live(owner.client);
    const theirs = live(colleague.client);
    await vi.waitFor(() => expect(listeners()).toBe(2));

    // The worker's finish, played here: store the outcome and notify in one transaction.
    const [simulation] = await db().select().from(simulations).where(eq(simulations.id, run.id));
    if (!simulation) throw new Error("no simulation");
    expect(await claimSimulation(db(), simulation.id)).toBe(true);
    await db().transaction(async (tx) => {
      expect(
        await finishSimulation(tx, simulation.id, { status: "failed", error: { message: "boom" } }),
      ).toBe(true);
      await notifyStudyOutcome(
        tx,
        simulation,
        { status: "failed", message: "boom" },
        { email: false, features: featureDefaults(api.deps.settings) },
      );
    });

    await vi.waitFor(() => expect(mine.events).toHaveLength(1));
    expect(mine.events[0]).toMatchObject({
      notification: { title: "Short-circuit study failed", body: "Substation 7, version 1: boom" },
      unread: 1,
    });
    expect((await owner.client.trpc.notifications.list.query({})).items[0]).toMatchObject({
      kind: "study_failed",
      projectId: project.id,
      simulationId: simulation.id,
    });
    // Nothing for the colleague, nor from payloads that name nobody.
    await api.deps.database.sql`select pg_notify(${NOTIFICATION_CHANNEL}, 'not json')`;
    await notify(owner.user, "second");
    await vi.waitFor(() => expect(mine.events).toHaveLength(2));
    expect(theirs.events).toHaveLength(0);

    mine.unsubscribe();
    theirs.unsubscribe();
    await vi.waitFor(() => expect(listeners()).toBe(0));
  });

  it("resumes after lastEventId, sending what the client missed first", async () => {
    const { client, user } = await signUpCompany(api.url, "resume");
    const seen = await notify(user, "seen");
    await notify(user, "missed 1");
    await notify(user, "missed 2");
    const feed = live(client, String(seen.id));
    await vi.waitFor(() =>
      expect(feed.events.map((e) => e.notification.title)).toEqual(["missed 1", "missed 2"]),
    );
    expect(feed.events.map((e) => e.unread)).toEqual([3, 3]);
    feed.unsubscribe();
    await vi.waitFor(() => expect(listeners()).toBe(0));
  });

  it("catches up after the LISTEN connection dropped", async () => {
    const { user } = await signUpCompany(api.url, "relisten");
    const warnings: string[] = [];
    const log = { ...api.deps.log, warn: (message: string) => void warnings.push(message) };
    const hub = new NotificationHub(api.deps.database, log);
    const abort = new AbortController();
    try {
      const feed = liveNotifications(hub, db(), user, undefined, abort.signal);
      const next = feed.next();
      await vi.waitFor(() => expect(hub.listenerCount()).toBe(1));
      // Stored while the LISTEN connection drops: its NOTIFY reaches nobody. Only this test
      // database's listeners are dropped: other suites on the same server keep theirs.
      await db().transaction(async (tx) => {
        await notify(user, "lost", tx);
        await tx.execute(sql`
          select pg_terminate_backend(pid) from pg_stat_activity
          where query = ${`listen "${NOTIFICATION_CHANNEL}"`} and datname = current_database()
            and pid <> pg_backend_pid()`);
      });
      const [, event] = (await next).value ?? [];
      expect(event).toMatchObject({ notification: { title: "lost" }, unread: 1 });
      expect(warnings).toContain("notification LISTEN re-established");
    } finally {
      abort.abort();
      await hub.close();
    }
  });

  it("ends open feeds when the api closes, so shutdown does not wait on them", async () => {
    const other = await startTestApi();
    const { client } = await signUpCompany(other.url, "shutdown");
    const feed = live(client);
    await vi.waitFor(() => expect(other.deps.notifications.listenerCount()).toBe(1));
    await other.close();
    expect(other.deps.notifications.listenerCount()).toBe(0);
    await vi.waitFor(() => expect(feed.retryable).toEqual(["SERVICE_UNAVAILABLE"]));
    feed.unsubscribe();
  });
});

const detailed = async (url: string) => {
  const res = await fetch(`${url}/health/detailed`);
  return { code: res.status, body: detailedHealthSchema.parse(await res.json()) };
};

describe("/health/detailed: worker and SMTP", () => {
  it("reports no live worker as degraded, without failing the api, and a heartbeating one as ok", async () => {
    const before = await detailed(api.url);
    expect(before.code).toBe(200);
    expect(before.body.components.worker).toMatchObject({ status: "degraded", live_processes: 0 });
    expect(before.body.components.smtp).toBeUndefined();

    const [row] = await db()
      .insert(workerProcesses)
      .values({ id: crypto.randomUUID(), hostname: "test", pid: 1 })
      .returning();
    try {
      const { body } = await detailed(api.url);
      expect(body.components.worker).toMatchObject({
        status: "ok",
        live_processes: 1,
        last_heartbeat_at: row?.heartbeatAt.toISOString(),
        detail: expect.stringMatching(/^1 live process, last heartbeat \d+\.\d s ago, \d+ jobs running$/),
      });
    } finally {
      await db()
        .delete(workerProcesses)
        .where(eq(workerProcesses.id, row?.id ?? ""));
    }
  });

  it("probes the SMTP server when email is enabled: ok when it answers, an error when it is down", async () => {
    const smtp = new SMTPServer({ disabledCommands: ["STARTTLS", "AUTH"], logger: false });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const address = smtp.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const withEmail = await startTestApi({
      EMAIL_ENABLED: "true",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(port),
      SMTP_FROM: "AmpFlux <noreply@ampflux.test>",
    });
    try {
      const up = await detailed(withEmail.url);
      expect(up.code).toBe(200);
      expect(up.body.components.smtp).toMatchObject({ status: "ok", detail: `127.0.0.1:${port}` });

      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      const down = await detailed(withEmail.url);
      expect(down.code).toBe(503);
      expect(down.body.status).toBe("degraded");
      expect(down.body.components.smtp).toMatchObject({
        status: "error",
        detail: expect.stringMatching(/ECONNREFUSED/),
      });
    } finally {
      if (smtp.server.listening) await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await withEmail.close();
    }
  });
});
