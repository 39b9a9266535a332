// Faults along a line at a fraction x of its length, without editing the network: checked
// against hand calculations on the MV feeder. The source impedances behind each line end are
// taken from bolted bus faults of the unsplit network (checked against eq. 29 elsewhere); the
// line adds x·Z_L on one side and (1 − x)·Z_L on the other (IEC 60909-0 §6.3.1: series
// impedance proportional to length).

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore, ShortCircuitInputError } from "../src/index.ts";

const core = await loadSimCore();
const c = 1.1;
const un = 20;
const zLine = { re: 5 * 0.2, im: 5 * 0.35 };
type Z = { re: number; im: number };
const add = (a: Z, b: Z): Z => ({ re: a.re + b.re, im: a.im + b.im });
const scale = (a: Z, k: number): Z => ({ re: a.re * k, im: a.im * k });
const mul = (a: Z, b: Z): Z => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
const div = (a: Z, b: Z): Z => {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
};
const abs = (a: Z) => Math.hypot(a.re, a.im);

function busZ(network: NetworkDocumentInput, bus: string, fault: "3ph" | "1ph" = "3ph") {
  const r = core.shortCircuit(network, { fault, buses: [bus] }).buses[0];
  return { z1: { re: r?.rk_ohm ?? 0, im: r?.xk_ohm ?? 0 }, z0: { re: r?.r0_ohm ?? 0, im: r?.x0_ohm ?? 0 } };
}

describe("a fault at 30 % of line L (mv → end)", () => {
  it("radial: I''k = c·Un / (√3 |Z_mv + 0.3 Z_L|), the whole current enters the line at mv", () => {
    const zMv = busZ(mvFeeder, "mv").z1;
    const expected = (c * un) / (Math.sqrt(3) * abs(add(zMv, scale(zLine, 0.3))));
    const result = core.shortCircuit(mvFeeder, {
      fault: "3ph",
      line_faults: [{ line: "L", position: 0.3 }],
      branches: true,
    });
    // Bus faults only where asked: none here.
    expect(result.buses).toEqual([]);
    const [fault] = result.line_faults ?? [];
    expect(fault).toMatchObject({ line: "L", position: 0.3, distance_km: 1.5, fed: true });
    expect(fault?.ikss_ka).toBeCloseTo(expected, 10);
    expect(fault?.rk_ohm).toBeCloseTo(zMv.re + 0.3 * zLine.re, 10);
    const atMv = fault?.branches.find((b) => b.branch === "L" && b.bus === "mv");
    expect(atMv?.ikss_ka).toBeCloseTo(expected, 9);
    expect(fault?.branches.every((b) => b.fault_bus === "L@0.3")).toBe(true);
  });

  it("radial 1ph: √3·c·Un / |2 Z1 + Z0| with the line's Z0 = 3 Z1 (no zero-sequence data)", () => {
    const { z1, z0 } = busZ(mvFeeder, "mv", "1ph");
    const at = (z: Z, zl: Z) => add(z, scale(zl, 0.3));
    const expected = (Math.sqrt(3) * c * un) / abs(add(scale(at(z1, zLine), 2), at(z0, scale(zLine, 3))));
    const [fault] =
      core.shortCircuit(mvFeeder, { fault: "1ph", line_faults: [{ line: "L", position: 0.3 }] })
        .line_faults ?? [];
    expect(fault?.ikss_ka).toBeCloseTo(expected, 10);
  });

  it("fed from both ends: Z = Z_a ‖ Z_b, and each end of the line carries its share", () => {
    const both = {
      ...mvFeeder,
      external_grids: [
        ...mvFeeder.external_grids,
        { id: "grid2", bus: "end", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 },
      ],
    } satisfies NetworkDocumentInput;
    const zMv = busZ(mvFeeder, "mv").z1;
    // The second grid by eq. (6): Z_Q = c·Un²/S''kQ with R/X 0.1.
    const zq = (c * un * un) / 500;
    const zEnd = { re: (0.1 * zq) / Math.sqrt(1.01), im: zq / Math.sqrt(1.01) };
    const za = add(zMv, scale(zLine, 0.3));
    const zb = add(zEnd, scale(zLine, 0.7));
    const z = div(mul(za, zb), add(za, zb));
    const ik = (c * un) / (Math.sqrt(3) * abs(z));
    const [fault] =
      core.shortCircuit(both, { fault: "3ph", line_faults: [{ line: "L", position: 0.3 }], branches: true })
        .line_faults ?? [];
    expect(fault?.ikss_ka).toBeCloseTo(ik, 9);
    const share = (zOther: Z) => ik * abs(div(zOther, add(za, zb)));
    const end = (bus: string) => fault?.branches.find((b) => b.branch === "L" && b.bus === bus)?.ikss_ka;
    expect(end("mv")).toBeCloseTo(share(zb), 8);
    expect(end("end")).toBeCloseTo(share(za), 8);
  });

  it("several faults keep their order; bus faults asked for are still computed", () => {
    const result = core.shortCircuit(mvFeeder, {
      fault: "3ph",
      buses: ["end"],
      line_faults: [
        { line: "L", position: 0.9 },
        { line: "L", position: 0.1 },
      ],
    });
    expect(result.buses.map((b) => b.bus)).toEqual(["end"]);
    const [far, near] = result.line_faults ?? [];
    expect(far?.position).toBe(0.9);
    const zMv = busZ(mvFeeder, "mv").z1;
    const at = (x: number) => (c * un) / (Math.sqrt(3) * abs(add(zMv, scale(zLine, x))));
    expect(far?.ikss_ka).toBeCloseTo(at(0.9), 10);
    expect(near?.ikss_ka).toBeCloseTo(at(0.1), 10);
    // Between the end bus's current and the source side's.
    expect(far?.ikss_ka ?? 0).toBeGreaterThan(result.buses[0]?.ikss_ka ?? 0);
  });

  it("names an unknown line and a position outside (0, 1)", () => {
    const issues = (lineFaults: unknown) => {
      try {
        core.shortCircuit(mvFeeder, { line_faults: lineFaults as never });
      } catch (error) {
        return error instanceof ShortCircuitInputError ? error.issues.map((i) => i.path.join(".")) : [];
      }
      return [];
    };
    expect(issues([{ line: "nope", position: 0.5 }])).toEqual(["line_faults.0.line"]);
    expect(issues([{ line: "L", position: 1 }])).toEqual(["line_faults.0.position"]);
  });
});
