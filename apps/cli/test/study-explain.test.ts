import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BusResultExplanation, busResultExplanationSchema } from "@ampflux/contracts";
import { mvFeeder, mvFeederEndIkssKa } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study FILE --explain BUS`: "why this number" as text and JSON. The value checked is
// mvFeeder's I''k at "end" by hand, c·Un / (√3 |Z_Q + K_T Z_T + Z_L|) (IEC 60909-0:2016 eq. 6,
// 12a, 29), as in packages/sim-wasm/test/iec60909-checks.test.ts.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-explain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "feeder.json");
writeFileSync(file, JSON.stringify(mvFeeder));
const sc = (...args: string[]) => runCli({ cwd: root }, "study", file, ...args);

describe("ampflux study --explain", () => {
  it("prints the explanation as JSON with --format json", async () => {
    const run = await sc("--explain", "end", "--case", "min", "--format", "json");
    expect(run.code).toBe(0);
    const e = busResultExplanationSchema.parse(JSON.parse(run.stdout)) as BusResultExplanation;
    expect(e).toMatchObject({ bus: "end", fault: "3ph", case: "min" });
    expect(e.voltage_factor).toMatchObject({ c: 1, source: "table_1" });
    expect(e.contributions.parts[0]).toMatchObject({ element: "grid", kind: "external_grid" });
  });

  it("prints it readably: c and its Table 1 row, Z(1), the grid's part, K_T, κ, Ib, Ith", async () => {
    const run = await sc("--explain", "end");
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).toContain("Why these numbers: bus end, 3ph fault, max case (IEC 60909-0:2016)");
    expect(text).toContain(`I''k = ${mvFeederEndIkssKa().toFixed(3)} kA`);
    expect(text).toContain("medium and high voltage (Un > 1 kV): c_max = 1.10 (IEC 60909-0:2016 Table 1)");
    expect(text).toMatch(/grid\s+external_grid\s+[\d.]+ kA/);
    expect(text).toMatch(/T: K_T = 0\.\d{6} \(IEC 60909-0:2016 §6\.3\.3, eq\. \(12a\)\)/);
    expect(text).toContain("method C (equivalent frequency)");
    expect(text).toContain("Ib = I''k: no rotating machine feeds the fault");
    expect(text).toMatch(/Thermal: Ith = [\d.]+ kA over T_k = 1 s, m = [\d.]+, n = 1/);
    expect(text).toMatch(/L\s+at end/);
  });

  it("names an unknown bus and the flags that do not go with it", async () => {
    const unknown = await sc("--explain", "nowhere");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--explain nowhere: unknown bus "nowhere"');
    const mixed = await sc("--explain", "end", "--bus", "mv", "--format", "csv");
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("--explain BUS explains one bus: leave out --bus");
    expect(mixed.stderr).toContain("--explain prints text (--format table) or --format json, not csv");
  });
});
