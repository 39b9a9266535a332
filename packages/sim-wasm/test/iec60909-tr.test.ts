// IEC 60909-0:2016 engine against the published results of IEC TR 60909-4's example networks.
// Sources of the expected values are named per table; "printed precision" means the number of
// decimals the source prints, so the tolerance is half a unit of the last printed digit.

import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";
import { tr60909_4_lv } from "./networks/tr60909-4-lv.ts";

const core = await loadSimCore();
const FAULTS = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"];

function column(
  result: ReturnType<typeof core.shortCircuit>,
  field: "ikss_ka" | "ip_ka" | "ib_ka",
  buses = FAULTS,
) {
  return buses.map((id) => result.buses.find((b) => b.bus === id)?.[field] ?? Number.NaN);
}

function expectWithin(actual: number[], expected: number[], tolerance: number): void {
  actual.forEach((value, i) => {
    expect(
      Math.abs(value - (expected[i] ?? Number.NaN)),
      `entry ${i}: ${value} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(tolerance);
  });
}

describe("IEC TR 60909-4 high-voltage example (clause 6), c_max = 1.1, t_min = 0.1 s", () => {
  // TR 60909-4 Table 12 (2000 ed.), as quoted by the Siemens PSS/E example script
  // "iec60909_testnetwork_calculations.py" ("Table 12 from Standard"), by powsybl's
  // ShortCircuitBalancedTest ("expected in doc") and used by pandapower test_iec60909_4.py.
  const ikss = [40.6447, 31.7831, 19.673, 16.2277, 33.1894, 37.5629, 25.5895, 13.5778];
  const ipMethodC = [100.5677, 80.6079, 45.8111, 36.8427, 83.4033, 98.1434, 51.6899, 36.9227];
  const ib = [40.645, 31.57, 19.388, 16.017, 32.795, 34.028, 23.212, 13.578];

  it("I''k (3ph) at F1–F8 to the printed 4 decimals", () => {
    expectWithin(column(core.shortCircuit(tr60909_4_hv, { fault: "3ph" }), "ikss_ka"), ikss, 0.5e-4);
  });

  it("ip with κ by method C at F1–F8 to the printed 4 decimals (generators with R_Gf)", () => {
    const result = core.shortCircuit(tr60909_4_hv, { fault: "3ph", kappa_method: "C" });
    expectWithin(column(result, "ip_ka"), ipMethodC, 0.5e-4);
  });

  it("Ib (eq. 75 with phasors, μ and q) at F2, F3, F5, F6, F7 to the printed decimals", () => {
    // Eq. (75) as the standard writes it: ΔU''_i = jX''_i·I''k_i (eq. 76–77) and I''k_i are
    // phasors, Ib = |I''k − Σ terms|. With magnitudes only, F6/F7 came out 0.040 kA low (decay
    // 9.52 % of I''k at F6 against the TR's 9.41 %): the motors' parts at F6 (through the cable,
    // −82°) and G3's at F7 (−73°) are out of phase with I''k (−87°, −73°), so their terms, turned
    // by 90° + 2·arg I''k_i, remove less than their magnitudes (docs/short-circuit.md).
    const result = core.shortCircuit(tr60909_4_hv, { fault: "3ph", tmin_s: 0.1 });
    const at = ["F2", "F3", "F5", "F6", "F7"];
    const printed = at.map((id) => ib[FAULTS.indexOf(id)] ?? Number.NaN);
    // Half a unit of the third decimal (F2's 31.57 is printed with two: tighter there).
    expectWithin(column(result, "ib_ka", at), printed, 0.5e-3);
  });

  it("Ib at F1, F4, F8 within 0.01 kA: the TR leaves motors at I''kM/IrM ≤ 2 undecayed", () => {
    // Known gap, ours the lower Ib: at F1/F8 the TR's Ib is its I''k and at F4 0.0089 kA above
    // ours; the motors' terms at I''kM/IrM = 1.7–1.8 (μ = 1, q < 1 keeps 1 − μq > 0) are 0.0027
    // (F1), 0.0087 (F4) and 0.0014 kA (F8) of it; at F1 G3 (I''kG/IrG = 3.47) adds 0.0023 kA the
    // TR does not subtract either.
    const result = core.shortCircuit(tr60909_4_hv, { fault: "3ph", tmin_s: 0.1 });
    const at = ["F1", "F4", "F8"];
    const got = column(result, "ib_ka", at);
    const printed = at.map((id) => ib[FAULTS.indexOf(id)] ?? Number.NaN);
    expectWithin(got, printed, 0.01);
    for (const [i, value] of got.entries()) expect(value).toBeLessThanOrEqual(printed[i] ?? 0);
  });

  it("I''k1 (line-to-earth) at F1–F5 to the printed 4 decimals, and its peak current", () => {
    // I''k1: TR values quoted by powsybl ShortCircuitMonophasedTest (F2–F5, "expected doc value")
    // and pandapower test_iec60909_4.py (F1–F5); ip1 from the same pandapower list.
    const result = core.shortCircuit(tr60909_4_hv, { fault: "1ph" });
    const five = FAULTS.slice(0, 5);
    expectWithin(column(result, "ikss_ka", five), [24.6526, 15.9722, 10.4106, 9.0498, 17.0452], 0.5e-4);
    expectWithin(column(result, "ip_ka", five), [60.9982, 40.5086, 24.2424, 20.5464, 42.8337], 0.5e-4);
    // F8 is the 30 kV winding of T4 (unearthed side of Yyn0d5): no earth path, no earth-fault current.
    expect(result.buses.find((b) => b.bus === "F8")).toMatchObject({ ikss_ka: 0, r0_ohm: null });
  });

  it("line-to-line I''k2 = (√3/2)·I''k3 since Z(2) = Z(1)", () => {
    const two = column(core.shortCircuit(tr60909_4_hv, { fault: "2ph" }), "ikss_ka");
    const three = column(core.shortCircuit(tr60909_4_hv, { fault: "3ph" }), "ikss_ka");
    for (const [i, value] of two.entries())
      expect(value).toBeCloseTo((Math.sqrt(3) / 2) * (three[i] ?? 0), 10);
    // pandapower test_iec_60909_4_2ph prints 35.1994 at F1 (not a TR table).
    expectWithin(two.slice(0, 1), [35.1994], 0.5e-4);
  });

  it("minimum case matches pandapower's regression values for the same assumptions", () => {
    // Not a TR table: pandapower test_iec_60909_4_3ph_min, with S''kQmin = S''kQmax/10 (as in
    // the fixture), line end temperature 80 °C, c_min = 1.0 and motors neglected.
    const result = core.shortCircuit(tr60909_4_hv, { fault: "3ph", case: "min" });
    const expected = [5.0501, 12.2915, 10.3292, 9.4708, 11.8604, 28.3052, 18.6148, 10.9005];
    expectWithin(column(result, "ikss_ka"), expected, 0.5e-4);
  });
});

describe("IEC TR 60909-4 low-voltage example (clause 3), c_max = 1.05", () => {
  const lv = (fault: "3ph" | "1ph") =>
    core.shortCircuit(tr60909_4_lv, { fault, kappa_method: "B", lv_tolerance_percent: 6 });

  it("I''k at F1 and F2 to the printed 2 decimals; F3 within the TR's rounding of K_T", () => {
    // TR values 34.62, 34.12, 6.95 kA, quoted by powsybl ShortCircuitBalancedTest. At F3 the TR
    // works with K_T rounded to 0.975 (exact: 0.9749/0.9751) and rounded impedances: 6.9452
    // with those roundings (powsybl), 6.942 exact.
    const result = lv("3ph");
    expectWithin(column(result, "ikss_ka", ["F1", "F2"]), [34.62, 34.12], 0.005);
    expectWithin(column(result, "ikss_ka", ["F3"]), [6.95], 0.01);
  });

  it("ip by method B at F1 (1.15 factor applies: R/X of L4 exceeds 0.3)", () => {
    // TR value 81.36 kA (powsybl ShortCircuitBalancedTest); its κ comes from rounded impedances.
    expectWithin(column(lv("3ph"), "ip_ka", ["F1"]), [81.36], 0.02);
  });

  it("I''k1 at F1 within the TR's stated approximations", () => {
    // TR 35.64 kA "with some approximations" (powsybl ShortCircuitMonophasedTest); the exact
    // calculation from the TR's data gives 35.705 (powsybl: 35.7044).
    expectWithin(column(lv("1ph"), "ikss_ka", ["F1"]), [35.7044], 0.001);
  });
});
