// SimCore.arcFlashCases, the calculator behind `ampflux arc-flash`: Annex D.1 and D.2 as cases
// (values to their printed precision, IEEE 1584-2018 Annex D as reproduced in LiaungYip/arcflash
// test_example_calcs.py), the governing case with its PPE, and refused cases naming the field.

// IEEE 1584-2018 Annex D.1 and D.2 as calculator cases (their one copy is in contracts/testing).
import {
  annexD1Outputs,
  annexD2Outputs,
  annexD1Case as D1,
  annexD2Case as D2,
  printedMismatches,
} from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();

function printed(actual: number | null | undefined, value: number, decimals: number): void {
  expect(Math.abs((actual ?? Number.NaN) - value)).toBeLessThan(0.5 * 10 ** -decimals);
}

describe("SimCore.arcFlashCases", () => {
  const results = core.arcFlashCases([
    D1,
    { ...D2, gap_mm: "32" },
    D2,
    { ...D2, gap_mm: 100 },
    { ...D2, colour: "red" },
    { ...D2, config: "VOA", time_reduced_ms: undefined },
    42,
  ]);

  it("computes Annex D.1 with its intermediates; the reduced case governs (D.62 > D.32)", () => {
    const d1 = results[0];
    if (!d1?.ok) throw new Error("D.1 refused");
    expect(printedMismatches(d1.output, annexD1Outputs)).toEqual([]);
    printed(d1.intermediates.iarc_2700_ka, 12.816, 3);
    printed(d1.intermediates.e_min_14300_j_cm2, 15.602, 3);
    printed(d1.intermediates.ees_in, 36.316, 3);
    expect(d1.output.enclosure).toBe("typical");
    expect(d1.output.governing).toBe("reduced");
    // 13.343 J/cm² / 4.184 = 3.189 cal/cm²: PPE category 1 (NFPA 70E, ≤ 4 cal/cm²).
    printed(d1.output.energy_cal_cm2, 13.343 / 4.184, 3);
    expect(d1.output.ppe).toMatch(/PPE category 1/);
  });

  it("computes Annex D.2; only the 600 V intermediate exists at 480 V", () => {
    const d2 = results[2];
    if (!d2?.ok) throw new Error("D.2 refused");
    expect(printedMismatches(d2.output, annexD2Outputs)).toEqual([]);
    printed(d2.intermediates.iarc_600_ka, 32.449, 3);
    expect(d2.intermediates.iarc_2700_ka).toBeNull();
    expect(d2.intermediates.e_600_j_cm2).toBeNull();
    // 53.156 / 4.184 = 12.70 cal/cm²: category 3 (≤ 25 cal/cm²).
    expect(d2.output.ppe).toMatch(/PPE category 3/);
  });

  it("refuses bad cases one by one, naming the field", () => {
    const issue = (k: number) => {
      const r = results[k];
      if (!r || r.ok) throw new Error(`case ${k} was computed`);
      return r.issue;
    };
    expect(issue(1).field).toBe("gap_mm");
    expect(issue(3)).toEqual({
      field: "gap_mm",
      message: "100 mm is outside 6.35–76.2 mm for 208–600 V (IEEE 1584-2018 §4.2)",
    });
    expect(issue(4).field).toBe("colour");
    expect(issue(6).field).toBe("");
  });

  it("uses time_ms for the reduced case when time_reduced_ms is absent, CF 1 in open air", () => {
    const voa = results[5];
    if (!voa?.ok) throw new Error("VOA refused");
    expect(voa.output.enclosure).toBe("open_air");
    expect(voa.output.cf).toBe(1);
    expect(voa.intermediates.width1_in).toBeNull();
    const twice = core.arcFlashCases([{ ...D2, config: "VOA", time_reduced_ms: 61.3 }])[0];
    expect(twice?.ok && twice.output.e_min_j_cm2).toBe(voa.output.e_min_j_cm2);
  });
});
