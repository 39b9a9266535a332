// Every importer goes through the schema's plausible ranges and refuses an absurd value at the
// line of its row, in the same words as a refused save: "bus 1: Nominal voltage Un (kV): must be ≤ 1200".

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importNetworkFile, NetworkFileError } from "../src/importers/index.ts";
import { matpowerToCdf, mvFeeder } from "../src/testing/index.ts";
import { caught } from "./caught.ts";

const read = (url: string) => readFileSync(new URL(url, import.meta.url), "utf8");
const CASE9 = read("../../../../shared/data/matpower/case9.m");
const PSSE = read("fixtures/psse/same-network_v33.raw");

const refused = (fileName: string, text: string) =>
  caught(() => importNetworkFile(fileName, text), NetworkFileError);

/** case9 with BUS_I 1's BASE_KV (345) set to `kv`, and the line of that row. */
function case9WithBaseKv(kv: string) {
  const lines = CASE9.split("\n");
  const row = lines.findIndex((l) => /^\s*1\s+3\s+/.test(l));
  lines[row] = (lines[row] ?? "").replace(/\b345\b/, kv);
  return { text: lines.join("\n"), line: row + 1 };
}

describe("absurd values in imported files", () => {
  it("MATPOWER: BASE_KV 1e308 at its row", () => {
    const { text, line } = case9WithBaseKv("1e308");
    const error = refused("case9.m", text);
    expect(error.line).toBe(line);
    expect(error.message).toBe(`line ${line}: bus 1: Nominal voltage Un (kV): must be ≤ 1200`);
  });

  it("MATPOWER: a branch reactance of 1e12 p.u. names the branch and field", () => {
    const text = CASE9.replace(/^(\s*1\s+4\s+)0\s+0\.0576\b/m, "$10\t1e12");
    expect(text).not.toBe(CASE9);
    expect(refused("case9.m", text).message).toMatch(/^line \d+: line br1: X' \(Ω\/km\): must be ≤ 1000000$/);
  });

  it("IEEE CDF: a base voltage of 99999 kV at its bus card", () => {
    const { text } = case9WithBaseKv("99999");
    const error = refused("case9.cdf", matpowerToCdf(text, "CASE9"));
    expect(error.message).toMatch(/bus 1\b.*: Nominal voltage Un \(kV\): must be ≤ 1200$/);
    expect(error.line).toBeGreaterThan(1);
  });

  it("PSS/E: BASKV 1e308 at its bus record", () => {
    const text = PSSE.replace("1,'HV          ', 110.0,", "1,'HV          ', 1e308,");
    expect(text).not.toBe(PSSE);
    const error = refused("case.raw", text);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/bus \S+ 'HV': Nominal voltage Un \(kV\): must be ≤ 1200$/);
  });

  it("AmpFlux JSON: a 5e-324 km line and a 2 MB name", () => {
    const line = { ...mvFeeder.lines[0], length_km: 5e-324 };
    const tiny = refused("net.json", JSON.stringify({ ...mvFeeder, lines: [line] }));
    expect(tiny.message).toBe("line L: Length (km): must be > 0.000001");
    const long = refused("net.json", JSON.stringify({ ...mvFeeder, name: "n".repeat(2 * 1024 * 1024) }));
    expect(long.message).toBe("name: must be at most 500 characters");
  });
});
