// Faults through an impedance Z_f (arc, earthing resistance): outside IEC 60909, which covers
// bolted faults, and modelled as in the classical connection of the sequence networks (Grainger
// and Stevenson, Power System Analysis, 1994, §12.2–12.4): Z_f in series with Z(1) for 3ph,
// between the faulted phases for 2ph, 3·Z_f in the zero-sequence path for earth faults. The
// hand calculations below take the network's Z(1) and Z(0) at the fault from the bolted study
// (checked against eq. 29 and the TR elsewhere) and add Z_f by those closed forms.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore, ShortCircuitInputError } from "../src/index.ts";

const core = await loadSimCore();
const network = mvFeeder satisfies NetworkDocumentInput;
const c = 1.1;
const un = 20;
const zf = { re: 2, im: 1 };

function bolted(fault: "3ph" | "2ph" | "1ph") {
  const bus = core.shortCircuit(network, { fault, buses: ["end"] }).buses[0];
  if (!bus) throw new Error("no result at end");
  return bus;
}

describe("fault impedance Z_f = 2 + j1 Ω at the 20 kV line end", () => {
  it("3ph: I''k = c·Un / (√3 |Z(1) + Z_f|), and the line carries all of it", () => {
    const z = bolted("3ph");
    const expected = (c * un) / (Math.sqrt(3) * Math.hypot((z.rk_ohm ?? 0) + zf.re, (z.xk_ohm ?? 0) + zf.im));
    const result = core.shortCircuit(network, {
      fault: "3ph",
      buses: ["end"],
      branches: true,
      r_fault_ohm: zf.re,
      x_fault_ohm: zf.im,
    });
    const end = result.buses[0];
    expect(end?.ikss_ka).toBeCloseTo(expected, 10);
    // Z(1) reported is the network's, without Z_f.
    expect(end?.rk_ohm).toBeCloseTo(z.rk_ohm ?? 0, 12);
    // Ib = I''k through a fault impedance (eq. 75 is for bolted faults).
    expect(end?.ib_ka).toBeCloseTo(expected, 10);
    const line = result.branches.filter((b) => b.branch === "L");
    expect(line.map((b) => b.ikss_ka)).toEqual([expect.closeTo(expected, 9), expect.closeTo(expected, 9)]);
  });

  it("method B's κ uses the R/X of the whole loop, Z(1) + Z_f (eq. 55 with the loop's ratio)", () => {
    const z = bolted("3ph");
    const rx = ((z.rk_ohm ?? 0) + zf.re) / ((z.xk_ohm ?? 0) + zf.im);
    const kappa = 1.02 + 0.98 * Math.exp(-3 * rx);
    const end = core.shortCircuit(network, {
      fault: "3ph",
      buses: ["end"],
      kappa_method: "B",
      r_fault_ohm: zf.re,
      x_fault_ohm: zf.im,
    }).buses[0];
    // Method B's 1.15 applies (this network has a branch with R/X ≥ 0.3), capped at 2.0 (§8.1.3.2).
    expect(end?.kappa).toBeCloseTo(Math.min(1.15 * kappa, 2), 10);
  });

  it("2ph: I''k2 = c·Un / |2 Z(1) + Z_f|", () => {
    const z = bolted("3ph");
    const expected = (c * un) / Math.hypot(2 * (z.rk_ohm ?? 0) + zf.re, 2 * (z.xk_ohm ?? 0) + zf.im);
    const end = core.shortCircuit(network, { fault: "2ph", buses: ["end"], r_fault_ohm: 2, x_fault_ohm: 1 })
      .buses[0];
    expect(end?.ikss_ka).toBeCloseTo(expected, 10);
  });

  it("1ph: I''k1 = √3·c·Un / |2 Z(1) + Z(0) + 3 Z_f|, and the earth current is the same", () => {
    const z = bolted("1ph");
    expect(z.r0_ohm).not.toBeNull();
    const r = 2 * (z.rk_ohm ?? 0) + (z.r0_ohm ?? 0) + 3 * zf.re;
    const x = 2 * (z.xk_ohm ?? 0) + (z.x0_ohm ?? 0) + 3 * zf.im;
    const expected = (Math.sqrt(3) * c * un) / Math.hypot(r, x);
    const end = core.shortCircuit(network, { fault: "1ph", buses: ["end"], r_fault_ohm: 2, x_fault_ohm: 1 })
      .buses[0];
    expect(end?.ikss_ka).toBeCloseTo(expected, 10);
    expect(end?.ike_ka).toBeCloseTo(expected, 10);
    expect(expected).toBeLessThan(z.ikss_ka ?? 0);
  });

  it("zero is IEC 60909's bolted fault, the same numbers as without the option", () => {
    const plain = core.shortCircuit(network, { fault: "1ph" }).buses;
    const zero = core.shortCircuit(network, { fault: "1ph", r_fault_ohm: 0, x_fault_ohm: 0 }).buses;
    expect(zero).toEqual(plain);
  });

  it("refuses a negative resistance, and duty or arc flash through a fault impedance, naming the option", () => {
    expect(() => core.shortCircuit(network, { fault: "3ph", r_fault_ohm: -1 })).toThrow(
      ShortCircuitInputError,
    );
    const refused = (options: Record<string, unknown>) => {
      try {
        core.shortCircuit(network, { fault: "3ph", r_fault_ohm: 1, ...options });
      } catch (error) {
        return error instanceof ShortCircuitInputError ? error.issues : [];
      }
      return [];
    };
    expect(refused({ duty: true })).toEqual([
      { path: ["duty"], message: expect.stringMatching(/bolted-fault currents/) },
    ]);
    expect(refused({ arc_flash: true })).toEqual([
      { path: ["arc_flash"], message: expect.stringMatching(/bolted-fault currents/) },
    ]);
  });
});
