import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { detailedHealthSchema } from "@ampflux/contracts";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

// The start command as a user runs it: embedded Postgres, api, worker and built web app together.
const root = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ampflux-start-"));
// As root, Postgres runs as the `postgres` user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);
/** A port free right now (the OS picks it): fixed or pid-derived ports collide with other runs. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const ports = [await freePort(), await freePort(), await freePort()];
const port = (offset: number) => ports[offset] ?? 0;
const env = {
  ...process.env,
  DATABASE_URL: "",
  DATA_DIR: dataDir,
  API_PORT: String(port(0)),
  WEB_PORT: String(port(1)),
  EMBEDDED_PG_PORT: String(port(2)),
};
const embeddedUrl = `postgres://postgres:ampflux-embedded@127.0.0.1:${port(2)}/ampflux`;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(extraEnv: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["scripts/start.ts"], { cwd: root, env: { ...env, ...extraEnv } });
  let text = "";
  child.stdout.on("data", (d) => (text += d));
  child.stderr.on("data", (d) => (text += d));
  return { child, output: () => text };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

// Embedded Postgres, migrations, api, worker and web on a CI machine busy with browser tests:
// minutes, not seconds, in the worst case.
async function untilRunning(run: ReturnType<typeof start>, timeoutMs = 200_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes("AmpFlux is running")) {
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`start command did not come up:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function companiesNamed(name: string): Promise<number> {
  const sql = postgres(embeddedUrl, { max: 1 });
  try {
    const rows = await sql`select count(*)::int as n from companies where name = ${name}`;
    return rows[0]?.n ?? 0;
  } finally {
    await sql.end();
  }
}

describe("start command", () => {
  it("names a bad DATABASE_URL in one line and exits 1", async () => {
    const run = start({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(await exitOf(run.child)).toBe(1);
    expect(run.output().trim()).toMatch(
      /^ampflux: DATABASE_URL \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\) is unreachable: .+$/,
    );
  });

  it.runIf(process.getuid?.() === 0)(
    "as root, names a data folder the postgres account cannot enter in one line and exits 1",
    async () => {
      const privateDir = mkdtempSync(path.join(os.tmpdir(), "ampflux-private-")); // mode 0700
      try {
        const run = start({ DATA_DIR: privateDir });
        expect(await exitOf(run.child)).toBe(1);
        expect(run.output().trim()).toBe(
          `ampflux: embedded Postgres (port ${port(2)}, data in ${privateDir}/postgres) did not start: ` +
            `the postgres account cannot enter ${privateDir} (a private folder); set DATA_DIR to a folder it can reach`,
        );
      } finally {
        rmSync(privateDir, { recursive: true, force: true });
      }
    },
  );

  it("serves the web app with every component healthy, stops on Ctrl-C and keeps data across restarts", async () => {
    const first = start();
    await untilRunning(first);
    // The api's own port: /health/detailed answers direct requests from this machine; through the
    // web server's proxy it is forwarded and needs HEALTH_TOKEN (docs/operations.md#health).
    const res = await fetch(`http://127.0.0.1:${port(0)}/health/detailed`);
    expect(res.status).toBe(200);
    const health = detailedHealthSchema.parse(await res.json());
    expect(health.components).toMatchObject({
      database: { status: "ok" },
      cache: { status: "ok", backend: "memory" },
      job_queue: { status: "ok" },
    });
    expect(await (await fetch(`http://127.0.0.1:${port(1)}/`)).text()).toContain('<div id="root">');

    const sql = postgres(embeddedUrl, { max: 1 });
    await sql`insert into companies (name) values ('kept across restarts')`;
    await sql.end();

    first.child.kill("SIGINT");
    expect(await exitOf(first.child)).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port(0)}/health`)).rejects.toThrow();
    await expect(companiesNamed("kept across restarts")).rejects.toThrow(/ECONNREFUSED/);

    const second = start();
    await untilRunning(second);
    expect(await companiesNamed("kept across restarts")).toBe(1);
    second.child.kill("SIGTERM");
    expect(await exitOf(second.child)).toBe(0);
  }, 480_000);
});
