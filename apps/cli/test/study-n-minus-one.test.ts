import { fileURLToPath } from "node:url";
import type { OutageScreeningResult } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study FILE --n-1 …`: N-1 screening from the command line. The engine's exactness
// against full re-solves is tested in packages/sim-wasm/test/outage-screening.test.ts; here the
// command: its JSON per bus (bus, ikss_ka, outage), the refusals, and one value re-solved by hand
// (case9 with line 5 out, studied as its own network through the same command).
const root = fileURLToPath(new URL("../../..", import.meta.url));
const case9 = fileURLToPath(new URL("../../../../shared/data/matpower/case9.m", import.meta.url));
const sc = (...args: string[]) => runCli({ cwd: root }, "study", case9, ...args);

describe("ampflux study --n-1", () => {
  it("prints per bus the worst I''k and the outage that gives it (min case: the lowest)", async () => {
    const run = await sc("--n-1", "all", "--case", "min", "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as OutageScreeningResult;
    expect(result.outages).toHaveLength(9);
    expect(result.buses).toHaveLength(9);
    for (const bus of result.buses) {
      expect(Object.keys(bus)).toEqual(["bus", "ikss_ka", "outage", "base_ikss_ka"]);
      expect(bus.ikss_ka).toBeLessThanOrEqual(bus.base_ikss_ka ?? 0);
    }
    // Every bus of case9 is weakest with one of its own lines out, never in the intact network.
    expect(result.buses.every((b) => b.outage !== null)).toBe(true);
    expect(run.stderr).toMatch(/N-1: 9 outages × 9 buses/);
  });

  it("gives the same current as the network studied without that branch", async () => {
    const screening = JSON.parse(
      (await sc("--n-1", "all", "--case", "min", "--format", "json")).stdout,
    ) as OutageScreeningResult;
    const bus = screening.buses.find((b) => b.outage !== null);
    const single = JSON.parse(
      (await sc("--n-1", bus?.outage ?? "", "--case", "min", "--format", "json")).stdout,
    ) as OutageScreeningResult;
    expect(single.outages.map((o) => o.outage)).toEqual([bus?.outage]);
    expect(single.buses.find((b) => b.bus === bus?.bus)?.ikss_ka).toBeCloseTo(bus?.ikss_ka ?? 0, 12);
  });

  it("screens earth faults too (Z(0) updated with each outage)", async () => {
    const run = await sc("--n-1", "all", "--fault", "1ph", "--format", "json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as OutageScreeningResult;
    expect(result.options.fault).toBe("1ph");
    expect(result.buses.every((b) => (b.ikss_ka ?? 0) >= (b.base_ikss_ka ?? 0))).toBe(true);
  });

  it("refuses what it does not screen, naming the flag", async () => {
    const other = await sc("--n-1", "all", "--duty");
    expect(other.stderr).toContain("--n-1 screens I''k at every bus: leave out --duty");
    const unknown = await sc("--n-1", "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('outages.0: no branch "nope"');
  });
});
