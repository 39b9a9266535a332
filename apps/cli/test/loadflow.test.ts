import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadFlowResult } from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import { overloadedFeeder } from "@ampflux/contracts/testing";
import { loadSimCore } from "@ampflux/sim-wasm";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux loadflow`, run in this process as typed in the repository root.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const case9 = path.join(root, "../shared/data/matpower/case9.m");
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-lf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loadflow = (...args: string[]) => runCli({ cwd: root }, "loadflow", ...args);

/** A 20 kV feeder whose load is far beyond what its cable can carry: no solution exists. */
const overloaded = overloadedFeeder;

describe("ampflux loadflow", () => {
  it("prints JSON with the buses in the file's order and the engine's voltages", async () => {
    const run = await loadflow(case9, "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as LoadFlowResult;
    expect(result.converged).toBe(true);
    expect(result.buses.map((b) => b.bus)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const { document } = importMatpower(readFileSync(case9, "utf8"));
    const expected = (await loadSimCore()).loadFlow(document);
    result.buses.forEach((bus, i) => {
      expect(bus.vm_pu).toBe(expected.buses[i]?.vm_pu);
      expect(bus.va_degree).toBe(expected.buses[i]?.va_degree);
    });
    expect(result.branches).toHaveLength(9);
    // The import report and the convergence line go to stderr.
    expect(run.stderr).toMatch(/imported as matpower/);
    expect(run.stderr).toMatch(/converged after \d+ iterations/);
  });

  it("prints CSV: a bus block, a blank line, a branch block", async () => {
    const run = await loadflow(case9, "--format", "csv", "--flat", "--tol", "1e-10", "--max-iter", "20");
    expect(run.code).toBe(0);
    const [buses = "", branches = ""] = run.stdout.split("\n\n");
    expect(buses.split("\n")[0]).toBe("bus,type,vm_pu,va_degree,p_mw,q_mvar");
    expect(buses.split("\n")[1]).toMatch(/^1,slack,1\.040000,0\.0000,/);
    expect(branches.split("\n")[0]).toMatch(/^id,kind,from_bus,to_bus,p_from_mw,/);
    expect(branches.trim().split("\n")).toHaveLength(10);
  });

  it("prints a table with the convergence report, and holds generators to their limits on request", async () => {
    const run = await loadflow(case9, "--q-limits");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Load flow \(Newton–Raphson/);
    expect(run.stdout).toMatch(/\n1 +slack +1\.040000/);
    expect(run.stdout).toMatch(/converged after \d+ iterations, max mismatch \(pu\) [\d.e+-]+ → /);
  });

  it("prints the results of a load flow that does not converge and exits 3", async () => {
    const file = path.join(dir, "overloaded.json");
    writeFileSync(file, JSON.stringify(overloaded));
    const run = await loadflow(file, "--format", "json", "--max-iter", "5");
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout) as LoadFlowResult;
    expect(result.converged).toBe(false);
    expect(result.mismatch_pu).toHaveLength(result.iterations + 1);
    expect(run.stderr).toMatch(/did not converge/);
  });

  it("solves by the fast-decoupled versions to Newton's voltages", async () => {
    const solve = async (...args: string[]) => {
      const run = await loadflow(case9, "--format", "json", "--flat", "--tol", "1e-11", ...args);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as LoadFlowResult;
    };
    const nr = await solve();
    for (const algorithm of ["fdxb", "fdbx"] as const) {
      const fd = await solve("--algorithm", algorithm, "--max-iter", "50");
      expect(fd.algorithm).toBe(algorithm);
      // Linear convergence: more iterations than Newton's quadratic 4.
      expect(fd.iterations).toBeGreaterThan(nr.iterations);
      fd.buses.forEach((bus, i) => {
        expect(Math.abs((bus.vm_pu ?? 0) - (nr.buses[i]?.vm_pu ?? 0))).toBeLessThan(1e-8);
        expect(Math.abs((bus.va_degree ?? 0) - (nr.buses[i]?.va_degree ?? 0))).toBeLessThan(1e-6);
      });
    }
    const table = await loadflow(case9, "--algorithm", "fdbx");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Load flow \(fast-decoupled BX/);
  });

  it("solves the DC approximation: |V| = 1, no reactive power, no losses", async () => {
    const run = await loadflow(case9, "--algorithm", "dc", "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as LoadFlowResult;
    expect(result.algorithm).toBe("dc");
    expect(result.iterations).toBe(1);
    expect(result.buses.every((b) => b.vm_pu === 1)).toBe(true);
    expect(result.losses).toEqual({ p_mw: 0, q_mvar: 0 });
    expect(result.branches.every((b) => b.q_from_mvar === 0 && b.p_from_mw === -b.p_to_mw)).toBe(true);
    // case9: loads 90 + 100 + 125 MW; generators 2 and 3 set 163 and 85 MW, so the slack
    // (bus 1) feeds the rest, 67 MW, without losses.
    const slack = result.sources.find((s) => s.bus === "1");
    expect(slack?.p_mw).toBeCloseTo(67, 9);
  });

  it("names every bad flag in one run and exits 2", async () => {
    const run = await loadflow(
      case9,
      "--tol",
      "0",
      "--max-iter",
      "ten",
      "--format",
      "xml",
      "--algorithm",
      "gs",
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--tol: "0" is not a positive number/);
    expect(run.stderr).toMatch(/--max-iter: "ten"/);
    expect(run.stderr).toMatch(/--format: "xml"/);
    expect(run.stderr).toMatch(/--algorithm: "gs" is not one of nr, fdxb, fdbx, dc/);
    expect(run.stderr).toMatch(/usage: ampflux loadflow <file>/);
  });

  it("names invalid fields of a document by element and field, and exits 1", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        ...overloaded,
        buses: [
          { id: "a", vn_kv: -20 },
          { id: "b", vn_kv: 20 },
        ],
      }),
    );
    const run = await loadflow(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.json: bus a: Nominal voltage Un \(kV\): must be > 0\.001/);
  });

  it("explains itself with --help", async () => {
    const run = await runCli({ cwd: root }, "loadflow", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--q-limits/);
    expect(run.stdout).toMatch(/--algorithm +nr \(default\)/);
  });
});
