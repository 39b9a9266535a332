// Series impedances / current-limiting reactors, earthing transformers, zig-zag windings and
// neutral earthing impedances, each on a small network whose Z(1), Z(0) and I''k are worked out
// by hand here from IEC 60909-0:2016:
// - feeder Z_Q = c·U_n²/S''kQ with R/X given (eq. 6), zero sequence by X0/X and R0/X0;
// - reactor Z_R = u_kR/100 % · U_n/(√3·I_rR), Z(0) = Z(1) for a symmetric reactor, no correction;
// - transformers corrected by K_T = 0.95·c_max/(1 + 0.6·x_T) (eq. 12a), also in Z(0); 3·Z_N of the
//   neutral earthing impedance enters Z(0) without K_T (§6.3);
// - generators corrected by K_G = U_n/U_rG · c_max/(1 + x''d·sin φ_rG) (eq. 18), Z(0)GK =
//   K_G·(R(0) + jX(0)), 3·Z_N without K_G (§6.6.1);
// - I''k3 = c·U_n/(√3·|Z(1)|) (eq. 29), I''k2 = c·U_n/|2·Z(1)| (eq. 30 with Z(2) = Z(1)),
//   I''k1 = √3·c·U_n/|2·Z(1) + Z(0)| (eq. 36).

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const c = 1.1; // c_max for 1 kV < U_n ≤ 230 kV (Table 1)

interface Z {
  re: number;
  im: number;
}
const add = (a: Z, b: Z): Z => ({ re: a.re + b.re, im: a.im + b.im });
const times = (a: Z, k: number): Z => ({ re: a.re * k, im: a.im * k });
const abs = (a: Z) => Math.hypot(a.re, a.im);

/** Feeder at U_n: Z_Q = c·U_n²/S''kQ, R/X = 0.1; Z(0) = X0/X·X_Q·(R0/X0 + j) with X0/X = 1, R0/X0 = 0.1. */
function feederZ(unKv: number, skMva: number) {
  const zq = (c * unKv ** 2) / skMva;
  const x = zq / Math.sqrt(1 + 0.1 ** 2);
  return { z1: { re: 0.1 * x, im: x }, z0: { re: 0.1 * x, im: x } };
}

const grid = (bus: string) => ({
  id: "Q",
  bus,
  s_sc_max_mva: 500,
  s_sc_min_mva: 400,
  rx_max: 0.1,
  rx_min: 0.1,
  x0x_max: 1,
  r0x0_max: 0.1,
});

/** 20 kV feeder, bus a, series element Z to bus b. */
function reactorNetwork(impedance: Record<string, unknown>): NetworkDocumentInput {
  return {
    schema: "ampflux/network@1",
    name: "reactor",
    frequency_hz: 50,
    buses: [
      { id: "a", vn_kv: 20 },
      { id: "b", vn_kv: 20 },
    ],
    external_grids: [grid("a")],
    impedances: [{ id: "Z", from_bus: "a", to_bus: "b", ...impedance } as never],
  };
}

// Reactor 1 kA, u_kR = 6 % at 20 kV: X_R = 0.06 · 20 kV / (√3 · 1 kA) = 0.69282 Ω.
const xR = (0.06 * 20) / Math.sqrt(3);

describe("series reactor / impedance element", () => {
  const feeder = feederZ(20, 500);
  const z1 = add(feeder.z1, { re: 0, im: xR });
  const z0 = add(feeder.z0, { re: 0, im: xR });

  it("reactor form: Z(1) at b is Z_Q + jX_R and I''k3 = c·U_n/(√3·|Z(1)|)", () => {
    const result = core.shortCircuit(reactorNetwork({ ir_ka: 1, uk_percent: 6 }), {
      fault: "3ph",
      buses: ["b"],
      branches: true,
    });
    const b = result.buses[0];
    expect(b?.rk_ohm).toBeCloseTo(z1.re, 10);
    expect(b?.xk_ohm).toBeCloseTo(z1.im, 10);
    const ik = (c * 20) / (Math.sqrt(3) * abs(z1));
    expect(b?.ikss_ka).toBeCloseTo(ik, 10);
    // The reactor carries the whole fault current, reported as an impedance branch at both ends.
    const ends = result.branches.filter((r) => r.branch === "Z");
    expect(ends.map((r) => r.branch_type)).toEqual(["impedance", "impedance"]);
    for (const end of ends) expect(end.ikss_ka).toBeCloseTo(ik, 9);
  });

  it("per-unit (pandapower) and ohm forms of the same reactor give the same I''k for every fault", () => {
    const forms = [
      { ir_ka: 1, uk_percent: 6 },
      // X_R in per unit on 10 MVA and 20 kV: 0.69282 Ω · 10 MVA / (20 kV)² = 0.0173205.
      { sn_mva: 10, rft_pu: 0, xft_pu: (xR * 10) / 400, rtf_pu: 0, xtf_pu: (xR * 10) / 400 },
      { r_ohm: 0, x_ohm: xR },
    ];
    for (const fault of ["3ph", "2ph", "1ph", "2ph_earth"] as const) {
      const values = forms.map(
        (form) => core.shortCircuit(reactorNetwork(form), { fault, buses: ["b"] }).buses[0]?.ikss_ka ?? 0,
      );
      expect(values[1]).toBeCloseTo(values[0] ?? 0, 10);
      expect(values[2]).toBeCloseTo(values[0] ?? 0, 10);
    }
  });

  it("1ph: Z(0) = Z(1) of the reactor without zero-sequence data, said in the warnings", () => {
    const result = core.shortCircuit(reactorNetwork({ ir_ka: 1, uk_percent: 6 }), {
      fault: "1ph",
      buses: ["b"],
    });
    const b = result.buses[0];
    expect(b?.r0_ohm).toBeCloseTo(z0.re, 10);
    expect(b?.x0_ohm).toBeCloseTo(z0.im, 10);
    const sum = add(times(z1, 2), z0);
    expect(b?.ikss_ka).toBeCloseTo((Math.sqrt(3) * c * 20) / abs(sum), 10);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("no zero-sequence data: Z(0) = Z(1) assumed"),
    );
  });

  it("says a zero-sequence assumption once for all the elements it is made for", () => {
    // Twelve lines without Z(0) in a chain from the feeder, one transformer without a group.
    const buses = Array.from({ length: 13 }, (_, k) => ({ id: `n${k}`, vn_kv: 20 }));
    const network: NetworkDocumentInput = {
      ...reactorNetwork({ ir_ka: 1, uk_percent: 6 }),
      buses: [...buses, { id: "a", vn_kv: 20 }, { id: "b", vn_kv: 20 }, { id: "lv", vn_kv: 0.4 }],
      lines: buses.slice(1).map((bus, k) => ({
        id: `L${k + 1}`,
        from_bus: `n${k}`,
        to_bus: bus.id,
        length_km: 1,
        r_ohm_per_km: 0.1,
        x_ohm_per_km: 0.3,
        c_nf_per_km: 0,
        max_i_ka: 0.4,
      })),
      transformers: [
        {
          id: "T1",
          hv_bus: "n0",
          lv_bus: "lv",
          sn_mva: 0.63,
          vn_hv_kv: 20,
          vn_lv_kv: 0.4,
          vk_percent: 6,
          vkr_percent: 1,
        },
      ],
      external_grids: [
        { ...grid("a"), id: "Q" },
        { ...grid("n0"), id: "Q2" },
      ],
    };
    const result = core.shortCircuit(network, { fault: "1ph" });
    const aboutLines = result.warnings.filter((w) => w.path[0] === "lines");
    expect(aboutLines).toEqual([
      {
        path: ["lines"],
        message:
          "no zero-sequence data: Z0 = 3·Z1 assumed for 12 lines without x0_ohm_per_km: L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, …",
      },
    ]);
    // One element: its own path, as before.
    expect(result.warnings).toContainEqual({
      path: ["transformers", 0, "vector_group"],
      message: "not given: Dyn5 assumed",
    });
    expect(result.warnings).toContainEqual({
      path: ["impedances", 0, "x0_ohm"],
      message: "no zero-sequence data: Z(0) = Z(1) assumed (IEC 60909-0: equal for a symmetric reactor)",
    });
  });

  it("1ph with given zero-sequence data: pandapower's xft0_pu and the ohm form's x0_ohm", () => {
    // X(0) = 3·X_R: 0.0519615 p.u. on 10 MVA.
    const given = add(feeder.z0, { re: 0.2, im: 3 * xR });
    const ik1 = (Math.sqrt(3) * c * 20) / abs(add(times(z1, 2), given));
    for (const form of [
      {
        sn_mva: 10,
        rft_pu: 0,
        xft_pu: (xR * 10) / 400,
        rft0_pu: (0.2 * 10) / 400,
        xft0_pu: (3 * xR * 10) / 400,
      },
      { x_ohm: xR, r0_ohm: 0.2, x0_ohm: 3 * xR },
    ]) {
      const b = core.shortCircuit(reactorNetwork(form), { fault: "1ph", buses: ["b"] }).buses[0];
      expect(b?.r0_ohm).toBeCloseTo(given.re, 10);
      expect(b?.x0_ohm).toBeCloseTo(given.im, 10);
      expect(b?.ikss_ka).toBeCloseTo(ik1, 10);
    }
  });

  it("load flow: the impedance carries the load with reactive loss 3·I²·X_R (I in kA, X in Ω → Mvar)", () => {
    const doc = reactorNetwork({ ir_ka: 1, uk_percent: 6 });
    doc.loads = [{ id: "load", bus: "b", p_mw: 8, q_mvar: 2 }];
    const lf = core.loadFlow(doc, { tolerance_pu: 1e-12 });
    const z = lf.branches.find((r) => r.id === "Z");
    expect(z?.kind).toBe("impedance");
    const i = z?.i_from_ka ?? 0;
    expect(z?.i_to_ka).toBeCloseTo(i, 12);
    expect((z?.q_from_mvar ?? 0) + (z?.q_to_mvar ?? 0)).toBeCloseTo(3 * i ** 2 * xR, 9);
    expect((z?.p_from_mw ?? 0) + (z?.p_to_mw ?? 0)).toBeCloseTo(0, 9);
    // The load's 8 MW at 20 kV: I = |S| / (√3·U_b) with U_b from the solution.
    const vb = (lf.buses.find((b) => b.bus === "b")?.vm_pu ?? 0) * 20;
    expect(i).toBeCloseTo(Math.hypot(8, 2) / (Math.sqrt(3) * vb), 9);
  });

  it("superposition method: I''k = |V_b,pre| / |(Z_Q + Z_R) ∥ Z_load| with the load as conj(S)/|V|²", () => {
    const doc = reactorNetwork({ ir_ka: 1, uk_percent: 6 });
    doc.loads = [{ id: "load", bus: "b", p_mw: 8, q_mvar: 2 }];
    const vb = core.loadFlow(doc, { tolerance_pu: 1e-12 }).buses.find((b) => b.bus === "b")?.vm_pu ?? 0;
    const result = core.shortCircuit(doc, {
      fault: "3ph",
      buses: ["b"],
      prefault_voltage: "load_flow",
      load_flow: { tolerance_pu: 1e-12 },
    });
    // Per unit on 100 MVA and 20 kV (Z_base = 4 Ω): Z_Q = c·S_base/S''kQ with R/X = 0.1.
    const zq = (c * 100) / 500;
    const xq = zq / Math.sqrt(1.01);
    const series = { re: 0.1 * xq, im: xq + xR / 4 };
    const ySeries = { re: series.re / abs(series) ** 2, im: -series.im / abs(series) ** 2 };
    const yLoad = { re: 0.08 / vb ** 2, im: -0.02 / vb ** 2 };
    const zTh = 1 / abs(add(ySeries, yLoad));
    expect(result.buses[0]?.ikss_ka).toBeCloseTo(((vb / zTh) * 100) / (Math.sqrt(3) * 20), 9);
  });

  it("refuses a document with two forms, non-reciprocal values or none, naming the field", () => {
    const refusal = (form: Record<string, unknown>) => {
      try {
        core.shortCircuit(reactorNetwork(form), { fault: "3ph" });
      } catch (error) {
        return (
          String((error as Error).message) + JSON.stringify((error as { issues?: unknown }).issues ?? [])
        );
      }
      return "accepted";
    };
    expect(refusal({ ir_ka: 1, uk_percent: 6, x_ohm: 1 })).toContain("give only one form");
    expect(refusal({})).toContain("give the impedance as");
    expect(refusal({ sn_mva: 10, rft_pu: 0, xft_pu: 0.1, xtf_pu: 0.2 })).toContain("non-reciprocal");
    expect(refusal({ ir_ka: 1 })).toContain("uk_percent");
  });
});

/** 110 kV feeder, a 40 MVA 110/20 kV transformer of `group` to a 20 kV bus "mv". */
function transformerNetwork(group: string, extra: Record<string, unknown> = {}): NetworkDocumentInput {
  return {
    schema: "ampflux/network@1",
    name: "zig-zag",
    frequency_hz: 50,
    buses: [
      { id: "hv", vn_kv: 110 },
      { id: "mv", vn_kv: 20 },
    ],
    external_grids: [grid("hv")],
    transformers: [
      {
        id: "T",
        hv_bus: "hv",
        lv_bus: "mv",
        sn_mva: 40,
        vn_hv_kv: 110,
        vn_lv_kv: 20,
        vk_percent: 12,
        vkr_percent: 0.5,
        vk0_percent: 10,
        vkr0_percent: 0.4,
        vector_group: group,
        ...extra,
      },
    ],
  };
}

// K_T = 0.95·c_max/(1 + 0.6·x_T), x_T = √(12² − 0.5²) % (eq. 12a).
const kT = (0.95 * c) / (1 + 0.6 * (Math.sqrt(12 ** 2 - 0.5 ** 2) / 100));
/** The transformer's Z(0) on the 20 kV side: K_T·(vkr0 + j·√(vk0² − vkr0²))/100 · U_rT²/S_rT. */
const trafoZ0Lv = times({ re: 0.4, im: Math.sqrt(10 ** 2 - 0.4 ** 2) }, (kT / 100) * (20 ** 2 / 40));

function earthFault(doc: NetworkDocumentInput, bus: string) {
  const result = core.shortCircuit(doc, { fault: "1ph", buses: [bus] });
  return { bus: result.buses[0], warnings: result.warnings.map((w) => w.message) };
}

describe("zig-zag (ZN) windings: an earthing shunt on their own side, nothing through to the other", () => {
  const hvZ0 = feederZ(110, 500).z0;

  it("YNzn: Z(0) at 20 kV is the transformer's Z(0) + 3·Z_N; at 110 kV only the feeder's", () => {
    const doc = transformerNetwork("YNzn11", { rn_ohm: 2, xn_ohm: 5 });
    const mv = earthFault(doc, "mv").bus;
    expect(mv?.r0_ohm).toBeCloseTo(trafoZ0Lv.re + 3 * 2, 9);
    expect(mv?.x0_ohm).toBeCloseTo(trafoZ0Lv.im + 3 * 5, 9);
    const mv3 = core.shortCircuit(doc, { fault: "3ph", buses: ["mv"] }).buses[0];
    const z1 = { re: mv3?.rk_ohm ?? 0, im: mv3?.xk_ohm ?? 0 };
    const z0 = add(trafoZ0Lv, { re: 6, im: 15 });
    expect(mv?.ikss_ka).toBeCloseTo((Math.sqrt(3) * c * 20) / abs(add(times(z1, 2), z0)), 9);
    // The HV star winding finds no balancing ampere-turns in a zig-zag: the feeder alone.
    const hv = earthFault(doc, "hv").bus;
    expect(hv?.r0_ohm).toBeCloseTo(hvZ0.re, 9);
    expect(hv?.x0_ohm).toBeCloseTo(hvZ0.im, 9);
  });

  it("Yzn and Dzn earth the 20 kV side alike; Yyn does not (no path without an earthed HV star)", () => {
    for (const group of ["Yzn11", "Dzn0"]) {
      const mv = earthFault(transformerNetwork(group), "mv").bus;
      expect(mv?.r0_ohm).toBeCloseTo(trafoZ0Lv.re, 9);
      expect(mv?.x0_ohm).toBeCloseTo(trafoZ0Lv.im, 9);
    }
    const yyn = earthFault(transformerNetwork("Yyn0"), "mv").bus;
    expect(yyn?.r0_ohm).toBeNull();
  });

  it("solid and impedance-earthed star points are told apart in the warnings", () => {
    expect(earthFault(transformerNetwork("Dyn5"), "mv").warnings).toContainEqual(
      expect.stringContaining("1 transformer star point(s) solidly earthed"),
    );
    expect(earthFault(transformerNetwork("Dyn5", { rn_ohm: 10 }), "mv").warnings).not.toContainEqual(
      expect.stringContaining("solidly earthed"),
    );
  });

  it("Dyn with R_N + jX_N: 3·Z_N added to the LV shunt without K_T", () => {
    const mv = earthFault(transformerNetwork("Dyn5", { rn_ohm: 10, xn_ohm: 1 }), "mv").bus;
    expect(mv?.r0_ohm).toBeCloseTo(trafoZ0Lv.re + 30, 9);
    expect(mv?.x0_ohm).toBeCloseTo(trafoZ0Lv.im + 3, 9);
  });
});

describe("earthing transformer on a delta-fed 20 kV bus", () => {
  const delta = (earthing: Record<string, unknown>[]): NetworkDocumentInput => ({
    ...transformerNetwork("YNd5"),
    earthing_transformers: earthing as never,
  });

  it("without it the 20 kV bus has no earth path; with it Z(0) is its own Z(0) + 3·Z_N", () => {
    const none = earthFault(delta([]), "mv");
    expect(none.bus?.r0_ohm).toBeNull();
    expect(none.bus?.ikss_ka).toBe(0);
    const earthed = earthFault(
      delta([{ id: "ET", bus: "mv", r0_ohm: 0.5, x0_ohm: 11.5, rn_ohm: 1, xn_ohm: 2 }]),
      "mv",
    );
    const z0 = { re: 0.5 + 3, im: 11.5 + 6 };
    expect(earthed.bus?.r0_ohm).toBeCloseTo(z0.re, 9);
    expect(earthed.bus?.x0_ohm).toBeCloseTo(z0.im, 9);
    const mv3 = core.shortCircuit(delta([]), { fault: "3ph", buses: ["mv"] }).buses[0];
    const z1 = { re: mv3?.rk_ohm ?? 0, im: mv3?.xk_ohm ?? 0 };
    expect(earthed.bus?.ikss_ka).toBeCloseTo((Math.sqrt(3) * c * 20) / abs(add(times(z1, 2), z0)), 9);
  });

  it("it changes nothing in the positive sequence: 3ph results and the load flow are unchanged", () => {
    const et = [{ id: "ET", bus: "mv", r0_ohm: 0.5, x0_ohm: 11.5 }];
    const without = core.shortCircuit(delta([]), { fault: "3ph" }).buses;
    const withIt = core.shortCircuit(delta(et), { fault: "3ph" }).buses;
    expect(withIt.map((b) => b.ikss_ka)).toEqual(without.map((b) => b.ikss_ka));
    const lf = core.loadFlow(delta(et));
    expect(lf.branches.map((b) => b.id)).toEqual(["T"]);
  });
});

describe("generator zero sequence with neutral earthing", () => {
  // 100 MVA, 10.5 kV, x''d = 0.2, cos φ = 0.8 on a 10.5 kV bus: K_G = 1.1/(1 + 0.2·0.6) (eq. 18).
  const kG = c / (1 + 0.2 * 0.6);
  const zr = 10.5 ** 2 / 100;
  const machine = (extra: Record<string, unknown>): NetworkDocumentInput => ({
    schema: "ampflux/network@1",
    name: "generator",
    frequency_hz: 50,
    buses: [{ id: "g", vn_kv: 10.5 }],
    generators: [
      { id: "G", bus: "g", sn_mva: 100, vn_kv: 10.5, xdss_pu: 0.2, rdss_ohm: 0.05, cos_phi: 0.8, ...extra },
    ],
  });

  it("Z(0) = K_G·(R(0) + jX(0)·Z_rG) + 3·Z_N, Z_N without K_G", () => {
    const { bus } = earthFault(machine({ x0_pu: 0.1, r0_ohm: 0.04, rn_ohm: 2, xn_ohm: 0.5 }), "g");
    expect(bus?.r0_ohm).toBeCloseTo(kG * 0.04 + 6, 10);
    expect(bus?.x0_ohm).toBeCloseTo(kG * 0.1 * zr + 1.5, 10);
    const z1 = { re: kG * 0.05, im: kG * 0.2 * zr };
    const z0 = { re: kG * 0.04 + 6, im: kG * 0.1 * zr + 1.5 };
    expect(bus?.ikss_ka).toBeCloseTo((Math.sqrt(3) * c * 10.5) / abs(add(times(z1, 2), z0)), 10);
  });

  it("isolated (no x0_pu) and solidly earthed (x0_pu, no Z_N) star points are named as such", () => {
    const isolated = earthFault(machine({}), "g");
    expect(isolated.bus?.r0_ohm).toBeNull();
    expect(isolated.warnings).toContainEqual(expect.stringContaining("1 generator star point(s) isolated"));
    const solid = earthFault(machine({ x0_pu: 0.1 }), "g");
    expect(solid.bus?.r0_ohm).toBeCloseTo(kG * 0.05, 10);
    expect(solid.warnings).toContainEqual(
      expect.stringContaining("1 generator star point(s) solidly earthed"),
    );
  });

  it("unbalanced faults say that X(2) = X''d is assumed (§6.6.1)", () => {
    const result = core.shortCircuit(machine({ x0_pu: 0.1 }), { fault: "2ph" });
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("X(2) = X''d assumed"),
    );
    const z1 = { re: kG * 0.05, im: kG * 0.2 * zr };
    expect(result.buses[0]?.ikss_ka).toBeCloseTo((c * 10.5) / (2 * abs(z1)), 10);
  });
});
