// A generator's negative-sequence reactance X(2)G (issue 19, item 5), worked out by hand from
// IEC 60909-0:2016 on a 10 kV feeder Q – line L – generator G:
// - feeder Z_Q = c·U_n²/S''kQ with R/X given (eq. 6), Z(0) from X0/X and R0/X0;
// - generator Z(1)GK = K_G·(R_G + jX''d), Z(2)GK = K_G·(R(2)G + jX(2)G) with the same
//   K_G = U_n/U_rG · c_max/(1 + x''d·sin φ_rG) (eq. 18, §6.6.1); R(2)G = R_G when not given;
// - I''k2 = c·U_n/|Z(1) + Z(2)| (eq. 44), I''k1 = √3·c·U_n/|Z(1) + Z(2) + Z(0)| (eq. 52), and the
//   earth current of the line-to-line fault with earth connection
//   I''kE2E = √3·c·U_n·|Z(2)| / |Z(1)Z(2) + Z(1)Z(0) + Z(2)Z(0)|.
// A salient-pole machine has X(2)G = (X''d + X''q)/2 > X''d: unbalanced faults near it are lower
// than with the Z(2) = Z(1) simplification, three-phase faults are unchanged.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const c = 1.1; // c_max, 1 kV < U_n ≤ 230 kV (Table 1)
const UN = 10; // kV

interface Z {
  re: number;
  im: number;
}
const z = (re: number, im: number): Z => ({ re, im });
const add = (a: Z, b: Z): Z => z(a.re + b.re, a.im + b.im);
const sub = (a: Z, b: Z): Z => z(a.re - b.re, a.im - b.im);
const mul = (a: Z, b: Z): Z => z(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
const div = (a: Z, b: Z): Z => {
  const d = b.re * b.re + b.im * b.im;
  return z((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
};
const abs = (a: Z) => Math.hypot(a.re, a.im);
const parallel = (a: Z, b: Z) => div(mul(a, b), add(a, b));

const G = { sn_mva: 20, vn_kv: 10.5, xdss_pu: 0.12, rdss_ohm: 0.05, cos_phi: 0.8 };
const X2 = 0.18; // (X''d + X''q)/2 with X''q = 0.24

function network(negative: Record<string, number>): NetworkDocumentInput {
  return {
    schema: "ampflux/network@1",
    name: "negative sequence",
    frequency_hz: 50,
    buses: [
      { id: "A", vn_kv: UN },
      { id: "B", vn_kv: UN },
    ],
    external_grids: [
      {
        id: "Q",
        bus: "A",
        s_sc_max_mva: 200,
        s_sc_min_mva: 150,
        rx_max: 0.1,
        rx_min: 0.1,
        x0x_max: 1,
        r0x0_max: 0.1,
      },
    ],
    lines: [
      {
        id: "L",
        from_bus: "A",
        to_bus: "B",
        length_km: 2,
        r_ohm_per_km: 0.1,
        x_ohm_per_km: 0.3,
        c_nf_per_km: 0,
        r0_ohm_per_km: 0.3,
        x0_ohm_per_km: 0.9,
      },
    ],
    generators: [{ id: "G", bus: "B", ...G, ...negative }],
  };
}

// Hand calculation (ohm at 10 kV).
const sinPhi = Math.sqrt(1 - G.cos_phi ** 2);
const kG = ((UN / G.vn_kv) * c) / (1 + G.xdss_pu * sinPhi);
const zRated = G.vn_kv ** 2 / G.sn_mva;
const zG1 = z(kG * G.rdss_ohm, kG * G.xdss_pu * zRated);
const zG2 = z(kG * G.rdss_ohm, kG * X2 * zRated);
const xQ = (c * UN ** 2) / 200 / Math.sqrt(1 + 0.1 ** 2);
const zQ = z(0.1 * xQ, xQ);
const zL = z(0.2, 0.6);
const zL0 = z(0.6, 1.8);
const zGrid = add(zQ, zL); // the feeder seen from B
const z1B = parallel(zG1, zGrid);
const z2B = parallel(zG2, zGrid);
const z0B = add(zQ, zL0); // G's star point is isolated (no x0_pu): Z(0) only through L to Q
const E = (c * UN) / Math.sqrt(3); // kV

describe("generator negative-sequence reactance X(2)G", () => {
  it("2ph: I''k2 = c·Un/|Z(1) + Z(2)| with Z(2) from X(2)G, lower than with Z(2) = Z(1)", () => {
    const result = core.shortCircuit(network({ x2_pu: X2 }), { fault: "2ph", buses: ["B"] });
    const expected = (c * UN) / abs(add(z1B, z2B));
    expect(result.buses[0]?.ikss_ka).toBeCloseTo(expected, 10);
    const assumed = core.shortCircuit(network({}), { fault: "2ph", buses: ["B"] }).buses[0]?.ikss_ka ?? 0;
    expect(assumed).toBeCloseTo((c * UN) / abs(add(z1B, z1B)), 10);
    expect(expected).toBeLessThan(assumed);
    // Only the generator without X(2)G is named in the Z(2) = Z(1) warning.
    expect(result.warnings.map((w) => w.message).join("\n")).not.toContain("X(2) = X''d assumed");
    expect(core.shortCircuit(network({}), { fault: "2ph" }).warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("X(2) = X''d assumed (IEC 60909-0:2016 §6.6.1), so their Z(2) = Z(1): G"),
    );
  });

  it("3ph is unchanged: the negative sequence carries no current in a balanced fault", () => {
    const withX2 = core.shortCircuit(network({ x2_pu: X2 }), { fault: "3ph" });
    const without = core.shortCircuit(network({}), { fault: "3ph" });
    expect(withX2.buses.map((b) => b.ikss_ka)).toEqual(without.buses.map((b) => b.ikss_ka));
    expect(withX2.buses[1]?.ikss_ka).toBeCloseTo(E / abs(z1B), 10);
  });

  it("1ph and 2ph to earth at B: Z(2) enters the series and parallel connections", () => {
    const one = core.shortCircuit(network({ x2_pu: X2 }), { fault: "1ph", buses: ["B"] }).buses[0];
    expect(one?.ikss_ka).toBeCloseTo((Math.sqrt(3) * c * UN) / abs(add(add(z1B, z2B), z0B)), 10);
    const twoE = core.shortCircuit(network({ x2_pu: X2 }), { fault: "2ph_earth", buses: ["B"] }).buses[0];
    const d = add(add(mul(z1B, z2B), mul(z1B, z0B)), mul(z2B, z0B));
    expect(twoE?.ike_ka).toBeCloseTo((Math.sqrt(3) * c * UN * abs(z2B)) / abs(d), 10);
  });

  it("R(2)G given with X(2)G; X(2)G equal to X''d gives the Z(2) = Z(1) results", () => {
    const r2 = 0.08;
    const zG2r = z(kG * r2, kG * X2 * zRated);
    const ik = core.shortCircuit(network({ x2_pu: X2, r2_ohm: r2 }), { fault: "2ph", buses: ["B"] }).buses[0];
    expect(ik?.ikss_ka).toBeCloseTo((c * UN) / abs(add(z1B, parallel(zG2r, zGrid))), 10);
    const same = core.shortCircuit(network({ x2_pu: G.xdss_pu }), { fault: "1ph" }).buses;
    const assumed = core.shortCircuit(network({}), { fault: "1ph" }).buses;
    same.forEach((b, i) => {
      expect(b.ikss_ka ?? 0).toBeCloseTo(assumed[i]?.ikss_ka ?? 0, 12);
    });
  });

  it("branch currents: the negative-sequence current divides by Z(2) of the generator and the feeder", () => {
    const result = core.shortCircuit(network({ x2_pu: X2 }), { fault: "2ph", buses: ["B"], branches: true });
    // Sequence currents at the fault (kA): I1 = E/(Z1 + Z2), I2 = −I1; each divides between G
    // and the feeder path Q + L in its own sequence network.
    const i1 = div(z(E, 0), add(z1B, z2B));
    const i2 = sub(z(0, 0), i1);
    const line1 = div(mul(i1, zG1), add(zG1, zGrid));
    const line2 = div(mul(i2, zG2), add(zG2, zGrid));
    const a = z(-0.5, Math.sqrt(3) / 2);
    const a2 = z(-0.5, -Math.sqrt(3) / 2);
    const phases = [
      add(line1, line2),
      add(mul(a2, line1), mul(a, line2)),
      add(mul(a, line1), mul(a2, line2)),
    ];
    const largest = Math.max(...phases.map(abs));
    const end = result.branches.find((b) => b.branch === "L" && b.bus === "B");
    expect(end?.ikss_ka).toBeCloseTo(largest, 10);
    expect(end?.ia_ka).toBeCloseTo(abs(phases[0] ?? z(0, 0)), 10);
    // With Z(2) = Z(1) the feeder's share would be larger (the generator's Z(2) is larger).
    const assumed = core.shortCircuit(network({}), { fault: "2ph", buses: ["B"], branches: true });
    const assumedEnd = assumed.branches.find((b) => b.branch === "L" && b.bus === "B");
    expect(assumedEnd?.ikss_ka).not.toBeCloseTo(largest, 3);
  });

  it("the explanation lists the Z(2) the kernel used", () => {
    const e = core.explainBusResult(network({ x2_pu: X2 }), { fault: "2ph" }, "B");
    expect(e.impedances.z2.r_ohm).toBeCloseTo(z2B.re, 10);
    expect(e.impedances.z2.x_ohm).toBeCloseTo(z2B.im, 10);
    expect(e.impedances.z1.x_ohm).toBeCloseTo(z1B.im, 10);
  });
});
