import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { overloadedFeeder } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study --prefault load-flow`: the superposition method from the command line, on the
// network of bench/anchors/pandapower-prefault.py whose pandapower 3.3.2 results are stored
// with it (the engine's own tests compare every bus and branch end; here one bus is enough).
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-prefault-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sc = (...args: string[]) => runCli({ cwd: root }, "study", ...args);
const anchor = JSON.parse(
  readFileSync(path.join(root, "bench/anchors/results/pandapower-prefault.json"), "utf8"),
) as { document: unknown; faults: { bus: string; ikss_ka: number }[] };

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe("ampflux study --prefault", () => {
  const file = writeJson("anchor.json", anchor.document);

  it("load-flow: pandapower's type C I''k at b3, with the warning saying which voltages were used", async () => {
    const run = await sc(file, "--prefault", "load-flow", "--bus", "b3", "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    const expected = anchor.faults.find((f) => f.bus === "b3")?.ikss_ka ?? Number.NaN;
    expect(Math.abs((result.buses[0]?.ikss_ka ?? 0) / expected - 1)).toBeLessThan(1e-9);
    expect(result.options.prefault_voltage).toBe("load_flow");
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /pre-fault voltages from a Newton–Raphson/,
    );
  });

  it("iec60909 is the default and gives the larger c·Un/√3 currents here", async () => {
    const iec = JSON.parse((await sc(file, "--bus", "b3", "--format", "json")).stdout) as ShortCircuitResult;
    expect(iec.options.prefault_voltage).toBe("iec60909");
    const expected = anchor.faults.find((f) => f.bus === "b3")?.ikss_ka ?? 0;
    expect(iec.buses[0]?.ikss_ka ?? 0).toBeGreaterThan(expected);
  });

  it("names the flag for an unknown value and for a load flow that does not converge", async () => {
    const bad = await sc(file, "--prefault", "sometimes");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--prefault: "sometimes" is not one of iec60909, load-flow');
    const overloaded = writeJson("overloaded.json", overloadedFeeder);
    const run = await sc(overloaded, "--prefault", "load-flow");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--prefault load-flow: .*the load flow did not converge/);
  });
});
