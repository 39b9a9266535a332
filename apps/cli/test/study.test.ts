import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { warningLines } from "../src/study/summary.ts";
import { runCli } from "./harness.ts";

// `ampflux study` (also `pnpm sc`), run in this process as typed in the repository root: relative
// paths are taken from there. study-files.test.ts runs it as real processes.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-sc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sc = (...args: string[]) => runCli({ cwd: root }, "study", ...args);

/** 110 kV grid → 40 MVA 110/20 kV transformer "T" → 5 km line "L" at 20 kV (contracts/testing). */
const network = mvFeeder;

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const networkFile = writeJson("feeder.json", network);

/**
 * Hand calculation of I''k at the line end (IEC 60909-0, everything referred to Un = 20 kV):
 *   Z_Q = c·Un²/S''kQ with R/X = 0.1 (the 110 kV grid seen through the rated ratio 110/20),
 *   Z_T = (vk/100)·Un²/Sn with R_T = (vkr/100)·Un²/Sn, corrected by K_T = 0.95·c/(1 + 0.6·x_T),
 *   Z_L = 5 km · (0.2 + j0.35) ohm/km,
 *   I''k = c·Un / (√3·|Z_Q + K_T·Z_T + Z_L|), c = c_max = 1.1.
 */
function handIkssKa(): number {
  const c = 1.1;
  const un = 20;
  const zQ = (c * un ** 2) / 3000;
  const xQ = zQ / Math.sqrt(1 + 0.1 ** 2);
  const rQ = 0.1 * xQ;
  const zT = ((12 / 100) * un ** 2) / 40;
  const rT = ((0.5 / 100) * un ** 2) / 40;
  const xT = Math.sqrt(zT ** 2 - rT ** 2);
  const kT = (0.95 * c) / (1 + 0.6 * (Math.sqrt(12 ** 2 - 0.5 ** 2) / 100));
  const r = rQ + kT * rT + 5 * 0.2;
  const x = xQ + kT * xT + 5 * 0.35;
  return (c * un) / (Math.sqrt(3) * Math.hypot(r, x));
}

const csvRows = (stdout: string) => stdout.trimEnd().split("\n\n")[0]?.split("\n").slice(1) ?? [];

describe("ampflux study", () => {
  it("computes the line-end I''k of the hand calculation (json)", async () => {
    const run = await sc(networkFile, "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    expect(result.buses.map((b) => b.bus)).toEqual(["hv", "mv", "end"]);
    const end = result.buses.find((b) => b.bus === "end");
    expect(end?.ikss_ka).toBeCloseTo(handIkssKa(), 9);
    expect(end?.ikss_ka).toBeCloseTo(3.9155, 4);
    expect(run.stderr).toMatch(/^ampflux: 3 buses, engine \d+\.\d ms \(model /m);
  });

  it("prints one csv row per bus", async () => {
    const run = await sc(networkFile, "--format", "csv");
    expect(run.code).toBe(0);
    const [header] = run.stdout.split("\n");
    expect(header).toBe(
      "bus,fed,ikss_ka,ip_ka,ib_ka,ith_ka,skss_mva,rk_ohm,xk_ohm,r0_ohm,x0_ohm,kappa,ike_ka",
    );
    const rows = csvRows(run.stdout);
    expect(rows.map((r) => r.split(",")[0])).toEqual(["hv", "mv", "end"]);
    expect(rows[2]).toMatch(/^end,true,3\.915,\d+\.\d{3},3\.915,\d+\.\d{3},135\.6,/);
  });

  it("prints an aligned table with units, warnings and the timing line", async () => {
    const run = await sc(networkFile, "--fault", "1ph");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^bus\s+Ik'' kA\s+ip kA\s+Ib kA\s+Ith kA\s+Sk'' MVA\s+R\/X\s+κ\s+IkE kA$/m);
    for (const bus of ["hv", "mv", "end"])
      expect(run.stdout).toMatch(new RegExp(`^${bus}\\s+\\d+\\.\\d{3}\\s`, "m"));
    expect(run.stdout).toContain("warning: transformers[0].vector_group:");
    expect(run.stdout).toMatch(/^3 buses, engine \d+\.\d ms/m);
  });

  it("prints warnings to stderr in csv mode", async () => {
    const run = await sc(networkFile, "--fault", "1ph", "--format", "csv");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("warning");
    expect(run.stderr).toContain("ampflux: warning: transformers[0].vector_group:");
  });

  it("restricts the rows to the --bus ids", async () => {
    const run = await sc(networkFile, "--format", "csv", "--bus", "end", "--bus", "hv");
    expect(run.code).toBe(0);
    expect(csvRows(run.stdout).map((r) => r.split(",")[0])).toEqual(["hv", "end"]);
  });

  it("prints branch-end currents with --branches", async () => {
    const csv = await sc(networkFile, "--format", "csv", "--branches", "--bus", "end");
    expect(csv.code).toBe(0);
    const [, branches = ""] = csv.stdout.split("\n\n");
    expect(branches.split("\n")[0]).toBe(
      "fault_bus,branch,branch_type,bus,ia_ka,ib_ka,ic_ka,ikss_ka,angle_deg,toward_fault",
    );
    expect(branches).toMatch(/^end,L,line,mv,3\.915,3\.915,3\.915,3\.915,/m);
    // The fault's current enters the line at "mv" and leaves it at "end" (the fault).
    expect(branches).toMatch(/^end,L,line,mv,.*,true$/m);
    expect(branches).toMatch(/^end,L,line,end,.*,false$/m);
    // The transformer's HV side carries I''k scaled by the rated ratio 20/110.
    expect(branches).toMatch(/^end,T,transformer,hv,0\.712,/m);
    const table = await sc(networkFile, "--branches", "--bus", "end");
    expect(table.stdout).toMatch(/^end\s+L\s+line\s+mv\s+3\.915\s/m);
  });

  it("names the element and field of an invalid document and exits 1", async () => {
    const lines = [{ ...network.lines[0], to_bus: "nowhere" }];
    const run = await sc(writeJson("bad.json", { ...network, lines }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toMatch(/^ampflux: .*bad\.json: line L: To bus: unknown bus "nowhere"$/);
  });

  it("exits 1 for unknown bus ids, a missing file and a MATPOWER parse error", async () => {
    const unknown = await sc(networkFile, "--bus", "end", "--bus", "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^ampflux: --bus nope: not a bus of .*feeder\.json$/);
    const missing = await sc(path.join(dir, "missing.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing.json: no such file");
    const matpower = path.join(dir, "broken.m");
    writeFileSync(matpower, "function mpc = broken\nmpc.version = '2';\nmpc.baseMVA = 100;\n");
    const parse = await sc(matpower);
    expect(parse.code).toBe(1);
    expect(parse.stderr.trim()).toMatch(/^ampflux: .*broken\.m: line \d+: mpc\.\w+ is missing$/);
  });

  it("exits 2 on an unknown flag or bad flag values, one line per problem", async () => {
    const flag = await sc(networkFile, "--foo");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^ampflux: unknown flag --foo$/m);
    const values = await sc(networkFile, "--fault", "4ph", "--tk", "20", "--format", "xml");
    expect(values.code).toBe(2);
    const problems = values.stderr.split("\n").filter((l) => l.startsWith("ampflux: "));
    expect(problems).toEqual([
      'ampflux: --fault: "4ph" is not one of 3ph, 2ph, 1ph, 2ph_earth',
      'ampflux: --format: "xml" is not one of table, csv, json',
      expect.stringMatching(/^ampflux: --tk: too big/),
    ]);
  });

  it("reads a MATPOWER case (path relative to the repository root)", async () => {
    const run = await sc("../shared/data/matpower/case9.m", "--format", "csv");
    expect(run.code).toBe(0);
    expect(csvRows(run.stdout).map((r) => r.split(",")[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    // The import report: what was mapped, assumed and dropped.
    expect(run.stderr).toContain("ampflux: ../shared/data/matpower/case9.m: imported as matpower: 9 buses,");
    expect(run.stderr).toContain("ampflux:   mapped mpc.bus rows → buses (9×)");
    expect(run.stderr).toContain("ampflux:   defaulted external_grids.s_sc_max_mva = 10000 (1×): ");
    expect(run.stderr).toContain("ampflux:   dropped 3 mpc.gencost: ");
  });

  it("writes the engine's assumption for many elements as the one line it is", async () => {
    const run = await sc("../shared/data/matpower/case9.m", "--fault", "1ph", "--format", "csv");
    expect(run.code).toBe(0);
    const warnings = run.stderr.split("\n").filter((l) => l.startsWith("ampflux: warning:"));
    expect(warnings.filter((l) => l.includes("x0_ohm_per_km"))).toEqual([
      "ampflux: warning: lines: no zero-sequence data: Z0 = 3·Z1 assumed for 9 lines without x0_ohm_per_km: br1, br2, br3, br4, br5, br6, br7, br8, br9",
    ]);
  });

  it("folds a warning repeated over many elements into one line", () => {
    // A result stored before the engine grouped its assumptions, and validation warnings, still
    // name one element each.
    const warnings = [4, 5, 6, 7].map((k) => ({ path: ["lines", k, "x0_ohm_per_km"], message: "assumed" }));
    const result = { warnings: [...warnings, { path: ["buses"], message: "once" }] };
    expect(warningLines(result as unknown as ShortCircuitResult)).toEqual([
      "warning: lines[*].x0_ohm_per_km: assumed (4×: lines[4], lines[5], lines[6], …)",
      "warning: buses: once",
    ]);
  });
});
