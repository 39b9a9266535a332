import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study --r-fault/--x-fault` and `--line-fault`: a fault through Z_f = R + jX, and a fault
// along a line. Checked against the closed
// form c·Un / (√3 |Z(1) + Z_f|) on the bolted study's own Z(1) (the engine's tests derive the
// other fault types; docs/short-circuit.md gives the method).
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-zf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "feeder.json");
writeFileSync(file, JSON.stringify(mvFeeder));
const sc = (...args: string[]) => runCli({ cwd: root }, "study", file, ...args);

describe("ampflux study --r-fault --x-fault", () => {
  it("3ph through 2 + j1 Ω: I''k from |Z(1) + Z_f|, and the title says the fault is not bolted", async () => {
    const bolted = JSON.parse((await sc("--bus", "end", "--format", "json")).stdout) as ShortCircuitResult;
    const z = bolted.buses[0];
    const run = await sc("--bus", "end", "--r-fault", "2", "--x-fault", "1", "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    const expected = (1.1 * 20) / (Math.sqrt(3) * Math.hypot((z?.rk_ohm ?? 0) + 2, (z?.xk_ohm ?? 0) + 1));
    expect(result.buses[0]?.ikss_ka).toBeCloseTo(expected, 10);
    expect(result.options).toMatchObject({ r_fault_ohm: 2, x_fault_ohm: 1 });
    const table = await sc("--bus", "end", "--r-fault", "2", "--x-fault=-1");
    expect(table.stdout.split("\n")[0]).toContain(
      "through Zf = 2 − j1 Ω (not IEC 60909: bolted faults only)",
    );
  });

  it("names the flag of a bad value and refuses duty through a fault impedance", async () => {
    const bad = await sc("--r-fault", "two");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--r-fault: "two" is not a number of ohms');
    const negative = await sc("--r-fault=-1");
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/--r-fault: .*>=0|--r-fault: too small/);
    const duty = await sc("--r-fault", "1", "--duty");
    expect(duty.code).toBe(2);
    expect(duty.stderr).toContain("duty and arc flash use bolted-fault currents");
  });
});

describe("ampflux study --line-fault", () => {
  it("a fault at 30 % of line L: the line-fault table and JSON, c·Un / (√3 |Z_mv + 0.3 Z_L|)", async () => {
    const mv = (JSON.parse((await sc("--bus", "mv", "--format", "json")).stdout) as ShortCircuitResult)
      .buses[0];
    const expected =
      (1.1 * 20) / (Math.sqrt(3) * Math.hypot((mv?.rk_ohm ?? 0) + 0.3, (mv?.xk_ohm ?? 0) + 0.525));
    const json = await sc("--line-fault", "L@30%", "--format", "json");
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as ShortCircuitResult;
    expect(result.buses).toEqual([]);
    expect(result.line_faults?.[0]).toMatchObject({ line: "L", position: 0.3, distance_km: 1.5 });
    expect(result.line_faults?.[0]?.ikss_ka).toBeCloseTo(expected, 10);
    const table = await sc("--line-fault", "L@0.3", "--branches");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Faults along lines");
    expect(table.stdout).toMatch(new RegExp(`L\\s+30\\.0\\s+1\\.500\\s+${expected.toFixed(3)}`));
    expect(table.stdout).toMatch(/L@0\.3\s+L\s+line\s+mv/);
    const csv = await sc("--line-fault", "L@0.3", "--format", "csv");
    expect(csv.stdout).toContain(`line,position,distance_km,fed,ikss_ka`);
  });

  it("names a malformed fault, an unknown line and a position outside (0, 1)", async () => {
    const malformed = await sc("--line-fault", "L");
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--line-fault: "L" is not LINE@POSITION');
    const outside = await sc("--line-fault", "L@1.5");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--line-fault: /);
    const unknown = await sc("--line-fault", "X@0.5");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown line "X"');
  });
});
