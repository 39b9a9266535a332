import {
  claimSimulation,
  type Executor,
  finishSimulation,
  notifyProgress,
  reportProgress,
} from "@ampflux/db";
import { sql as drizzleSql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningApi } from "../src/server.ts";
import { ProgressHub, watchProgress } from "../src/simulations/progress.ts";
import { expectTrpcError, signUpCompany, startTestApi, type TestClient } from "./helpers.ts";
import { savedProject } from "./networks.ts";

/** Queues every study (no inline budget) and no worker runs: the test plays the worker. */
let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi({ SIM_INLINE_MAX_BUSES: "0" });
});
afterAll(() => api?.close());

const study = { kind: "short_circuit" as const, options: { fault: "3ph" as const } };

/** A queued study of a new project. */
async function queuedStudy(url = api.url) {
  const saved = await savedProject(url, "progress");
  const run = await saved.owner.client.trpc.simulations.run.mutate({
    projectId: saved.projectId,
    version: 1,
    study,
  });
  expect(run.status).toBe("queued");
  return { ...saved, simulationId: run.id };
}

/** Subscribes to a study's progress over SSE; `done` settles when the stream ends. */
function watch(client: TestClient, input: { projectId: string; simulationId: string }) {
  const events: Array<{ status: string; progress: number; message: string | null }> = [];
  /** Errors after which the link would reconnect (it says so through the connection state). */
  const retryable: string[] = [];
  let subscription: { unsubscribe(): void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    subscription = client.trpc.simulations.progress.subscribe(input, {
      onData: ({ status, progress, message }) => events.push({ status, progress, message }),
      onConnectionStateChange: (state) => {
        const code = state.error?.data?.code;
        if (code) retryable.push(code);
      },
      onError: reject,
      onComplete: resolve,
    });
  });
  done.catch(() => {}); // awaited by the tests that expect it to end
  return { events, retryable, done, unsubscribe: () => subscription?.unsubscribe() };
}

const listeners = () => api.deps.progress.listenerCount();

/** The worker's last step, played here: the study is stored as succeeded, then announced. */
async function succeed(db: Executor, projectId: string, simulationId: string) {
  expect(await finishSimulation(db, simulationId, { status: "succeeded", result: {}, timings: {} })).toBe(
    true,
  );
  await notifyProgress(db, { simulationId, projectId, status: "succeeded", progress: 1, message: null });
}

describe("simulations.progress", () => {
  it("streams a queued study's state, then the worker's events, and ends when it succeeds", async () => {
    const { owner, viewer, projectId, simulationId } = await queuedStudy();
    const watcher = watch(viewer.client, { projectId, simulationId });
    // The current row comes first, so a late subscriber sees where the study is.
    await vi.waitFor(() => expect(watcher.events).toHaveLength(1));
    expect(watcher.events[0]).toEqual({ status: "queued", progress: 0, message: null });
    expect(listeners()).toBe(1);

    // The worker, played here: claim, report progress, store the result and say so.
    const db = api.deps.database.db;
    expect(await claimSimulation(db, simulationId)).toBe(true);
    expect(await reportProgress(db, { id: simulationId, projectId }, 0.5, "solving")).toBe(true);
    await succeed(db, projectId, simulationId);

    await watcher.done;
    expect(watcher.events).toEqual([
      { status: "queued", progress: 0, message: null },
      { status: "running", progress: 0.5, message: "solving" },
      { status: "succeeded", progress: 1, message: null },
    ]);
    await vi.waitFor(() => expect(listeners()).toBe(0));

    // A finished study: its final state, and the stream ends at once.
    const late = watch(owner.client, { projectId, simulationId });
    await late.done;
    expect(late.events).toEqual([{ status: "succeeded", progress: 1, message: null }]);
  });

  it("takes no step back for an older state whose NOTIFY arrives after the row was sent", async () => {
    const { owner, projectId, simulationId } = await queuedStudy();
    const db = api.deps.database.db;
    expect(await claimSimulation(db, simulationId)).toBe(true);
    expect(await reportProgress(db, { id: simulationId, projectId }, 0.5, "solving")).toBe(true);
    const watcher = watch(owner.client, { projectId, simulationId });
    await vi.waitFor(() => expect(watcher.events).toHaveLength(1));
    // What a LISTEN connection that lagged behind the read would still deliver: older states.
    await notifyProgress(db, {
      simulationId,
      projectId,
      status: "running",
      progress: 0.2,
      message: "earlier",
    });
    await notifyProgress(db, { simulationId, projectId, status: "queued", progress: 0, message: null });
    expect(await reportProgress(db, { id: simulationId, projectId }, 0.7, "solving on")).toBe(true);
    await succeed(db, projectId, simulationId);
    await watcher.done;
    expect(watcher.events).toEqual([
      { status: "running", progress: 0.5, message: "solving" },
      { status: "running", progress: 0.7, message: "solving on" },
      { status: "succeeded", progress: 1, message: null },
    ]);
  });

  it("ignores other studies' events and payloads that are not progress events", async () => {
    const { owner, projectId, simulationId } = await queuedStudy();
    const watcher = watch(owner.client, { projectId, simulationId });
    await vi.waitFor(() => expect(watcher.events).toHaveLength(1));
    const db = api.deps.database.db;
    const other = "00000000-0000-4000-8000-000000000000";
    await notifyProgress(db, {
      simulationId: other,
      projectId,
      status: "failed",
      progress: 1,
      message: null,
    });
    await api.deps.database.sql`select pg_notify('simulation_progress', 'not json')`;
    await api.deps.database.sql`select pg_notify('simulation_progress', ${JSON.stringify({ simulationId })})`;
    expect(await claimSimulation(db, simulationId)).toBe(true);
    expect(await finishSimulation(db, simulationId, { status: "failed", error: { message: "boom" } })).toBe(
      true,
    );
    await notifyProgress(db, { simulationId, projectId, status: "failed", progress: 1, message: null });
    await watcher.done;
    expect(watcher.events.map((e) => e.status)).toEqual(["queued", "failed"]);
  });

  it("refuses users of another company with NOT_FOUND, whichever project they name", async () => {
    const { projectId, simulationId } = await queuedStudy();
    const stranger = await signUpCompany(api.url, "progress-stranger");
    await expectTrpcError(watch(stranger.client, { projectId, simulationId }).done, "NOT_FOUND");
    // The study's id through the stranger's own project: the row check refuses it.
    const own = await stranger.client.trpc.projects.create.mutate({ name: "Own" });
    await expectTrpcError(watch(stranger.client, { projectId: own.id, simulationId }).done, "NOT_FOUND");
    await vi.waitFor(() => expect(listeners()).toBe(0));
  });

  it("stops listening when the client unsubscribes mid-way", async () => {
    const { owner, projectId, simulationId } = await queuedStudy();
    const first = watch(owner.client, { projectId, simulationId });
    const second = watch(owner.client, { projectId, simulationId });
    await vi.waitFor(() => expect(first.events.length + second.events.length).toBe(2));
    expect(listeners()).toBe(2);
    first.unsubscribe();
    await vi.waitFor(() => expect(listeners()).toBe(1));
    // The other subscription of the same study goes on.
    const db = api.deps.database.db;
    expect(await claimSimulation(db, simulationId)).toBe(true);
    expect(await reportProgress(db, { id: simulationId, projectId }, 0.25, "building")).toBe(true);
    await vi.waitFor(() => expect(second.events).toHaveLength(2));
    expect(first.events).toHaveLength(1);
    second.unsubscribe();
    await vi.waitFor(() => expect(listeners()).toBe(0));
  });

  it("re-listens after the LISTEN connection dropped, and catches up on what it missed", async () => {
    const { projectId, simulationId } = await queuedStudy();
    const warnings: string[] = [];
    const log = { ...api.deps.log, warn: (message: string) => void warnings.push(message) };
    // No periodic resync during the test: only the one after re-listening can catch up.
    const hub = new ProgressHub(api.deps.database, log, 3_600_000);
    const abort = new AbortController();
    const { db } = api.deps.database;
    try {
      const events = watchProgress(hub, db, projectId, simulationId, abort.signal);
      expect((await events.next()).value).toMatchObject({ status: "queued" });
      // The worker moves on while the LISTEN connection drops: its NOTIFY, sent at commit, reaches
      // nobody. Only this file subscribes in this test database, so the only LISTEN on the channel
      // here is this api's; other suites running on the same server listen in their own databases.
      await db.transaction(async (tx) => {
        expect(await claimSimulation(tx, simulationId)).toBe(true);
        expect(await reportProgress(tx, { id: simulationId, projectId }, 0.5, "solving")).toBe(true);
        const dropped = await tx.execute<{ dropped: boolean }>(drizzleSql`
          select pg_terminate_backend(pid) as dropped from pg_stat_activity
          where query = 'listen "simulation_progress"' and datname = current_database()
            and pid <> pg_backend_pid()`);
        expect(dropped.map((row) => row.dropped)).toEqual([true]);
      });
      expect((await events.next()).value).toMatchObject({
        status: "running",
        progress: 0.5,
        message: "solving",
      });
      expect(warnings).toContain("progress LISTEN re-established");
      // NOTIFYs arrive again.
      await succeed(db, projectId, simulationId);
      expect((await events.next()).value).toMatchObject({ status: "succeeded", progress: 1 });
      expect((await events.next()).done).toBe(true);
      expect(hub.listenerCount()).toBe(0);
    } finally {
      abort.abort();
      await hub.close();
    }
  });

  it("serves the stream uncompressed, so each event reaches the browser at once", async () => {
    const { owner, projectId, simulationId } = await queuedStudy();
    await owner.client.trpc.simulations.cancel.mutate({ projectId, simulationId });
    const input = encodeURIComponent(JSON.stringify({ json: { projectId, simulationId } }));
    const res = await fetch(`${api.url}/trpc/simulations.progress?input=${input}`, {
      headers: { cookie: `ampflux_session=${owner.client.cookie()}`, "accept-encoding": "gzip, deflate" },
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("content-encoding")).toBeNull();
    // A cancelled study is finished: its state, then the end of the stream.
    const body = await res.text();
    expect(body).toContain('"status":"cancelled"');
    expect(body).toContain("event: return");
  });

  it("catches up at the next resync on changes that sent no NOTIFY (a cancel)", async () => {
    const { owner, projectId, simulationId } = await queuedStudy();
    const hub = new ProgressHub(api.deps.database, api.deps.log, 50);
    const abort = new AbortController();
    try {
      const states: string[] = [];
      for await (const event of watchProgress(
        hub,
        api.deps.database.db,
        projectId,
        simulationId,
        abort.signal,
      )) {
        states.push(event.status);
        if (event.status === "queued")
          await owner.client.trpc.simulations.cancel.mutate({ projectId, simulationId });
      }
      expect(states).toEqual(["queued", "cancelled"]);
      expect(hub.listenerCount()).toBe(0);
    } finally {
      abort.abort();
      await hub.close();
    }
  });

  it("ends open subscriptions when the api closes, so shutdown does not wait on them", async () => {
    const other = await startTestApi({ SIM_INLINE_MAX_BUSES: "0" });
    let closed = false;
    try {
      const { owner, projectId, simulationId } = await queuedStudy(other.url);
      const watcher = watch(owner.client, { projectId, simulationId });
      await vi.waitFor(() => expect(watcher.events).toHaveLength(1));
      expect(other.deps.progress.listenerCount()).toBe(1);
      await other.close();
      closed = true;
      expect(other.deps.progress.listenerCount()).toBe(0);
      // A retryable error and no "return" event: a browser's EventSource reconnects, to another instance.
      await vi.waitFor(() => expect(watcher.retryable).toEqual(["SERVICE_UNAVAILABLE"]));
      await expect(watcher.done).rejects.toThrow();
    } finally {
      if (!closed) await other.close();
    }
  });
});
