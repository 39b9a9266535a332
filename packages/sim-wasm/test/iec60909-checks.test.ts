// The engine against independent calculations: a hand calculation of a radial feeder (IEC
// 60909-0 eq. 6, 12a, 29), a dense inversion of the same Ybus on the TR 60909-4 network,
// Kirchhoff's current law on branch results, and the input errors users will meet.

import { type NetworkDocumentInput, shortCircuitOptionsSchema, validateNetwork } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { assemble, energizedNodes } from "../src/iec60909/admittance.ts";
import { buildModel } from "../src/iec60909/build-model.ts";
import { correctionFactors } from "../src/iec60909/kernels.ts";
import { baseCurrentKa } from "../src/iec60909/model.ts";
import { loadSimCore, ShortCircuitInputError } from "../src/index.ts";
import { instantiateSim } from "../src/loader.ts";
import { fromTriplets } from "../src/sparse.ts";
import { denseInverseColumn, denseLu, toDense } from "../src/testing/dense.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";

const core = await loadSimCore();
const sim = await instantiateSim();

/**
 * The shared 110 kV feeder (3000 MVA, R/X 0.1) → 40 MVA 110/20 kV transformer → 5 km of 20 kV
 * line, with line capacitance (which eq. 29 neglects) and a bus "island" that nothing feeds.
 */
const radial = {
  ...mvFeeder,
  buses: [...mvFeeder.buses, { id: "island", vn_kv: 20 }],
  lines: mvFeeder.lines.map((line) => ({ ...line, c_nf_per_km: 10 })),
} satisfies NetworkDocumentInput;

describe("radial feeder against a hand calculation", () => {
  it("I''k at the line end is c·Un / (√3 |Z_Q + K_T Z_T + Z_L|)", () => {
    const c = 1.1;
    const un = 20;
    // Z_Q referred to 20 kV (eq. 6): c·Un²/S''kQ with R/X = 0.1.
    const zq = (c * un * un) / 3000;
    const xq = zq / Math.sqrt(1.01);
    // Z_T (eq. 7–9) with K_T = 0.95·c_max/(1 + 0.6 x_T) (eq. 12a).
    const xtPu = Math.sqrt(0.12 ** 2 - 0.005 ** 2);
    const kt = (0.95 * c) / (1 + 0.6 * xtPu);
    const zBaseT = (un * un) / 40;
    const r = 0.1 * xq + kt * 0.005 * zBaseT + 5 * 0.2;
    const x = xq + kt * xtPu * zBaseT + 5 * 0.35;
    const expected = (c * un) / (Math.sqrt(3) * Math.hypot(r, x));
    const result = core.shortCircuit(radial, { fault: "3ph", buses: ["end"], branches: true });
    const end = result.buses[0];
    expect(end?.ikss_ka).toBeCloseTo(expected, 10);
    expect(end?.rk_ohm).toBeCloseTo(r, 10);
    expect(end?.xk_ohm).toBeCloseTo(x, 10);
    // The whole fault current flows through the line, into it at "mv" and out of it at "end".
    const line = result.branches.filter((b) => b.branch === "L");
    expect(line.map((b) => b.ikss_ka)).toEqual([expect.closeTo(expected, 9), expect.closeTo(expected, 9)]);
  });

  it("reports a bus no source feeds as a result, with a warning, not an error", () => {
    const result = core.shortCircuit(radial, { fault: "3ph" });
    expect(result.buses.find((b) => b.bus === "island")).toMatchObject({ fed: false, ikss_ka: null });
    expect(result.warnings.map((w) => w.message).join()).toMatch(/1 bus\(es\) fed by no source: island/);
  });

  it("an open switch at the line's end isolates the bus behind it", () => {
    const switched = {
      ...radial,
      switches: [{ id: "S", bus: "end", element: "L", element_type: "line", closed: false }],
    };
    const result = core.shortCircuit(switched, { fault: "3ph", buses: ["end"] });
    expect(result.buses[0]?.fed).toBe(false);
  });

  it("names the JSON path of invalid networks and options", () => {
    const broken = { ...radial, lines: [{ ...radial.lines?.[0], to_bus: "nowhere" }] };
    const error = (body: () => unknown) => {
      try {
        body();
      } catch (e) {
        if (e instanceof ShortCircuitInputError) return e.issues;
      }
      throw new Error("expected a ShortCircuitInputError");
    };
    expect(error(() => core.shortCircuit(broken, {}))).toEqual([
      { path: ["lines", 0, "to_bus"], message: 'unknown bus "nowhere"' },
    ]);
    expect(error(() => core.shortCircuit(radial, { buses: ["hv", "x"] }))).toEqual([
      { path: ["buses", 1], message: 'unknown bus "x"' },
    ]);
    expect(error(() => core.shortCircuit(radial, { fault: "4ph" as "3ph" }))[0]?.path).toEqual(["fault"]);
    expect(error(() => core.shortCircuit(radial, { branches: true }))[0]?.path).toEqual(["branches"]);
  });
});

describe("TR 60909-4 network against a dense inversion of the same Ybus", () => {
  const doc = validateNetwork(tr60909_4_hv).document ?? expect.unreachable("the fixture is valid");

  function denseDiagonal(network: "positive" | "zero") {
    const options = shortCircuitOptionsSchema.parse({ fault: "1ph" });
    const model = buildModel(doc, options, correctionFactors(sim));
    const index = energizedNodes(model[network], model.nodeCount, network === "positive");
    const t = assemble(model[network], index, { xScale: 1, shiftSign: 0 });
    const lu = denseLu(toDense(fromTriplets(sim, t.n, t.rows, t.cols, t.values)));
    return { model, index, column: (k: number) => denseInverseColumn(lu, k) };
  }

  it("I''k (3ph) and I''k1 (1ph) at every bus equal c/|Z(1)| and 3c/|2Z(1) + Z(0)| from dense Z", () => {
    const pos = denseDiagonal("positive");
    const zero = denseDiagonal("zero");
    const three = core.shortCircuit(tr60909_4_hv, { fault: "3ph" });
    const one = core.shortCircuit(tr60909_4_hv, { fault: "1ph" });
    for (const bus of doc.buses) {
      const node = pos.model.nodeOfBus.get(bus.id) ?? -1;
      const k = pos.index[node] ?? -1;
      const z1 = pos.column(k).slice(2 * k, 2 * k + 2);
      const base = baseCurrentKa(bus.vn_kv);
      const c = pos.model.c[node] ?? 0;
      const ik3 = three.buses.find((b) => b.bus === bus.id)?.ikss_ka;
      expect(ik3).toBeCloseTo((c * base) / Math.hypot(z1[0] ?? 0, z1[1] ?? 0), 9);
      const k0 = zero.index[node] ?? -1;
      const ik1 = one.buses.find((b) => b.bus === bus.id)?.ikss_ka;
      if (k0 < 0) {
        expect(ik1).toBe(0);
        continue;
      }
      const z0 = zero.column(k0).slice(2 * k0, 2 * k0 + 2);
      const sum = Math.hypot(2 * (z1[0] ?? 0) + (z0[0] ?? 0), 2 * (z1[1] ?? 0) + (z0[1] ?? 0));
      expect(ik1).toBeCloseTo((3 * c * base) / sum, 9);
    }
  });

  it("branch currents at a meshed bus sum to the fault current (Kirchhoff)", () => {
    const result = core.shortCircuit(tr60909_4_hv, { fault: "3ph", buses: ["F2"], branches: true });
    let re = 0;
    let im = 0;
    for (const b of result.branches.filter((b) => b.bus === "F2")) {
      re += b.ikss_ka * Math.cos((b.angle_deg * Math.PI) / 180);
      im += b.ikss_ka * Math.sin((b.angle_deg * Math.PI) / 180);
    }
    expect(Math.hypot(re, im)).toBeCloseTo(result.buses[0]?.ikss_ka ?? 0, 9);
    expect(new Set(result.branches.filter((b) => b.bus === "F2").map((b) => b.branch))).toEqual(
      new Set(["L1", "L3a", "L3b", "T3", "T4"]),
    );
  });
});

describe("the model of a study without an earth fault", () => {
  const doc = validateNetwork(tr60909_4_hv).document ?? expect.unreachable("the fixture is valid");

  it("has the full model's positive sequence and machines, and no zero sequence or earth-fault warnings", () => {
    const options = shortCircuitOptionsSchema.parse({ fault: "3ph" });
    const full = buildModel(doc, options, correctionFactors(sim));
    const positiveOnly = buildModel(doc, options, correctionFactors(sim), { zeroSequence: false });
    // The TR network has earthed star points and zero-sequence data: the full model's zero sequence is not empty.
    expect(full.zero.series.length + full.zero.shunts.length).toBeGreaterThan(0);
    expect(full.earthFaultWarnings.length).toBeGreaterThan(0);
    expect([positiveOnly.zero.series.length, positiveOnly.zero.shunts.length]).toEqual([0, 0]);
    expect(positiveOnly.earthFaultWarnings).toEqual([]);
    const { zero: _z, earthFaultWarnings: _w, ...rest } = full;
    const { zero: _z2, earthFaultWarnings: _w2, ...restPositive } = positiveOnly;
    expect(restPositive).toEqual(rest);
  });
});
