// `./run start` execs `node scripts/start.ts`, so an operator's SIGTERM or SIGINT reaches this
// process by the id it was started with, without a terminal. Each must stop api, worker and web
// cleanly (they drain first) and leave no process behind.

import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
let database: TestDatabase;
const started: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase("start_signals");
}, 120_000);
afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  await database?.drop();
});

/** A port free right now (the OS picks it), so runs never collide on fixed ports. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every process descending from `pid`, read from /proc (children lead their own groups). */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parentOf)
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("start command signals", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s to its process id stops api, worker and web, each cleanly, and leaves no process",
    async (signal) => {
      const env = {
        ...process.env,
        DATABASE_URL: database.url,
        API_PORT: String(await freePort()),
        WEB_PORT: String(await freePort()),
        CORS_ORIGINS: "",
      };
      // No terminal: stdin closed, output piped, as a service manager or a container runs it.
      const child = spawn(process.execPath, ["scripts/start.ts"], {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      started.push(child);
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const deadline = Date.now() + 240_000;
      while (!output.includes("AmpFlux is running")) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`start command did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const processes = descendantsOf(child.pid ?? 0);
      // api, worker and web at least (each may have helpers of its own).
      expect(processes.length).toBeGreaterThanOrEqual(3);

      const sent = Date.now();
      child.kill(signal);
      expect(await exit).toBe(0);
      // Within seconds: nothing was running, so no one waited for its shutdown bound.
      expect(Date.now() - sent).toBeLessThan(20_000);
      // The api logs JSON lines (pino): one per event, tagged with the service.
      expect(output).toMatch(/\[api\] \{.*"service":"api"/);
      expect(output).toMatch(/\[api\] .*"message":"api stopped"/);
      expect(output).toContain("[worker] worker stopped");
      // Killed grandchildren are gone once reaped, which a busy machine may do a moment later.
      const reaped = Date.now() + 10_000;
      while (processes.some(alive) && Date.now() < reaped) await new Promise((r) => setTimeout(r, 200));
      expect(processes.filter(alive)).toEqual([]);
    },
    300_000,
  );
});
