// Horizontal scale with real processes, as operators run it (issue 22): two api processes and two
// worker processes (`node src/main.ts`, free ports) on one Postgres database and one Redis.
// Sessions, study progress (LISTEN/NOTIFY), the job queue and session revocation must all work
// whichever process a request reaches; an api or worker stopped with SIGTERM loses nothing.
// Studies are case118 (MATPOWER) batch studies, sized to run for seconds on a loaded machine.

import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { importMatpower } from "@ampflux/contracts/importers";
import { createDb, type DbClient, licenses, simulations } from "@ampflux/db";
import { createTestDatabase, type TestDatabase, testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { eq, inArray } from "drizzle-orm";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../src/client.ts";
import {
  expectTrpcError,
  sameSession,
  signUpCompany,
  type TestClient,
  testClient,
  WEB_ORIGIN,
} from "./helpers.ts";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const workerDir = fileURLToPath(new URL("../../worker", import.meta.url));
const CASE118 = new URL("../../../../shared/data/matpower/case118.m", import.meta.url);

/** A process of the deployment; `output` is everything it printed so far. */
interface Instance {
  name: string;
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

const instances: Instance[] = [];

function launch(name: string, cwd: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const instance = { name, child, output: () => text, exit };
  instances.push(instance);
  return instance;
}

/** Waits until the instance printed `pattern`; fails at once if it exited instead. */
async function printed(instance: Instance, pattern: RegExp, timeoutMs = 240_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = instance.output().match(pattern);
    if (match) return match;
    if (instance.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${instance.name} did not print ${pattern}:\n${instance.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then the exit code and how long the process took to exit. */
async function terminate(instance: Instance): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  instance.child.kill("SIGTERM");
  const code = await instance.exit;
  return { code, ms: Date.now() - started };
}

let database: TestDatabase;
let db: DbClient;
/** One deployment: both apis share the Redis key prefix, unique to this run. */
let sharedEnv: Record<string, string>;

async function startApiProcess(name: string) {
  const api = launch(name, apiDir, {
    ...sharedEnv,
    REDIS_URL: testRedisUrl(),
    API_HOST: "127.0.0.1",
    API_PORT: "0",
    LOG_LEVEL: "info",
    CORS_ORIGINS: WEB_ORIGIN,
    // Every study is queued for the workers, none runs inline in the api.
    SIM_INLINE_MAX_BUSES: "0",
    // Far above a clean stop, so the test tells a drained stop from one that waited for the bound.
    API_SHUTDOWN_TIMEOUT_MS: "30000",
    LOGIN_MAX_PER_IP: "100000",
  });
  const [, url] = await printed(api, /"message":"api listening","url":"(http:\/\/[^"]+)"/);
  return { ...api, url: url ?? "", port: Number(new URL(url ?? "").port) };
}

async function startWorkerProcess(name: string) {
  const worker = launch(name, workerDir, {
    ...sharedEnv,
    WORKER_CONCURRENCY: "1",
    WORKER_HEARTBEAT_MS: "500",
    // No worker here dies uncleanly, so none may be reaped: a live worker starved of CPU on a
    // loaded 2-core CI machine was, and its job ran twice (a client saw progress go back to 0).
    WORKER_DEAD_AFTER_MS: "30000",
    // Long enough for any study here to finish: a SIGTERM then loses nothing and re-runs nothing.
    WORKER_SHUTDOWN_TIMEOUT_MS: "180000",
    LOG_LEVEL: "info",
  });
  await printed(worker, /worker connected/);
  return worker;
}

/**
 * A load balancer in front of the apis, as a TCP proxy: each connection goes to the first api that
 * accepts it, in the given order. Counts the connections each api received.
 */
async function failoverProxy(ports: number[]) {
  const connections = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once("close", () => sockets.delete(client));
    const tryPort = (index: number) => {
      const port = ports[index];
      if (port === undefined) return client.destroy();
      const upstream = net.connect(port, "127.0.0.1");
      let connected = false;
      // Refused (that api is down): the next one; a connection that broke: the client's too.
      upstream.once("error", () => (connected ? client.destroy() : tryPort(index + 1)));
      upstream.once("connect", () => {
        connected = true;
        connections.set(port, (connections.get(port) ?? 0) + 1);
        client.pipe(upstream).pipe(client);
        upstream.once("close", () => client.destroy());
        client.once("close", () => upstream.destroy());
      });
    };
    client.on("error", () => {});
    tryPort(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    connectionsTo: (port: number) => connections.get(port) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * The `eventsource` package's EventSource, which reconnects like a browser's, sending the tRPC
 * link's headers (session cookie, Origin) on every connection.
 */
class ReconnectingEventSource extends EventSource {
  constructor(url: string, init: { headers?: Record<string, string> } = {}) {
    super(url, {
      fetch: (input, request) =>
        fetch(input, { ...request, headers: { ...request?.headers, ...init.headers } }),
    });
  }
}

type ProgressEvent = { status: string; progress: number };

/** Follows a study's progress until the stream ends; `retryable` lists errors the link retried. */
function follow(client: TestClient, input: { projectId: string; simulationId: string }) {
  const events: ProgressEvent[] = [];
  const retryable: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.trpc.simulations.progress.subscribe(input, {
      onData: ({ status, progress }) => events.push({ status, progress }),
      onConnectionStateChange: (state) => {
        const code = state.error?.data?.code;
        if (code) retryable.push(code);
      },
      onError: reject,
      onComplete: resolve,
    });
  });
  done.catch(() => {});
  return { events, retryable, done };
}

/** What a client following a study must see: a single run, progress never going back, success. */
function expectOneRunToSuccess(events: ProgressEvent[]) {
  expect(events.at(-1)).toEqual({ status: "succeeded", progress: 1 });
  const progress = events.map((e) => e.progress);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(events.filter((e) => e.status === "succeeded")).toHaveLength(1);
}

let apiA: Awaited<ReturnType<typeof startApiProcess>>;
let apiB: Awaited<ReturnType<typeof startApiProcess>>;
const workers: Instance[] = [];
/** A company licensed for batch studies, its project with case118 as version 1, and its admin. */
let owner: Awaited<ReturnType<typeof signUpCompany>>;
let projectId: string;
const queued: string[] = [];

/** API processes on this database whose LISTEN connection is up (src/auth/peer-barrier.ts). */
async function listeningApis(): Promise<number> {
  const [row] = await db.sql<{ count: number }[]>`
    select count(distinct application_name)::int as count from pg_stat_activity
    where datname = current_database() and application_name like 'ampflux-api/%'
      and query ilike 'listen %'`;
  return row?.count ?? 0;
}

/** Queues a batch study through the client's api; `k` makes its contingency list (and job) unique. */
async function queueBatch(client: TestClient, k: number, contingencies = 120) {
  const document = importMatpower(await readFile(CASE118, "utf8")).document;
  const ids = Array.from(
    { length: contingencies },
    (_, i) => document.lines[(i + k) % document.lines.length]?.id ?? "",
  );
  const run = await client.trpc.simulations.run.mutate({
    projectId,
    version: 1,
    study: {
      kind: "batch_study",
      options: { faults: ["3ph", "1ph"], cases: ["max", "min"], contingencies: ids },
    },
  });
  expect(run).toMatchObject({ status: "queued", cached: false });
  queued.push(run.id);
  return run.id;
}

/** A client of `apiUrl` holding the owner's session, as the same browser behind a balancer would. */
function ownerOn(apiUrl: string): TestClient {
  return sameSession(apiUrl, owner.client);
}

beforeAll(async () => {
  database = await createTestDatabase("multi");
  db = createDb(database.url);
  sharedEnv = { DATABASE_URL: database.url, REDIS_KEY_PREFIX: testKeyPrefix("multi") };
  // One api first: it migrates graphile-worker's schema, which the others then find in place.
  apiA = await startApiProcess("api A");
  const [b, ...started] = await Promise.all([
    startApiProcess("api B"),
    startWorkerProcess("worker 1"),
    startWorkerProcess("worker 2"),
  ]);
  apiB = b;
  workers.push(...started);
  owner = await signUpCompany(apiA.url, "multi");
  // What the operator's licence command sets; no api procedure grants it.
  await db.db
    .update(licenses)
    .set({ batchStudies: true })
    .where(eq(licenses.companyId, owner.user.companyId));
  projectId = (await owner.client.trpc.projects.create.mutate({ name: "Scale-out" })).id;
  const document = importMatpower(await readFile(CASE118, "utf8")).document;
  await owner.client.trpc.circuits.save.mutate({ projectId, baseVersion: null, document });
  // Generous: on a busy shared 2-core machine a process has taken over a minute to start.
}, 600_000);

afterAll(async () => {
  for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
  await Promise.all(instances.map((i) => i.exit));
  await db?.close();
  await database?.drop();
});

describe("two apis and two workers on one database", () => {
  it("accepts on api B a session created on api A", async () => {
    const onB = ownerOn(apiB.url);
    expect((await onB.trpc.auth.me.query())?.user.email).toBe(owner.email);
    const project = await onB.trpc.projects.create.mutate({ name: "made through B" });
    const listed = await owner.client.trpc.projects.list.query({});
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(project.id);
  });

  it("refuses on api B, at its next request, a session logged out through api A", async () => {
    const { client, email } = await signUpCompany(apiA.url, "revoked");
    const token = client.cookie();
    const onB = testClient(apiB.url);
    onB.setCookie(token);
    // B has now seen the session valid (and may have cached it).
    expect((await onB.trpc.auth.me.query())?.user.email).toBe(email);
    await client.trpc.auth.logOut.mutate();
    expect(await onB.trpc.auth.me.query()).toBeNull();
    onB.setCookie(token);
    await expectTrpcError(onB.trpc.projects.list.query({}), "UNAUTHORIZED");
    // And A, where it was revoked.
    const onA = testClient(apiA.url);
    onA.setCookie(token);
    await expectTrpcError(onA.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("holds a logout through api A until api B, stopped meanwhile, has dropped the session", async () => {
    const { client, email } = await signUpCompany(apiA.url, "held");
    const onB = sameSession(apiB.url, client);
    expect((await onB.trpc.auth.me.query())?.user.email).toBe(email);
    // A's barrier waits for the apis whose LISTEN connection pg_stat_activity shows: both here.
    await vi.waitFor(async () => expect(await listeningApis()).toBe(2), { timeout: 20_000, interval: 100 });
    const logSoFar = apiA.output().length;
    apiB.child.kill("SIGSTOP");
    let answered = false;
    const logOut = client.trpc.auth.logOut.mutate().then(() => {
      answered = true;
    });
    try {
      // B can neither read the NOTIFY nor acknowledge it: A must not answer yet.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(answered).toBe(false);
    } finally {
      apiB.child.kill("SIGCONT");
    }
    await logOut;
    // Answered on B's acknowledgement, not on the barrier's time bound.
    expect(apiA.output().slice(logSoFar)).not.toContain("barrier timed out");
    expect(await onB.trpc.auth.me.query()).toBeNull();
  });

  it("runs a study queued through api A on a worker and streams its progress to a client of api B", async () => {
    const simulationId = await queueBatch(owner.client, 0);
    const watcher = follow(ownerOn(apiB.url), { projectId, simulationId });
    await watcher.done;
    expectOneRunToSuccess(watcher.events);
    // The worker's events went through the database to B: the client saw the study run.
    expect(watcher.events.some((e) => e.status === "running" && e.progress > 0 && e.progress < 1)).toBe(true);
    expect(watcher.retryable).toEqual([]);
  }, 180_000);

  it("moves a client streaming from api A to api B when A is stopped, up to the study's success", async () => {
    const proxy = await failoverProxy([apiA.port, apiB.port]);
    try {
      const simulationId = await queueBatch(owner.client, 1, 400);
      const client = createApiClient({
        url: proxy.url,
        origin: WEB_ORIGIN,
        session: { token: owner.client.cookie() },
        EventSource: ReconnectingEventSource,
      });
      const watcher = follow(
        { trpc: client, cookie: () => undefined, setCookie: () => {} },
        {
          projectId,
          simulationId,
        },
      );
      // Mid-study: it has made progress and has more to make.
      await vi.waitFor(() => expect(watcher.events.at(-1)?.progress).toBeGreaterThan(0), {
        timeout: 120_000,
        interval: 50,
      });
      expect(watcher.events.at(-1)?.status).toBe("running");
      expect(proxy.connectionsTo(apiA.port)).toBeGreaterThan(0);
      expect(proxy.connectionsTo(apiB.port)).toBe(0);

      const stopped = await terminate(apiA);
      expect(stopped.code).toBe(0);
      // Its stream was ended, not waited for: well within the 30 s bound (the study runs on).
      expect(stopped.ms).toBeLessThan(20_000);
      expect(apiA.output()).not.toContain("cut off");
      expect(apiA.output()).toContain('"message":"api stopped"');

      await Promise.race([
        watcher.done,
        new Promise((_, reject) =>
          setTimeout(() => {
            const state = { events: watcher.events.slice(-3), retryable: watcher.retryable };
            const counts = { a: proxy.connectionsTo(apiA.port), b: proxy.connectionsTo(apiB.port) };
            reject(new Error(`the stream did not end: ${JSON.stringify({ ...state, ...counts })}`));
          }, 300_000),
        ),
      ]);
      // The link was told to reconnect, did so through the balancer to B, and followed to the end.
      expect(watcher.retryable).toContain("SERVICE_UNAVAILABLE");
      expect(proxy.connectionsTo(apiB.port)).toBeGreaterThan(0);
      expectOneRunToSuccess(watcher.events);
    } finally {
      await proxy.close();
    }
  }, 480_000);

  it("loses no job while the workers are restarted one at a time, and runs each exactly once", async () => {
    const client = ownerOn(apiB.url);
    const batch: string[] = [];
    // Jobs of some seconds each (1,000 outages × 4 studies of case118): with 120 outages a warm
    // worker finished each in 0.2–0.5 s, often before the next was queued, and both workers were
    // seldom seen busy at once.
    for (let k = 2; k < 8; k++) batch.push(await queueBatch(client, k, 1_000));
    const running = async () =>
      (await db.db.select().from(simulations).where(inArray(simulations.id, batch))).filter(
        (row) => row.status === "running",
      ).length;
    // Both workers busy, the rest queued: then each worker is stopped and started again in turn.
    await vi.waitFor(async () => expect(await running()).toBe(2), { timeout: 120_000, interval: 100 });
    for (const [index, name] of [
      [0, "worker 1 (restarted)"],
      [1, "worker 2 (restarted)"],
    ] as const) {
      const old = workers[index];
      if (!old) throw new Error("no worker to restart");
      const stopped = await terminate(old);
      expect(stopped.code).toBe(0);
      // Graceful: the job it was running finished before it exited, none was handed back.
      expect(old.output()).toContain("worker stopped\n");
      workers[index] = await startWorkerProcess(name);
    }

    await vi.waitFor(
      async () => {
        const rows = await db.db.select().from(simulations).where(inArray(simulations.id, queued));
        expect(rows.map((r) => r.status)).toEqual(queued.map(() => "succeeded"));
      },
      { timeout: 240_000, interval: 250 },
    );
    // Every batch study of this file ran to success exactly once, over all worker processes.
    // graphile-worker prints "Completed task" after the task has stored its result, and then
    // deletes the job: a study can read as succeeded a moment before its line reaches this
    // process through the pipe, and its job row be gone a moment after.
    const batchCompletions = () =>
      instances
        .filter((i) => i.name.startsWith("worker"))
        .flatMap((i) => [...i.output().matchAll(/Completed task (\d+) \(batch_study\b/g)].map((m) => m[1]));
    const completions = await vi.waitFor(
      () => {
        const found = batchCompletions();
        expect(found).toHaveLength(queued.length);
        return found;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(new Set(completions).size).toBe(queued.length);
    const failures = instances.flatMap((i) => i.output().match(/Failed task \d+ \(batch_study/g) ?? []);
    expect(failures).toEqual([]);
    // And no live worker was taken for dead (its job would have been run again).
    expect(instances.flatMap((i) => i.output().match(/reaped worker process.*/g) ?? [])).toEqual([]);
    await vi.waitFor(
      async () => {
        const left = await db.sql<{ n: number }[]>`
          select count(*)::int as n from graphile_worker._private_jobs where task_id in
            (select id from graphile_worker._private_tasks where identifier = 'batch_study')`;
        expect(left[0]?.n).toBe(0);
      },
      { timeout: 30_000, interval: 100 },
    );
  }, 420_000);
});
