import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import { createApiClient } from "@ampflux/api/client";
import { testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { inject } from "vitest";
import { main } from "../src/main.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const WEB_ORIGIN = "http://localhost:5173";

/** A real api on a free loopback port, against the run's test database and real Redis. */
export function startTestApi(env: Record<string, string> = {}): Promise<RunningApi> {
  return startApi(
    loadApiSettings({
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix("cli"),
      API_PORT: "0",
      LOG_LEVEL: "error",
      CORS_ORIGINS: WEB_ORIGIN,
      ...env,
    }),
  );
}

/** Signs up a new company as the web app does and returns an API key of its admin. */
export async function newCompanyKey(apiUrl: string, label: string): Promise<string> {
  const trpc = createApiClient({ url: apiUrl, origin: WEB_ORIGIN });
  await trpc.auth.signUp.mutate({
    email: `${label}-${randomBytes(4).toString("hex")}@example.com`,
    password: "correct horse battery",
    name: `${label} user`,
    companyName: `${label} company`,
  });
  return (await trpc.apiKeys.create.mutate({ name: "cli" })).key;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where the api is, its key, and the directory relative paths are typed in (pnpm's INIT_CWD). */
export interface CliSettings {
  url?: string;
  apiKey?: string;
  cwd?: string;
}

/** This process's environment with only the given AMPFLUX_* settings. */
function cliEnv({ url, apiKey, cwd }: CliSettings): NodeJS.ProcessEnv {
  const { AMPFLUX_URL: _url, AMPFLUX_API_KEY: _key, ...inherited } = process.env;
  return {
    ...inherited,
    ...(url && { AMPFLUX_URL: url }),
    ...(apiKey && { AMPFLUX_API_KEY: apiKey }),
    ...(cwd && { INIT_CWD: cwd }),
  };
}

/** A command running in this process: its output so far, and its end. */
export interface RunningCli {
  stdout(): string;
  stderr(): string;
  done: Promise<CliRun>;
}

/**
 * Starts `ampflux …` in this process: main() with its output captured. A child process would load
 * and type-strip the whole import graph again for every call, which on a busy machine takes
 * seconds; the entry point itself is covered by spawnCli.
 */
export function startCli(settings: CliSettings, ...args: string[]): RunningCli {
  let stdout = "";
  let stderr = "";
  const code = main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: cliEnv(settings),
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    done: code.then((c) => ({ code: c, stdout, stderr })),
  };
}

export const runCli = (settings: CliSettings, ...args: string[]): Promise<CliRun> =>
  startCli(settings, ...args).done;

/** Runs a command as a child process, as a user would. */
export function spawnCommand(command: string[], settings: CliSettings = {}): Promise<CliRun> {
  const [program = "", ...args] = command;
  const child = spawn(program, args, { cwd: settings.cwd, env: cliEnv(settings) });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `ampflux …` as a child process: node on the bin entry point. */
export const spawnCli = (settings: CliSettings, ...args: string[]) =>
  spawnCommand([process.execPath, MAIN, ...args], settings);
