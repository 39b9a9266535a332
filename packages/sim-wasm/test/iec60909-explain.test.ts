// "Why this number" (explainBusResult) against hand calculations and the engine's own results:
// - the radial MV feeder of iec60909-checks.test.ts (eq. 6, 12a, 29 by hand), its K_T, c and κ;
// - Table 1 rows for LV (both tolerances), MV and HV, max and min (IEC 60909-0:2016 Table 1);
// - partial currents: with every transformer at its nominal ratio the sources' parts add, as
//   phasors, to I''k for every fault type (the residual is 0); on the TR 60909-4 HV network the
//   machines' parts equal the I''kG of eq. (75) and their decrements add up to I''k − Ib, the
//   breaking current the Rust kernel computed on its own (TR 60909-4 Table 12 values checked
//   in iec60909-tr.test.ts);
// - Ith = I''k·√(m + n) with m by eq. (A.1) computed here by hand (as duty.test.ts does).

import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore, ShortCircuitInputError } from "../src/index.ts";
import { syntheticNetwork } from "../src/synthetic-network.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";
import { tr60909_4_lv } from "./networks/tr60909-4-lv.ts";

const core = await loadSimCore();

/** The feeder with a generator, a motor and a converter at 20 kV: every ratio is nominal. */
const mixed = {
  ...mvFeeder,
  external_grids: mvFeeder.external_grids.map((g) => ({ ...g, x0x_max: 1, r0x0_max: 0.1 })),
  generators: [{ id: "G", bus: "mv", sn_mva: 10, vn_kv: 20, xdss_pu: 0.15, rdss_ohm: 0.05, cos_phi: 0.8 }],
  motors: [
    {
      id: "M",
      bus: "end",
      pn_mech_mw: 2,
      vn_kv: 20,
      cos_phi_n: 0.88,
      efficiency_n_percent: 96,
      lrc_pu: 5,
      rx: 0.1,
      pole_pairs: 2,
    },
  ],
  static_generators: [{ id: "PV", bus: "end", sn_mva: 5, k: 1.2 }],
};

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe("explanation of the radial feeder (hand calculation of iec60909-checks.test.ts)", () => {
  const c = 1.1;
  const xtPu = Math.sqrt(0.12 ** 2 - 0.005 ** 2);
  const kt = (0.95 * c) / (1 + 0.6 * xtPu); // eq. (12a)
  const zq = (c * 20 * 20) / 3000; // eq. (6) at 20 kV
  const xq = zq / Math.sqrt(1.01);
  const r = 0.1 * xq + kt * 0.005 * (400 / 40) + 5 * 0.2;
  const x = xq + kt * xtPu * (400 / 40) + 5 * 0.35;
  const ikss = (c * 20) / (Math.sqrt(3) * Math.hypot(r, x)); // eq. (29)

  it("c, Table 1 row, Z(1), formula, the grid's part, K_T, κ, Ib and Ith", () => {
    const e = core.explainBusResult(mvFeeder, { fault: "3ph", kappa_method: "C" }, "end");
    expect(e.voltage_factor).toMatchObject({ c: 1.1, un_kv: 20, source: "table_1" });
    expect(e.voltage_factor.row).toMatch(/Un > 1 kV.*c_max = 1\.10/);
    expect(e.impedances.z1.r_ohm).toBeCloseTo(r, 10);
    expect(e.impedances.z1.x_ohm).toBeCloseTo(x, 10);
    expect(e.impedances.z2).toEqual(e.impedances.z1);
    expect(e.impedances.z0).toBeNull();
    expect(e.formula.clause).toMatch(/eq\. \(29\)/);
    expect(e.result.ikss_ka).toBeCloseTo(ikss, 10);
    // One source: its part is all of I''k, in phase with it.
    expect(e.contributions.parts).toHaveLength(1);
    expect(e.contributions.parts[0]).toMatchObject({ element: "grid", kind: "external_grid", bus: "hv" });
    expect(e.contributions.parts[0]?.current.magnitude_ka).toBeCloseTo(ikss, 10);
    expect(e.contributions.ratio_residual.magnitude_ka).toBeLessThan(1e-9 * ikss);
    expect(e.transformer_factors).toEqual([expect.objectContaining({ element: "T", name: "K_T" })]);
    expect(e.transformer_factors[0]?.value).toBeCloseTo(kt, 12);
    // κ by method C from the R/X it reports (eq. 55), ip = κ√2 I''k.
    expect(e.peak.method).toBe("C");
    expect(e.peak.kappa).toBeCloseTo(1.02 + 0.98 * Math.exp(-3 * e.peak.r_over_x), 12);
    expect(e.peak.ip_ka).toBeCloseTo(e.peak.kappa * Math.SQRT2 * ikss, 9);
    // No machines: Ib = I''k.
    expect(e.breaking.machines).toEqual([]);
    expect(e.breaking.ib_ka).toBeCloseTo(ikss, 10);
    // m by eq. (A.1) for f = 50 Hz, T_k = 1 s; n = 1.
    const ln = Math.log(e.peak.kappa - 1);
    const m = (Math.exp(4 * 50 * 1 * ln) - 1) / (2 * 50 * 1 * ln);
    expect(e.thermal.m).toBeCloseTo(m, 12);
    expect(e.thermal.n).toBe(1);
    expect(e.thermal.ith_ka).toBeCloseTo(ikss * Math.sqrt(m + 1), 9);
    // The whole current flows through the line (branch currents at this fault).
    expect(e.branches.filter((b) => b.branch === "L").map((b) => b.ikss_ka)).toEqual([
      expect.closeTo(ikss, 9),
      expect.closeTo(ikss, 9),
    ]);
  });

  it("method B names the 1.15 factor (the transformer's R/X is below 0.3, the line's is not)", () => {
    const e = core.explainBusResult(mvFeeder, { fault: "3ph", kappa_method: "B" }, "end");
    expect(e.peak.method).toBe("B");
    expect(e.peak.text).toMatch(/× 1\.15, capped at 2/);
    expect(e.peak.kappa).toBeCloseTo(Math.min(2, 1.15 * (1.02 + 0.98 * Math.exp(-3 * e.peak.r_over_x))), 12);
  });
});

describe("Table 1 row of c (IEC 60909-0:2016)", () => {
  const row = (network: unknown, bus: string, options: Parameters<typeof core.explainBusResult>[1]) =>
    core.explainBusResult(network, options, bus).voltage_factor;

  it("low voltage: 1.05/0.95 at +6 %, 1.10/0.90 at +10 %", () => {
    // TR 60909-4 LV example (clause 5): F1 is a 0.4 kV bus.
    expect(row(tr60909_4_lv, "F1", { lv_tolerance_percent: 6 })).toMatchObject({ c: 1.05, un_kv: 0.4 });
    expect(row(tr60909_4_lv, "F1", { lv_tolerance_percent: 6, case: "min" })).toMatchObject({ c: 0.95 });
    const max10 = row(tr60909_4_lv, "F1", { lv_tolerance_percent: 10 });
    expect(max10).toMatchObject({ c: 1.1, source: "table_1" });
    expect(max10.row).toMatch(/Un ≤ 1 kV\), tolerance \+10 %: c_max = 1\.10/);
    expect(row(tr60909_4_lv, "F1", { lv_tolerance_percent: 10, case: "min" }).row).toMatch(/c_min = 0\.90/);
  });

  it("medium and high voltage: 1.10 / 1.00; an override is named as such", () => {
    expect(row(mvFeeder, "mv", { case: "min" })).toMatchObject({ c: 1, un_kv: 20 });
    expect(row(tr60909_4_hv, "F1", {})).toMatchObject({ c: 1.1, un_kv: 380 });
    expect(row(tr60909_4_hv, "F1", { case: "min" }).row).toMatch(/Un > 1 kV.*c_min = 1\.00/);
    expect(row(mvFeeder, "end", { c_max: 1.05 })).toMatchObject({ c: 1.05, source: "option" });
  });
});

describe("partial currents add up to I''k", () => {
  for (const fault of ["3ph", "2ph", "1ph", "2ph_earth"] as const) {
    it(`${fault}: grid, generator, motor and converter at nominal ratios, no residual`, () => {
      const e = core.explainBusResult(mixed, { fault }, "end");
      const parts = e.contributions.parts;
      let re = 0;
      let im = 0;
      for (const p of parts) {
        re += p.current.magnitude_ka * Math.cos((p.current.angle_deg * Math.PI) / 180);
        im += p.current.magnitude_ka * Math.sin((p.current.angle_deg * Math.PI) / 180);
      }
      expect(relative(Math.hypot(re, im), e.result.ikss_ka)).toBeLessThan(1e-9);
      expect(e.contributions.ratio_residual.magnitude_ka).toBeLessThan(1e-9 * e.result.ikss_ka);
      const kinds = new Map(parts.map((p) => [p.element, p.kind]));
      expect(kinds.get("grid")).toBe("external_grid");
      expect(kinds.get("G")).toBe("generator");
      expect(kinds.get("M")).toBe("motor");
      expect(kinds.get("PV")).toBe("converter");
      if (fault === "1ph" || fault === "2ph_earth") expect(kinds.get("T")).toBe("earthed_winding");
      expect(parts.find((p) => p.element === "G")?.factors[0]?.name).toBe("K_G");
    });
  }

  it("TR 60909-4 HV, 3ph: the machines' parts are eq. (75)'s I''kG and their decrements give Ib", () => {
    for (const bus of ["F1", "F2", "F5", "F6", "F7"]) {
      const e = core.explainBusResult(tr60909_4_hv, { fault: "3ph", tmin_s: 0.1 }, bus);
      const decrement = e.breaking.machines.reduce((s, m) => s + m.decrement_ka, 0);
      // Ib came from the Rust kernel (bounded columns); the explanation's terms rebuild it: the
      // phasor terms along I''k and what their components across it give back (≤ 0).
      expect(e.breaking.quadrature_ka).toBeLessThanOrEqual(0);
      expect(relative(e.result.ikss_ka - decrement - e.breaking.quadrature_ka, e.result.ib_ka)).toBeLessThan(
        1e-9,
      );
      for (const m of e.breaking.machines) {
        const part = e.contributions.parts.find((p) => p.element === m.element);
        // The engine's I''kG is at the machine's bus; the part is at the fault bus: equal where
        // both are at one voltage level (F6: G3, F7: the motors).
        if (part && part.bus === bus)
          expect(relative(part.current.magnitude_ka, m.ikss_ka)).toBeLessThan(1e-9);
        expect(m.mu).toBeLessThanOrEqual(1);
        if (m.kind === "motor") expect(m.q).not.toBeNull();
        else expect(m.q).toBeNull();
      }
      // The unit's factor is K_SO (T2 without tap changer) or K_S (T1 with one).
      const units = e.contributions.parts.filter((p) => p.kind === "power_station_unit");
      expect(units.map((p) => p.factors[0]?.name).sort()).toEqual(["K_S", "K_SO"]);
      // Off-nominal rated ratios leave a residual, small against I''k.
      expect(e.contributions.ratio_residual.magnitude_ka).toBeLessThan(0.1 * e.result.ikss_ka);
    }
  });
});

describe("Ib of many machines (the kernel's columns in blocks of eight, WASM SIMD)", () => {
  it("a 2,000-bus grid with 40 generators: the explanation's decrements give the kernel's Ib", () => {
    // The kernel solves the machine buses' columns of Z eight at a time (bounded_columns.rs,
    // column_lanes.rs); the explanation solves one full column per machine here. A wrong lane or
    // sign in a block would move Ib by far more than the rounding of two summation orders.
    const network = syntheticNetwork(2_000);
    let decayed = 0;
    for (const bus of ["b25", "b475", "b975", "b1525", "b1975", "b26", "b1000"]) {
      const e = core.explainBusResult(network, { fault: "3ph", tmin_s: 0.1 }, bus);
      const decrement = e.breaking.machines.reduce((s, m) => s + m.decrement_ka, 0);
      if (decrement > 0) decayed++;
      expect(relative(e.result.ikss_ka - decrement - e.breaking.quadrature_ka, e.result.ib_ka)).toBeLessThan(
        1e-9,
      );
    }
    expect(decayed).toBeGreaterThanOrEqual(5);
  });
});

describe("the ratio residual comes from off-nominal rated ratios", () => {
  it("TR 60909-4 HV with every winding rated at its bus's nominal voltage: the parts add up to I''k", () => {
    const kvOf = new Map((tr60909_4_hv.buses ?? []).map((b) => [b.id, b.vn_kv]));
    const kv = (bus: string) => kvOf.get(bus) ?? Number.NaN;
    const nominal = {
      ...tr60909_4_hv,
      transformers: (tr60909_4_hv.transformers ?? []).map((t) => ({
        ...t,
        vn_hv_kv: kv(t.hv_bus),
        vn_lv_kv: kv(t.lv_bus),
      })),
      transformers3w: (tr60909_4_hv.transformers3w ?? []).map((t) => ({
        ...t,
        vn_hv_kv: kv(t.hv_bus),
        vn_mv_kv: kv(t.mv_bus),
        vn_lv_kv: kv(t.lv_bus),
      })),
    };
    for (const fault of ["3ph", "1ph"] as const) {
      const asFiled = core.explainBusResult(tr60909_4_hv, { fault }, "F2");
      expect(asFiled.contributions.ratio_residual.magnitude_ka).toBeGreaterThan(
        1e-3 * asFiled.result.ikss_ka,
      );
      const e = core.explainBusResult(nominal, { fault }, "F2");
      expect(e.contributions.ratio_residual.magnitude_ka).toBeLessThan(1e-9 * e.result.ikss_ka);
    }
  });
});

describe("correction factors on the TR 60909-4 HV network", () => {
  it("K_G, K_S, K_SO and K_T as IEC TR 60909-4:2000 §6.2 prints them (6 decimals)", () => {
    const e = core.explainBusResult(tr60909_4_hv, { fault: "3ph" }, "F1");
    const factor = (element: string) => e.contributions.parts.find((p) => p.element === element)?.factors[0];
    const kT = (element: string) => e.transformer_factors.find((t) => t.element === element)?.value;
    expect(factor("G3")).toMatchObject({ name: "K_G", value: expect.closeTo(0.98832, 5) });
    expect(factor("G1")).toMatchObject({ name: "K_S", value: expect.closeTo(0.995975, 5) });
    expect(factor("G2")).toMatchObject({ name: "K_SO", value: expect.closeTo(0.876832, 5) });
    expect(kT("T5 (hv–mv)")).toBeCloseTo(0.97487, 5);
    expect(kT("T3 (hv–mv)")).toBeCloseTo(0.928072, 5);
    expect(kT("T3 (hv–lv)")).toBeCloseTo(0.985856, 5);
    expect(kT("T3 (mv–lv)")).toBeCloseTo(1.00289, 5);
  });
});

describe("refusals", () => {
  const issues = (body: () => unknown) => {
    try {
      body();
    } catch (e) {
      if (e instanceof ShortCircuitInputError) return e.issues;
    }
    throw new Error("expected a ShortCircuitInputError");
  };

  it("an unknown bus and bad options name the field", () => {
    expect(issues(() => core.explainBusResult(mvFeeder, {}, "nowhere"))).toEqual([
      { path: ["bus"], message: 'unknown bus "nowhere"' },
    ]);
    expect(issues(() => core.explainBusResult(mvFeeder, { tmin_s: -1 }, "end"))[0]?.path).toEqual(["tmin_s"]);
  });
});
