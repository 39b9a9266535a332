import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study --r-fault/--x-fault`: a fault through Z_f = R + jX, checked against the closed
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
