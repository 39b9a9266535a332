// Pre-fault voltages from a load flow (superposition method, docs/short-circuit.md): a two-bus
// feeder against a hand calculation for every fault type and the branch currents, the error
// when the load flow does not converge, and the equivalent voltage source staying the default.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { overloadedFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { abs, add, conj, cx, div, inv, mul, scale, sub } from "../src/iec60909/complex.ts";
import { loadSimCore, ShortCircuitInputError } from "../src/index.ts";

const core = await loadSimCore();

/**
 * 20 kV feeder: grid at "a" (S''kQmax 500 MVA, R/X 0.1, X0/X 1, R0/X0 0.1, held at 1.02 pu) →
 * 5 km line (0.2 + j0.35 Ω/km, Z0 = 3·Z1 given explicitly) → bus "b" with 8 MW + 4 Mvar.
 */
const feeder = {
  schema: "ampflux/network@1",
  name: "prefault feeder",
  frequency_hz: 50,
  buses: [
    { id: "a", vn_kv: 20 },
    { id: "b", vn_kv: 20 },
  ],
  external_grids: [
    {
      id: "g",
      bus: "a",
      s_sc_max_mva: 500,
      s_sc_min_mva: 400,
      rx_max: 0.1,
      rx_min: 0.1,
      x0x_max: 1,
      r0x0_max: 0.1,
      vm_pu: 1.02,
    },
  ],
  lines: [
    {
      id: "L",
      from_bus: "a",
      to_bus: "b",
      length_km: 5,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.35,
      c_nf_per_km: 0,
      r0_ohm_per_km: 0.6,
      x0_ohm_per_km: 1.05,
    },
  ],
  loads: [{ id: "load", bus: "b", p_mw: 8, q_mvar: 4 }],
} satisfies NetworkDocumentInput;

/**
 * Hand calculation (per unit on 100 MVA, 20 kV; Z_base = 4 Ω, I_base = 100/(√3·20) kA).
 * Load flow of two buses in closed form: with V_b real, V_a = V_b + z·conj(S)/V_b, so
 * u = |V_b|² solves u² + (2a − |V_a|²)·u + a² + b² = 0 where a + jb = z·conj(S) (the larger root).
 * Fault network (superposition): Z_Q = c·Un²/S''kQ (IEC 60909-0 eq. 6, c = 1.1) at "a", the
 * line, the load as Y = conj(S)/|V_b|² at "b"; no voltage factor at the fault (Grainger &
 * Stevenson §10.3: I_f = V_f / Z_kk).
 */
function handCalculation() {
  const zBase = 4;
  const iBase = 100 / (Math.sqrt(3) * 20);
  const va = 1.02;
  const z = cx((5 * 0.2) / zBase, (5 * 0.35) / zBase);
  const s = cx(0.08, 0.04);
  const ab = mul(z, conj(s));
  const p = 2 * ab.re - va * va;
  const q = ab.re ** 2 + ab.im ** 2;
  const u = (-p + Math.sqrt(p * p - 4 * q)) / 2;
  const vbMag = Math.sqrt(u);
  // Angle of V_b relative to V_a: V_a·e^{−jδ} = V_b + z·conj(S)/V_b.
  const vaRel = add(cx(vbMag, 0), scale(ab, 1 / vbMag));
  const delta = Math.atan2(vaRel.im, vaRel.re);
  const vb = cx(vbMag * Math.cos(-delta), vbMag * Math.sin(-delta));
  const vaC = cx(va, 0);
  const zqMag = (1.1 * 400) / 500 / zBase;
  const zq = cx((0.1 * zqMag) / Math.sqrt(1.01), zqMag / Math.sqrt(1.01));
  const yLoad = scale(conj(s), 1 / u);
  const z1 = inv(add(inv(add(zq, z)), yLoad));
  const z0 = add(cx(0.1 * zq.im, zq.im), scale(z, 3));
  // The line current during a bolted fault at "b" from the grid's internal voltage
  // E = V_a + Z_Q·I_pre (the load is shorted): I = E / (Z_Q + Z_L).
  const iPre = div(sub(vaC, vb), z);
  const e = add(vaC, mul(zq, iPre));
  const iLine = div(e, add(zq, z));
  return { vb, vbMag, z1, z0, iBase, zBase, iLine, iPre, delta };
}

describe("pre-fault voltages from a load flow on a two-bus feeder", () => {
  const h = handCalculation();

  it("3ph: I''k = |V_b,pre| / |Z_kk| with the load as an impedance; equals E/(Z_Q + Z_L)", () => {
    const r = core.shortCircuit(feeder, { fault: "3ph", prefault_voltage: "load_flow", buses: ["b"] });
    const b = r.buses[0];
    const expected = (h.vbMag / abs(h.z1)) * h.iBase;
    // Two independent routes to the same current: Thevenin at "b" and the grid's EMF.
    expect(abs(h.iLine) * h.iBase).toBeCloseTo(expected, 10);
    expect(b?.ikss_ka).toBeCloseTo(expected, 8);
    expect(b?.rk_ohm).toBeCloseTo(h.z1.re * h.zBase, 8);
    expect(b?.xk_ohm).toBeCloseTo(h.z1.im * h.zBase, 8);
    // The load-flow voltage at "b" is below 1 pu, well below c = 1.1: a smaller current than IEC's.
    const iec = core.shortCircuit(feeder, { fault: "3ph", buses: ["b"] }).buses[0]?.ikss_ka ?? 0;
    expect(h.vbMag).toBeLessThan(1);
    expect(b?.ikss_ka ?? 0).toBeLessThan(iec * 0.95);
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(
      /pre-fault voltages from a Newton–Raphson load flow/,
    );
  });

  it("2ph, 1ph, 2ph_earth: the IEC connections (eq. 44, 52, 56) with |V_pre| for c·Un/√3", () => {
    const twoPhase = core.shortCircuit(feeder, { fault: "2ph", prefault_voltage: "load_flow", buses: ["b"] });
    expect(twoPhase.buses[0]?.ikss_ka).toBeCloseTo(
      ((Math.sqrt(3) * h.vbMag) / abs(scale(h.z1, 2))) * h.iBase,
      8,
    );
    const onePhase = core.shortCircuit(feeder, { fault: "1ph", prefault_voltage: "load_flow", buses: ["b"] });
    const expected = ((3 * h.vbMag) / abs(add(scale(h.z1, 2), h.z0))) * h.iBase;
    expect(onePhase.buses[0]?.ikss_ka).toBeCloseTo(expected, 8);
    expect(onePhase.buses[0]?.ike_ka).toBeCloseTo(expected, 8);
    // 2ph_earth: earth current 3·|V|/|Z1 + 2·Z0| (eq. 56 with Z(2) = Z(1)).
    const twoEarth = core.shortCircuit(feeder, {
      fault: "2ph_earth",
      prefault_voltage: "load_flow",
      buses: ["b"],
    });
    const ike = ((3 * h.vbMag) / abs(add(h.z1, scale(h.z0, 2)))) * h.iBase;
    expect(twoEarth.buses[0]?.ike_ka).toBeCloseTo(ike, 8);
  });

  it("branch currents are the pre-fault load current plus the fault's contribution", () => {
    const r = core.shortCircuit(feeder, {
      fault: "3ph",
      prefault_voltage: "load_flow",
      buses: ["b"],
      branches: true,
    });
    const end = (bus: string) => r.branches.find((x) => x.branch === "L" && x.bus === bus);
    // Into the line at "a": the grid's whole current; at "b" the same current leaves the line.
    expect(end("a")?.ikss_ka).toBeCloseTo(abs(h.iLine) * h.iBase, 8);
    expect(end("b")?.ikss_ka).toBeCloseTo(abs(h.iLine) * h.iBase, 8);
    // Angle against the pre-fault voltage at the fault: arg(I_line) − arg(V_b) into the line at
    // "a" for phase a; the result gives the largest phase's, and in a 3ph fault all three are
    // equal, so it may be b or c (±120°).
    const rel = div(h.iLine, h.vb);
    const offset = (end("a")?.angle_deg ?? 0) - (Math.atan2(rel.im, rel.re) * 180) / Math.PI;
    expect(Math.abs(Math.round(offset / 120) * 120 - offset)).toBeLessThan(1e-6);
    // Without the load current the line would carry only the fault's change: a different number.
    const change = abs(sub(h.iLine, h.iPre)) * h.iBase;
    expect(Math.abs(change - (end("a")?.ikss_ka ?? 0))).toBeGreaterThan(0.01);
  });

  it("a generator enters with R_G + jX''d, without K_G (eq. 18 is for the IEC method)", () => {
    // 10 MVA, 20 kV, x''d 0.2 pu, R_G 0.4 Ω at "b", holding 1.0 pu with 5 MW.
    const withGen = {
      ...feeder,
      generators: [
        {
          id: "G",
          bus: "b",
          sn_mva: 10,
          vn_kv: 20,
          xdss_pu: 0.2,
          rdss_ohm: 0.4,
          cos_phi: 0.85,
          p_mw: 5,
          vm_pu: 1,
        },
      ],
    } satisfies NetworkDocumentInput;
    const lf = core.loadFlow(withGen);
    const vb = lf.buses.find((b) => b.bus === "b")?.vm_pu ?? 0;
    expect(vb).toBeCloseTo(1, 10);
    // Hand calculation: Z_G = (0.4 + j·0.2·20²/10) Ω = (0.1 + j2) pu on 4 Ω, the load at |V| = 1.
    const zg = cx(0.4 / h.zBase, (0.2 * 400) / 10 / h.zBase);
    const zqL = inv(sub(inv(h.z1), scale(conj(cx(0.08, 0.04)), 1 / (h.vbMag * h.vbMag))));
    const z = inv(add(add(inv(zqL), inv(zg)), conj(cx(0.08, 0.04))));
    const r = core.shortCircuit(withGen, { fault: "3ph", prefault_voltage: "load_flow", buses: ["b"] });
    expect(r.buses[0]?.ikss_ka).toBeCloseTo((vb / abs(z)) * h.iBase, 8);
  });

  it("a bus a generator feeds in an island without a grid has no pre-fault voltage: an error", () => {
    const island = {
      ...feeder,
      buses: [...feeder.buses, { id: "c", vn_kv: 20 }],
      generators: [{ id: "G", bus: "c", sn_mva: 10, vn_kv: 20, xdss_pu: 0.2, rdss_ohm: 0.4, cos_phi: 0.85 }],
    } satisfies NetworkDocumentInput;
    expect(() => core.shortCircuit(island, { prefault_voltage: "load_flow" })).toThrow(
      /no voltage at 1 bus\(es\) that a source feeds in the short circuit .*: c/,
    );
  });

  it("a load flow that does not converge is an error at prefault_voltage, not a fallback", () => {
    const run = () => core.shortCircuit(overloadedFeeder, { prefault_voltage: "load_flow" });
    expect(run).toThrow(ShortCircuitInputError);
    try {
      run();
    } catch (e) {
      const issues = (e as ShortCircuitInputError).issues;
      expect(issues[0]?.path).toEqual(["prefault_voltage"]);
      expect(issues[0]?.message).toMatch(/the load flow did not converge/);
    }
  });

  it("load-flow settings are checked, and refused with the IEC method", () => {
    const issues = (options: object) => {
      try {
        core.shortCircuit(feeder, options);
      } catch (e) {
        if (e instanceof ShortCircuitInputError) return e.issues.map((i) => i.path.join("."));
      }
      return [];
    };
    expect(issues({ load_flow: { tolerance_pu: 1e-6 } })).toEqual(["load_flow"]);
    expect(issues({ prefault_voltage: "load_flow", load_flow: { tolerance_pu: -1 } })).toEqual([
      "load_flow.tolerance_pu",
    ]);
    expect(issues({ prefault_voltage: "sometimes" })).toEqual(["prefault_voltage"]);
  });

  it("keeps IEC 60909's equivalent voltage source as the default", () => {
    const a = core.shortCircuit(feeder, { fault: "3ph" });
    const b = core.shortCircuit(feeder, { fault: "3ph", prefault_voltage: "iec60909" });
    expect(a.options.prefault_voltage).toBe("iec60909");
    expect(a.buses).toEqual(b.buses);
  });
});
