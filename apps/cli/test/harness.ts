import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type AppRouter, loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import { testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { inject } from "vitest";

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
  let cookie = "";
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${apiUrl}/trpc`,
        transformer: superjson,
        headers: () => ({ origin: WEB_ORIGIN, cookie }),
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? cookie;
          return res;
        },
      }),
    ],
  });
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

/** Runs `ampflux …` as a child process, as a user would, with only the given AMPFLUX_* settings. */
export function runCli(env: { url?: string; apiKey?: string }, ...args: string[]): Promise<CliRun> {
  const { AMPFLUX_URL: _url, AMPFLUX_API_KEY: _key, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {
      ...inherited,
      ...(env.url && { AMPFLUX_URL: env.url }),
      ...(env.apiKey && { AMPFLUX_API_KEY: env.apiKey }),
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
