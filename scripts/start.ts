// `pnpm start` (and `pnpm dev` with --dev): runs api + worker + web together on one machine.
// Without DATABASE_URL it starts an embedded Postgres whose data lives in .data/postgres;
// without REDIS_URL the apps use their in-process cache. Ctrl-C, or SIGTERM/SIGINT sent to this
// process's id (`./run start` execs it, so that is the id it was started with), stops everything:
// each child drains (docs/operations.md#production-mode), then the embedded Postgres stops.

import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadDotEnv, parseSettings, portSchema, postgresUrlSchema, SettingsError } from "@ampflux/contracts";
import { migrateDatabase, redactUrl } from "@ampflux/db";
import {
  type RunningPostgres,
  SHARED_ROOT,
  startEmbeddedPostgres,
  traversableByOthers,
} from "@ampflux/db/embedded";
import postgres from "postgres";
import { z } from "zod";

const root = fileURLToPath(new URL("..", import.meta.url));
const dev = process.argv.includes("--dev");

const startSettingsSchema = z.object({
  DATABASE_URL: postgresUrlSchema.optional(),
  API_PORT: portSchema.default(3001),
  WEB_PORT: portSchema.default(5173),
  EMBEDDED_PG_PORT: portSchema.default(54329),
  DATA_DIR: z.string().default(defaultDataDir()),
});

/**
 * `.data` in the checkout. As root, Postgres runs as the `postgres` user, which cannot enter a
 * checkout under a private folder such as /root; the data then lives in /var/lib/ampflux instead.
 */
function defaultDataDir(): string {
  if (process.getuid?.() !== 0 || traversableByOthers(root)) return path.join(root, ".data");
  return path.join(SHARED_ROOT, createHash("sha256").update(root).digest("hex").slice(0, 12));
}

function fail(message: string): never {
  console.error(`ampflux: ${message}`);
  process.exit(1);
}

async function checkReachable(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    fail(
      `DATABASE_URL (${redactUrl(url)}) is unreachable: ${error instanceof Error ? error.message : error}`,
    );
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function openDatabase(settings: z.infer<typeof startSettingsSchema>) {
  if (settings.DATABASE_URL) {
    await checkReachable(settings.DATABASE_URL);
    return { url: settings.DATABASE_URL, embedded: undefined };
  }
  const dataDir = path.join(settings.DATA_DIR, "postgres");
  try {
    const embedded = await startEmbeddedPostgres({ dataDir, port: settings.EMBEDDED_PG_PORT });
    console.log(`ampflux: embedded Postgres on 127.0.0.1:${settings.EMBEDDED_PG_PORT}, data in ${dataDir}`);
    return { url: embedded.url, embedded };
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim() : String(error);
    fail(
      `embedded Postgres (port ${settings.EMBEDDED_PG_PORT}, data in ${dataDir}) did not start: ${reason}`,
    );
  }
}

function resolveViteBin(): string {
  const requireFromWeb = createRequire(path.join(root, "apps/web/package.json"));
  return path.join(path.dirname(requireFromWeb.resolve("vite/package.json")), "bin/vite.js");
}

/** Children whose stdout and stderr have ended (every line of theirs has been passed on). */
const outputClosed = new WeakSet<ChildProcess>();

/** Spawns a child whose output lines are prefixed with its name. */
function launch(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group: a terminal's Ctrl-C reaches only this supervisor, which stops children in order.
  const child = spawn(process.execPath, args, {
    cwd: path.join(root, cwd),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(`[${name}] ${line}\n`);
  };
  child.once("close", () => outputClosed.add(child));
  child.stdout?.on("data", prefix(process.stdout));
  child.stderr?.on("data", prefix(process.stderr));
  return child;
}

/**
 * Settles true once `child` prints a line containing `text`, false if it ends first or the
 * timeout passes. Call it right after launching, so an early line is not missed.
 */
function lineSeen(child: ChildProcess, text: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let pending = "";
    const settle = (seen: boolean) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      resolve(seen);
    };
    const onData = (chunk: Buffer) => {
      // A line may arrive split across chunks: keep the unfinished tail.
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      if (lines.some((line) => line.includes(text))) settle(true);
    };
    const onExit = () => settle(false);
    const timer = setTimeout(() => settle(false), timeoutMs);
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * Settles on the first SIGINT or SIGTERM. Listening from the start means a signal during the
 * database's start or migration is not lost: supervision stops everything once it begins.
 */
const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
  process.once("SIGINT", () => resolve("SIGINT"));
  process.once("SIGTERM", () => resolve("SIGTERM"));
});

async function main(): Promise<void> {
  loadDotEnv(path.join(root, ".env"));
  let settings: z.infer<typeof startSettingsSchema>;
  try {
    settings = parseSettings(startSettingsSchema);
  } catch (error) {
    fail(error instanceof SettingsError ? error.message : String(error));
  }
  const database = await openDatabase(settings);
  try {
    await migrateDatabase(database.url);
  } catch (error) {
    fail(`migrating ${redactUrl(database.url)} failed: ${error instanceof Error ? error.message : error}`);
  }

  const apiUrl = `http://127.0.0.1:${settings.API_PORT}`;
  const webUrl = `http://127.0.0.1:${settings.WEB_PORT}`;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    API_PORT: String(settings.API_PORT),
    WEB_PORT: String(settings.WEB_PORT),
    API_URL: apiUrl,
    CORS_ORIGINS: process.env.CORS_ORIGINS ?? `${webUrl},http://localhost:${settings.WEB_PORT}`,
  };
  const worker = launch("worker", ["src/main.ts"], "apps/worker", env);
  const workerReady = lineSeen(worker, WORKER_READY_LINE, 120_000);
  const children = [
    launch("api", ["src/main.ts"], "apps/api", env),
    worker,
    launch("web", [resolveViteBin(), ...(dev ? [] : ["preview"])], "apps/web", env),
  ];
  const stopAll = superviseUntilSignal(children, database.embedded);

  // "Running" means all three are: the api and the web server answer, and the worker has taken its
  // place on the job queue. Before that, a stop would find the worker still loading, with no drain
  // in place yet.
  const ready =
    (await waitForHttp(`${apiUrl}/health`, 60_000)) &&
    (await waitForHttp(webUrl, 60_000)) &&
    (await workerReady);
  if (!ready) {
    console.error(
      "ampflux: the api, the worker or the web server did not come up in time (see the lines above)",
    );
    return stopAll(1);
  }
  console.log(`\nAmpFlux is running: open ${webUrl}  (api ${apiUrl}; Ctrl-C stops everything)\n`);
}

/** The line the worker prints once it is connected to the job queue (apps/worker/src/main.ts). */
const WORKER_READY_LINE = "worker connected to the job queue";

/**
 * How long a child may drain after SIGTERM before it is killed: above the api's and the worker's
 * own bounds (API_SHUTDOWN_TIMEOUT_MS 10 s, WORKER_SHUTDOWN_TIMEOUT_MS 20 s by default).
 */
const CHILD_STOP_TIMEOUT_MS = 40_000;

/** Signals a child's whole process group (it leads one: spawned detached), grandchildren included. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Stops all children and the embedded Postgres on a signal, or when any child dies. */
function superviseUntilSignal(
  children: ChildProcess[],
  embedded: RunningPostgres | undefined,
): (code: number) => Promise<void> {
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exited = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => signalGroup(child, "SIGKILL"), CHILD_STOP_TIMEOUT_MS);
          const done = () => {
            clearTimeout(timer);
            // What the child left behind in its group (a grandchild) goes with it.
            signalGroup(child, "SIGKILL");
            // "exit" can come before the child's last output lines are read ("worker stopped"):
            // wait until its pipes are drained (at once, normally; its group is killed, so nothing
            // else holds them), or at most 10 s on a machine too busy to read them sooner.
            if (outputClosed.has(child)) return resolve();
            child.once("close", () => resolve());
            setTimeout(resolve, 10_000).unref();
          };
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", done);
          signalGroup(child, "SIGTERM");
        }),
    );
    await Promise.all(exited);
    await embedded?.stop();
    process.exit(code);
  };
  for (const child of children) {
    child.once("exit", (exitCode, signal) => {
      if (stopping) return;
      console.error(`ampflux: a process stopped (${signal ?? `exit code ${exitCode}`}); stopping the rest`);
      void stopAll(1);
    });
  }
  void stopRequested.then(() => stopAll(0));
  return stopAll;
}

// Whatever goes wrong ends in one line that says what, never a stack trace.
await main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
