import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningApi } from "@ampflux/api";
import { claimSimulation, finishSimulation, notifyProgress, reportProgress } from "@ampflux/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connect } from "../src/client.ts";
import { newCompanyKey, runCli, spawnCli, startCli, startTestApi } from "./harness.ts";

const MATPOWER = new URL("../../../../shared/data/matpower", import.meta.url).pathname;
/** case9 and case14 fit, case_ACTIVSg10k (2.9 MB) does not: refused while it is sent. */
const IMPORT_MAX_BYTES = 100_000;

let api: RunningApi;
let dir: string;
let env: { url: string; apiKey: string };
beforeAll(async () => {
  // case9 runs in the api; case14 (14 buses) is queued for a worker, which the test plays.
  api = await startTestApi({ IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES), SIM_INLINE_MAX_BUSES: "9" });
  env = { url: api.url, apiKey: await newCompanyKey(api.url, "cli") };
  dir = await mkdtemp(join(tmpdir(), "ampflux-cli-"));
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ampflux = (...args: string[]) => runCli(env, ...args);

const importCase = (file: string, projectId: string, ...flags: string[]) =>
  ampflux(
    "circuits",
    "import",
    file.startsWith("/") ? file : `${MATPOWER}/${file}`,
    "--project",
    projectId,
    ...flags,
  );

/** A loopback address nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return `http://127.0.0.1:${port}`;
}

/** The free plan allows 3 projects: later tests reuse the first one's (set by the first test). */
let case9Project: string | undefined;

async function newProject(name: string): Promise<string> {
  const created = await ampflux("projects", "create", name, "--description", "from the cli test");
  expect(created).toMatchObject({ code: 0, stderr: "" });
  return created.stdout.trim();
}

describe("ampflux command line", () => {
  it("prints help, and refuses a wrong command line with exit code 2 (as a real process)", async () => {
    const [help, wrong] = await Promise.all([spawnCli({}, "--help"), spawnCli({}, "projects", "delete")]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: ampflux <command>/);
    expect(help.stdout).toContain("study <file>");
    expect(help.stdout).toContain("results export <simulation-id>");
    expect(wrong).toMatchObject({ code: 2, stdout: "" });
    expect(wrong.stderr.split("\n")[0]).toBe('ampflux: unknown command "projects delete"');
  });

  it("refuses each wrong command line with exit code 2 and its first problem", async () => {
    for (const [args, message] of [
      [["projects", "delete"], 'unknown command "projects delete"'],
      [["simulate", "--wait"], "simulate needs --project"],
      [["circuits", "import", "--project", "x"], "circuits import takes <file>, got none"],
      [
        ["simulate", "--project", "x", "--fault", "4ph"],
        '--fault: "4ph" is not one of 3ph, 2ph, 1ph, 2ph_earth',
      ],
      [["projects", "list", "--out", "x"], "projects list takes no --out"],
      [["projects", "list", "--bogus"], "unknown flag --bogus"],
      [["study", "case9.m", "--wait"], "study takes no --wait"],
    ] as const) {
      const run = await ampflux(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toBe(`ampflux: ${message}`);
    }
  });

  it("needs an API key and a reachable api (exit code 1, one line)", async () => {
    const noKey = await runCli({ url: api.url }, "projects", "list");
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toBe(
      "ampflux: AMPFLUX_API_KEY is not set: create a key in the web app under Account → API keys\n",
    );
    const badKey = await runCli({ url: api.url, apiKey: "afx_revoked" }, "projects", "list");
    expect(badKey).toMatchObject({ code: 1, stderr: "ampflux: log in or send an API key\n" });
    const closed = await closedPortUrl();
    const down = await runCli({ url: closed, apiKey: env.apiKey }, "projects", "list");
    expect(down).toMatchObject({
      code: 1,
      stderr: `ampflux: cannot reach the api at ${closed}: ECONNREFUSED\n`,
    });
  });

  it("creates and lists projects, imports, exports, simulates with --wait and exports results", async () => {
    const projectId = await newProject("Case 9");
    case9Project = projectId;
    const list = await ampflux("projects", "list");
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")).toContain(`${projectId}\towner\tCase 9`);

    const imported = await importCase("case9.m", projectId);
    expect(imported).toMatchObject({ code: 0, stdout: "1\n" });
    expect(imported.stderr).toMatch(/^imported case9\.m \(matpower\) as version 1: 9 buses, /);
    const again = await importCase("case9.m", projectId, "--message", "v2");
    expect(again.stdout).toBe("2\n");

    const document = await ampflux("circuits", "export", "--project", projectId, "--version", "1");
    expect(document.code).toBe(0);
    expect(JSON.parse(document.stdout)).toMatchObject({ schema: "ampflux/network@1" });
    expect(JSON.parse(document.stdout).buses).toHaveLength(9);
    const matpowerFile = join(dir, "case9-export.m");
    const exported = await ampflux(
      "circuits",
      "export",
      "--project",
      projectId,
      "--format",
      "matpower",
      "--out",
      matpowerFile,
    );
    expect(exported).toMatchObject({ code: 0, stdout: "" });
    expect(await readFile(matpowerFile, "utf8")).toMatch(/mpc\.bus\s*=/);

    const run = await ampflux(
      "simulate",
      "--project",
      projectId,
      "--fault",
      "1ph",
      "--case",
      "min",
      "--wait",
    );
    expect(run.code).toBe(0);
    const simulationId = run.stdout.trim();
    expect(simulationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stderr).toMatch(/\] 100 % succeeded\n$/);

    const csv = await ampflux("results", "export", simulationId, "--project", projectId, "--format", "csv");
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^bus,fed,ikss_ka,/);
    expect(rows).toHaveLength(9);
    const jsonFile = join(dir, "result.json");
    const json = await ampflux(
      "results",
      "export",
      simulationId,
      "--project",
      projectId,
      "--format",
      "json",
      "--out",
      jsonFile,
    );
    expect(json).toMatchObject({ code: 0, stdout: "", stderr: `wrote ${jsonFile}\n` });
    expect(JSON.parse(await readFile(jsonFile, "utf8"))).toMatchObject({
      options: { fault: "1ph", case: "min" },
    });
  });

  it("runs a stored load flow with simulate --kind load-flow and the loadflow command's flags", async () => {
    // The project of the first test (its latest version is case9): a new one would pass the plan's limit.
    const projectId = case9Project ?? (await newProject("Case 9 load flow"));
    await importCase("case9.m", projectId);
    const run = await ampflux("simulate", "--project", projectId, "--kind", "load-flow", "--flat", "--wait");
    expect(run.code, run.stderr).toBe(0);
    const simulationId = run.stdout.trim();
    expect(simulationId).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await ampflux("simulate", "--project", projectId, "--kind", "load-flow", "--tol", "abc");
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe('ampflux: --tol: "abc" is not a positive number');
    const kind = await ampflux("simulate", "--project", projectId, "--kind", "powerflow");
    expect(kind.stderr.split("\n")[0]).toBe(
      'ampflux: --kind: "powerflow" is not one of short-circuit, load-flow',
    );
  });

  it("draws the progress of a queued study until the worker finishes it", async () => {
    const projectId = await newProject("Case 14");
    await importCase("case14.m", projectId);
    const waiting = startCli(env, "simulate", "--project", projectId, "--wait");
    // The first state is sent once the api listens for changes (listenerCount() counts a
    // subscriber before that): from then on no progress is missed.
    await vi.waitFor(() => expect(waiting.stderr()).toContain("0 % queued"), { timeout: 10_000 });

    const db = api.deps.database.db;
    const [study] = await connect(env).simulations.list.query({ projectId });
    const simulation = { id: study?.id ?? "", projectId };
    expect(await claimSimulation(db, simulation.id)).toBe(true);
    await reportProgress(db, simulation, 0.5, "solving");
    const result = { buses: [{ bus: "1", fed: true, ikss_ka: 12.5, note: "a, b" }] };
    await finishSimulation(db, simulation.id, { status: "succeeded", result, timings: {} });
    await notifyProgress(db, {
      ...simulation,
      simulationId: simulation.id,
      status: "succeeded",
      progress: 1,
      message: null,
    });

    const run = await waiting.done;
    expect(run).toMatchObject({ code: 0, stdout: `${simulation.id}\n` });
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      `[${"-".repeat(30)}]   0 % queued`,
      `[${"#".repeat(15)}${"-".repeat(15)}]  50 % running: solving`,
      `[${"#".repeat(30)}] 100 % succeeded`,
    ]);
    const csv = await ampflux("results", "export", simulation.id, "--project", projectId);
    expect(csv.stdout).toBe('bus,fed,ikss_ka,note\n1,true,12.5,"a, b"\n');
  });

  it("reports the api's refusals on one line with exit code 1", async () => {
    const projectId = await newProject("Refusals");
    const broken = join(dir, "broken.m");
    const lines = (await readFile(`${MATPOWER}/case9.m`, "utf8")).split("\n");
    const busRow = lines.findIndex((line) => /mpc\.bus\s*=/.test(line)) + 1;
    lines[busRow] = "\t1\t3\tnot-a-number;";
    await writeFile(broken, lines.join("\n"));
    const parse = await importCase(broken, projectId);
    expect(parse.code).toBe(1);
    expect(parse.stderr).toMatch(
      new RegExp(`^ampflux: broken\\.m is not a valid matpower network: line ${busRow + 1}\\b.*\\n$`),
    );

    const large = await importCase("case_ACTIVSg10k.m", projectId);
    expect(large).toMatchObject({
      code: 1,
      stderr: `ampflux: the file is larger than the import limit of ${IMPORT_MAX_BYTES} bytes\n`,
    });
    const missing = await importCase(join(dir, "nope.m"), projectId);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`ampflux: cannot read ${join(dir, "nope.m")}: no such file\n`);

    const noVersion = await ampflux("circuits", "export", "--project", projectId);
    expect(noVersion).toMatchObject({ code: 1, stderr: "ampflux: the project has no saved version yet\n" });
    const notUuid = await ampflux("projects", "list", "--project", "x");
    expect(notUuid.code).toBe(2);
    const invalid = await ampflux("circuits", "export", "--project", "not-a-uuid");
    expect(invalid).toMatchObject({ code: 1, stderr: "ampflux: projectId: Invalid UUID\n" });

    const otherCompany = { url: api.url, apiKey: await newCompanyKey(api.url, "cli-other") };
    const foreign = await runCli(
      otherCompany,
      "circuits",
      "import",
      `${MATPOWER}/case9.m`,
      "--project",
      projectId,
    );
    expect(foreign).toMatchObject({ code: 1, stderr: "ampflux: project not found\n" });
  });
});
