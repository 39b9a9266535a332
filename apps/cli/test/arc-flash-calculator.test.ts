// `ampflux arc-flash`, run as a real process as a user would: IEEE 1584-2018 Annex D.1 and D.2
// as case lines (results to their printed precision, Annex D as reproduced in LiaungYip/arcflash
// `arcflash/ieee_1584/test_example_calcs.py`), a bad line in the middle, cases on stdin, the
// single-point table and --json, and the command-line errors.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// IEEE 1584-2018 Annex D.1 and D.2 as calculator cases (their one copy is in contracts/testing).
import {
  annexD1Outputs,
  annexD2Outputs,
  annexD1Case as D1,
  annexD2Case as D2,
  printedMismatches,
} from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, spawnCli } from "./harness.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-af-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** |actual − printed| below half a unit of the printed value's last digit. */
function printed(actual: unknown, value: number, decimals: number): void {
  expect(Math.abs((actual as number) - value)).toBeLessThan(0.5 * 10 ** -decimals);
}

/** Annex D.1's results (contracts/testing's annexD1Outputs: D.17, D.32, D.42, D.51, D.62, D.72, D.43, D.22). */
function expectD1(line: Record<string, unknown>): void {
  expect(printedMismatches(line, annexD1Outputs)).toEqual([]);
  expect(line).toMatchObject({ enclosure: "typical", governing: "reduced" });
}

/** Annex D.2's results (annexD2Outputs: D.84, D.91, D.95, D.99, D.103, D.106, D.96, D.89). */
function expectD2(line: Record<string, unknown>): void {
  expect(printedMismatches(line, annexD2Outputs)).toEqual([]);
  // 53.156 J/cm² / 4.184 = 12.70 cal/cm²: NFPA 70E PPE category 3.
  printed(line.energy_cal_cm2, 53.156 / 4.184, 3);
  expect(line.ppe).toMatch(/^PPE category 3/);
}

const jsonLines = (run: CliRun) =>
  run.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** `ampflux arc-flash …` as a child process with `stdin` written to its standard input. */
function withStdin(stdin: string, ...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [MAIN, "arc-flash", ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Annex D.1 as single-point flags: each case field `x_y` as `--x-y=value`. */
const D1_FLAGS = Object.entries(D1).map(([field, value]) => `--${field.replaceAll("_", "-")}=${value}`);

describe("ampflux arc-flash --cases", () => {
  it("computes Annex D.1 and D.2, one output line per case in the input's order", async () => {
    const file = path.join(dir, "annex-d.jsonl");
    writeFileSync(file, `${JSON.stringify(D1)}\n${JSON.stringify(D2)}\n`);
    const run = await spawnCli({}, "arc-flash", "--cases", file);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const [d1, d2, ...rest] = jsonLines(run);
    expect(rest).toEqual([]);
    expect(d1?.line).toBe(1);
    expectD1(d1 ?? {});
    expectD2(d2 ?? {});
  });

  it("reports a bad line in the middle, still computes the others and exits 1", async () => {
    const file = path.join(dir, "mixed.jsonl");
    const lines = [
      JSON.stringify(D1),
      "{not json",
      JSON.stringify({ ...D2, gap_mm: 13, voc_kv: 4.16 }),
      "",
      JSON.stringify({ ...D2, config: "XYZ" }),
      JSON.stringify(D2),
    ];
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await spawnCli({}, "arc-flash", "--cases", file);
    expect(run.code).toBe(1);
    const out = jsonLines(run);
    // Five cases (the blank line 4 prints nothing), in order, numbered by their file line.
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 5, 6]);
    expectD1(out[0] ?? {});
    expect(out[1]).toMatchObject({ line: 2, field: null });
    expect(out[1]?.error).toMatch(/^invalid JSON/);
    // 4.16 kV with Ibf 45 kA is in range (0.2–65 kA), the 13 mm gap is not (19.05–254 mm).
    expect(out[2]).toEqual({
      line: 3,
      error: "gap_mm: 13 mm is outside 19.05–254 mm for 601 V–15 kV (IEEE 1584-2018 §4.2)",
      field: "gap_mm",
    });
    expect(out[3]).toMatchObject({ line: 5, field: "config" });
    expectD2(out[4] ?? {});
    expect(run.stderr).toBe("ampflux: 3 of 5 cases failed (line 2, 3, 5)\n");
  });

  it("reads the cases from stdin with -", async () => {
    const run = await withStdin(`${JSON.stringify(D2)}\n${JSON.stringify(D1)}`, "--cases", "-");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const [d2, d1] = jsonLines(run);
    expectD2(d2 ?? {});
    expectD1(d1 ?? {});
  });
});

describe("ampflux arc-flash, single point", () => {
  it("prints every intermediate of Annex D.1 as a table", async () => {
    const run = await spawnCli({}, "arc-flash", ...D1_FLAGS);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const row = (label: string) =>
      run.stdout
        .split("\n")
        .find((l) => l.startsWith(label))
        ?.trim();
    // D.9/D.45, D.17/D.51, D.24/D.54, D.32/D.62, D.34/D.64, D.42/D.72.
    expect(row("Iarc at 600 V")).toMatch(/kA\s+11\.117\s+10\.856$/);
    expect(row("Iarc at 2700 V")).toMatch(/kA\s+12\.816\s+12\.515$/);
    expect(row("Iarc at 14 300 V")).toMatch(/kA\s+14\.116\s+13\.786$/);
    expect(row("Iarc (eq. 16–18)")).toMatch(/kA\s+12\.979\s+12\.675$/);
    expect(row("E at 600 V")).toMatch(/J\/cm²\s+8\.652\s+8\.980$/);
    expect(row("E at 2700 V")).toMatch(/J\/cm²\s+11\.977\s+13\.018$/);
    expect(row("E at 14 300 V")).toMatch(/J\/cm²\s+13\.367\s+15\.602$/);
    expect(row("E (eq. 19–21)")).toMatch(/J\/cm²\s+12\.152\s+13\.343$/);
    expect(row("AFB at 600 V")).toMatch(/mm\s+1285\s+1316$/);
    expect(row("AFB at 2700 V")).toMatch(/mm\s+1591\s+1678$/);
    expect(row("AFB at 14 300 V")).toMatch(/mm\s+1707\s+1884$/);
    expect(row("AFB (eq. 22–24)")).toMatch(/mm\s+1606\s+1704$/);
    // D.19–D.22 and D.43–D.44.
    expect(run.stdout).toContain("Width1 27.632 in, Height1 45.000 in, EES 36.316 in (eq. 13), CF 1.284");
    expect(run.stdout).toContain("VarCF 0.047 (eq. 2): reduced arcing current = 0.977 × Iarc");
    expect(run.stdout).toContain("governing: reduced arcing current, 13.343 J/cm²");
    expect(run.stdout).toContain("PPE: PPE category 1");
  });

  it("prints input, output and intermediates with --json", async () => {
    const run = await spawnCli(
      {},
      "arc-flash",
      "--voc-kv=0.48",
      "--ibf-ka=45",
      "--config=vcb",
      "--gap-mm=32",
      "--distance-mm=609.6",
      "--height-mm=610",
      "--width-mm=610",
      "--depth-mm=254",
      "--time-ms=61.3",
      "--time-reduced-ms=319",
      "--json",
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const { input, output, intermediates } = JSON.parse(run.stdout) as Record<
      string,
      Record<string, unknown>
    >;
    expect(input).toMatchObject({ config: "VCB", time_reduced_ms: 319 });
    expectD2(output ?? {});
    printed(intermediates?.iarc_600_ka, 32.449, 3);
    printed(intermediates?.ees_in, 24.016, 3);
    expect(intermediates?.iarc_2700_ka).toBeNull();
  });

  it("names the flag of a case outside the model's range, and of a missing or bad flag", async () => {
    const [range, flags, both] = await Promise.all([
      spawnCli({}, "arc-flash", ...D1_FLAGS.map((f) => (f.startsWith("--gap-mm") ? "--gap-mm=13" : f))),
      spawnCli({}, "arc-flash", "--voc-kv=4.16", "--ibf-ka=lots"),
      spawnCli({}, "arc-flash", "--cases=x.jsonl", "--voc-kv=4.16"),
    ]);
    expect(range).toMatchObject({ code: 1, stdout: "" });
    expect(range.stderr).toBe(
      "ampflux: --gap-mm: 13 mm is outside 19.05–254 mm for 601 V–15 kV (IEEE 1584-2018 §4.2)\n",
    );
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('ampflux: --ibf-ka: "lots" is not a number\n');
    expect(flags.stderr).toContain("ampflux: missing --config\n");
    expect(flags.stderr).toContain("usage: ampflux arc-flash");
    expect(both.code).toBe(2);
  });

  it("has a help text of its own, and is listed in ampflux --help", async () => {
    const [own, all] = await Promise.all([spawnCli({}, "arc-flash", "--help"), spawnCli({}, "--help")]);
    expect(own.stdout).toMatch(/^usage: ampflux arc-flash --cases FILE\.jsonl\|-/);
    expect(own.stdout).toContain("time_reduced_ms");
    expect(all.stdout).toContain("arc-flash --cases FILE.jsonl|-");
  });
});
