import { type BusFaultResult, studySettingsSchema } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { caseSummary, ikssLabel } from "../src/results/case-labels.ts";
import { resultColumns } from "../src/results/ResultsTable.tsx";
import { DEFAULT_STUDY_OPTIONS, fromStudySettings, toStudySettings } from "../src/results/study-options.ts";

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

describe("study settings ↔ live options", () => {
  it("round-trips the options the project saves, LV tolerance included", () => {
    const options = {
      ...DEFAULT_STUDY_OPTIONS,
      case: "min" as const,
      lv_tolerance_percent: 6 as const,
      tk_s: 0.5,
    };
    const settings = toStudySettings(options);
    expect(settings).toMatchObject({ case: "min", lv_tolerance_percent: 6, tk_s: 0.5, r_fault_ohm: 0 });
    expect(fromStudySettings(studySettingsSchema.parse(settings))).toEqual({
      ...options,
      c_max: undefined,
      c_min: undefined,
      r_fault_ohm: undefined,
      x_fault_ohm: undefined,
    });
  });

  it("saves nothing while a value is refused (tk above the schema's 10 s)", () => {
    expect(toStudySettings({ ...DEFAULT_STUDY_OPTIONS, tk_s: 11 })).toBeNull();
  });
});
