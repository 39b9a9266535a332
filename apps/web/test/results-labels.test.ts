import type { BusFaultResult } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { caseSummary, ikssLabel } from "../src/results/case-labels.ts";
import { resultColumns } from "../src/results/ResultsTable.tsx";

// Labels name the case the currents were computed for (IEC 60909-0 §4: I''k max / I''k min) and
// the table offers every quantity the fault type has (3·I0 only for earth faults).

const bus = (id: string, ikss: number | null): BusFaultResult => ({
  bus: id,
  fed: ikss !== null,
  ikss_ka: ikss,
  skss_mva: null,
  rk_ohm: null,
  xk_ohm: null,
  r0_ohm: null,
  x0_ohm: null,
  kappa: null,
  ip_ka: null,
  ib_ka: null,
  ith_ka: null,
  ike_ka: null,
});

describe("case labels", () => {
  const buses = [bus("B1", 14.43), bus("B2", 2.1), bus("B3", null)];

  it("says max for the maximum case (the largest current) and min for the minimum case (the smallest)", () => {
    expect(caseSummary(buses, "max")).toBe("largest Ik''max 14.43 kA");
    expect(caseSummary(buses, "min")).toBe("smallest Ik''min 2.10 kA");
    expect(caseSummary(buses, "min")).not.toMatch(/max/);
  });

  it("is empty without a fed bus", () => {
    expect(caseSummary([bus("B3", null)], "max")).toBe("");
  });

  it("labels the table's Ik'' column with the case", () => {
    expect(ikssLabel("min")).toBe("Ik''min");
    expect(resultColumns("3ph", "min").map((c) => c.label)).toContain("Ik''min");
    expect(resultColumns("3ph", "max").map((c) => c.label)).not.toContain("Ik''min");
  });
});

describe("results table columns", () => {
  it("shows name and Un for every fault type", () => {
    for (const fault of ["3ph", "2ph", "1ph", "2ph_earth"] as const)
      expect(
        resultColumns(fault, "max")
          .map((c) => c.key)
          .slice(0, 3),
      ).toEqual(["bus", "name", "vn_kv"]);
  });

  it("adds the earth current 3·I0 for 1-phase and 2-phase-to-earth faults only", () => {
    const keys = (fault: "3ph" | "2ph" | "1ph" | "2ph_earth") =>
      resultColumns(fault, "max").map((c) => c.key);
    expect(keys("1ph")).toContain("ike_ka");
    expect(keys("2ph_earth")).toContain("ike_ka");
    expect(keys("3ph")).not.toContain("ike_ka");
    expect(keys("2ph")).not.toContain("ike_ka");
    expect(keys("3ph")).toEqual(["bus", "name", "vn_kv", "ikss_ka", "ip_ka", "ib_ka", "ith_ka", "skss_mva"]);
  });
});
