// `ampflux report` end to end (issue 20): the real api and the real worker's generate_report task
// on a database of their own, the stack built through the CLI itself (project, import of
// MATPOWER case9, study), the PDF read back with pdftotext / pdfinfo.

import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningApi } from "@ampflux/api";
import { createDb } from "@ampflux/db";
import { createTestDatabase, type TestDatabase } from "@ampflux/db/testing";
// Test-only: the worker renders the reports the api queues (no runtime dependency of the CLI).
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCompanyKey, runCli, startTestApi } from "./harness.ts";

const CASE9 = new URL("../../../../shared/data/matpower/case9.m", import.meta.url).pathname;

// A database of its own: a worker on the run's shared database would take the study jobs that
// cli.test.ts queues to play the worker itself.
let database: TestDatabase;
let api: RunningApi;
let worker: RunningWorker;
let dir: string;
let env: { url: string; apiKey: string };
let projectId: string;
let simulationId: string;
beforeAll(async () => {
  database = await createTestDatabase("cli_reports");
  api = await startTestApi({ DATABASE_URL: database.url });
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: database.url, WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
  );
  env = { url: api.url, apiKey: await newCompanyKey(api.url, "report-cli") };
  dir = await mkdtemp(join(tmpdir(), "ampflux-report-"));

  const project = await ampflux("projects", "create", "Report CLI plant");
  projectId = project.stdout.trim();
  expect(await ampflux("circuits", "import", CASE9, "--project", projectId)).toMatchObject({
    code: 0,
    stdout: "1\n",
  });
  const study = await ampflux("simulate", "--project", projectId, "--wait");
  expect(study.code, study.stderr).toBe(0);
  simulationId = study.stdout.trim();
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ampflux = (...args: string[]) => runCli(env, ...args);
const pdftotext = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });

describe("ampflux report", () => {
  it("writes the study's PDF (cover, results) and HTML, prints id, size and content hash; --list shows it", async () => {
    const pdf = join(dir, "case9.pdf");
    const html = join(dir, "case9.html");
    const run = await ampflux(
      "report",
      simulationId,
      "--project",
      projectId,
      "--out",
      pdf,
      "--paper",
      "Letter",
      "--html",
      html,
    );
    expect(run.code, run.stderr).toBe(0);
    const [reportId, size, contentHash] = run.stdout.trimEnd().split("\t");
    expect(run.stdout).toMatch(/^[0-9a-f-]{36}\t\d+\t[0-9a-f]{64}\n$/);
    // Progress on stderr, a line per change (not a terminal), ending done; then the files.
    expect(run.stderr).toContain(`report ${reportId} queued\n`);
    expect(run.stderr).toMatch(/\] 100 % done\n/);
    expect(run.stderr).toContain(`wrote ${pdf} (${size} bytes)\n`);
    expect(run.stderr).toMatch(new RegExp(`wrote ${html} \\(\\d+ bytes\\)\\n$`));

    const bytes = await readFile(pdf);
    expect(bytes.byteLength).toBe(Number(size));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/Page size:\s+612 x 792 pts/);
    const text = pdftotext(pdf);
    // The cover: project, study id, the content hash printed on stdout.
    expect(text).toMatch(/Project\s+Report CLI plant/);
    expect(text).toContain(simulationId);
    expect(text).toContain(contentHash);
    expect(text).toContain("IEC 60909-0:2016");
    // The results: bus 5's I''k as the stored study computed it (`results export`), to 2 decimals.
    const result = JSON.parse(
      (await ampflux("results", "export", simulationId, "--project", projectId, "--format", "json")).stdout,
    ) as { buses: { bus: string; ikss_ka: number }[] };
    const bus5 = result.buses.find((b) => b.bus === "5");
    expect(bus5?.ikss_ka).toBeGreaterThan(0);
    expect(text).toContain("Results per bus");
    expect(text).toContain((bus5?.ikss_ka ?? 0).toFixed(2));
    expect(text).toMatch(/approved\s+pending/);
    expect(await readFile(html, "utf8")).toMatch(/^<!doctype html>[\s\S]*Results per bus/i);

    const list = await ampflux("report", "--list", "--project", projectId);
    expect(list).toMatchObject({ code: 0, stderr: "" });
    expect(list.stdout).toBe(`${reportId}\t${simulationId}\tv1\tdone\tcurrent\tnone\n`);
  });

  it("refuses an unknown simulation, a study not finished, a failed report, a project of another company and a bad command line in one line", async () => {
    const unknown = await ampflux(
      "report",
      randomUUID(),
      "--project",
      projectId,
      "--out",
      join(dir, "x.pdf"),
    );
    expect(unknown).toMatchObject({ code: 1, stdout: "", stderr: "ampflux: simulation not found\n" });

    // Stored studies the api takes as they are: a copy of this one with no job behind it, queued;
    // another marked succeeded without a result, which the worker fails at once (load.ts).
    const client = createDb(database.url);
    const copy = (status: string) => client.sql<{ id: string }[]>`
      insert into simulations (project_id, circuit_version_id, kind, options, options_hash, status, created_by)
      select project_id, circuit_version_id, kind, options, options_hash, ${status}, created_by
      from simulations where id = ${simulationId}
      returning id`;
    try {
      const [queued] = await copy("queued");
      const waiting = await ampflux("report", queued?.id ?? "", "--project", projectId, "--out", "q.pdf");
      expect(waiting).toMatchObject({
        code: 1,
        stdout: "",
        stderr:
          "ampflux: simulationId: the study has not finished (queued): only a succeeded study can be reported\n",
      });
      const [empty] = await copy("succeeded");
      const out = join(dir, "failed.pdf");
      const failed = await ampflux("report", empty?.id ?? "", "--project", projectId, "--out", out);
      expect(failed).toMatchObject({ code: 1, stdout: "" });
      const lines = failed.stderr.trimEnd().split("\n");
      expect(lines.at(-2)).toMatch(/\] +\d+ % failed/);
      expect(lines.at(-1)).toMatch(
        /^ampflux: report [0-9a-f-]{36} failed: the study has no result \(it is succeeded\)$/,
      );
      await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    } finally {
      await client.close();
    }

    const stranger = { url: api.url, apiKey: await newCompanyKey(api.url, "report-stranger") };
    const foreign = await runCli(stranger, "report", simulationId, "--project", projectId, "--out", "x.pdf");
    expect(foreign).toMatchObject({ code: 1, stdout: "", stderr: "ampflux: project not found\n" });

    for (const [args, message] of [
      [[simulationId, "--project", projectId], "report needs --out FILE.pdf"],
      [["--project", projectId, "--out", "x.pdf"], "report takes <simulation-id> (or --list)"],
      [
        [simulationId, "--project", projectId, "--out", "x.pdf", "--paper", "A3"],
        '--paper: "A3" is not one of A4, Letter',
      ],
      [["--list", "--project", projectId, "--out", "x.pdf"], "report --list takes only --project, not --out"],
      [[simulationId, "--out", "x.pdf"], "report needs --project"],
    ] as const) {
      const run = await ampflux("report", ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toBe(`ampflux: ${message}`);
    }
  });
});
