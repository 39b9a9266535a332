// Converter sources (static_generators: full-size converter units, a current source k·I_rG in
// the positive-sequence system only) in every fault type, by hand. The converter's current I_j at
// bus j adds the open-circuit voltage Z(1)_fj·I_j at the fault f (summed in magnitude over the
// converters, as the engine does for I''k); the sequence networks are then connected as for any
// fault (Anderson, Analysis of Faulted Power Systems, 1973, ch. 3): for a line-to-earth fault
//   I''k1 = 3·(c·Un/√3 + Σ|Z(1)_fj|·I_j) / |Z(1) + Z(2) + Z(0)|,
// for line-to-line √3·(…)/|Z(1) + Z(2)|, for three-phase (…)/|Z(1)|. pandapower 3.x adds the
// converters' part to every fault type as a three-phase one, Σ|Z(1)_fj·I_j|/|Z(1)_ff| (its
// _current_source_current); docs/short-circuit.md says where that differs and why.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { mvFeeder } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const c = 1.1;
const un = 20;
/** 10 MVA of converters at the line end, k = 1.2: I_j = k·S_r/(√3·U_n) = 0.3464 kA at 20 kV. */
const pv = { id: "PV", bus: "end", sn_mva: 10, k: 1.2 };
const iPv = (pv.k * pv.sn_mva) / (Math.sqrt(3) * un);
const withPv = { ...mvFeeder, static_generators: [pv] } satisfies NetworkDocumentInput;

/** Z(1) and Z(0) (Ω) at `bus` of the feeder without the converter: the converter adds no impedance. */
function sequenceImpedances(bus: string) {
  const r = core.shortCircuit(mvFeeder, { fault: "1ph", buses: [bus] }).buses[0];
  if (!r || r.rk_ohm === null || r.xk_ohm === null || r.r0_ohm === null || r.x0_ohm === null)
    throw new Error(`no impedances at ${bus}`);
  return { z1: Math.hypot(r.rk_ohm, r.xk_ohm), r1: r.rk_ohm, x1: r.xk_ohm, r0: r.r0_ohm, x0: r.x0_ohm };
}

const ikss = (fault: "3ph" | "2ph" | "1ph", bus: string) =>
  core.shortCircuit(withPv, { fault, buses: [bus] }).buses[0]?.ikss_ka;

describe("a converter source in balanced and unbalanced faults (hand calculation)", () => {
  // Faults at the converter's own bus: Z(1)_fj = Z(1)_ff. At "mv", on the radial feeder, the
  // converter's current flows back through the same path as the fault's: Z(1)_mv,end = Z(1)_mv,mv.
  for (const bus of ["end", "mv"]) {
    const z = sequenceImpedances(bus);
    /** Source voltage at the fault (kV, line-to-neutral): c·Un/√3 + |Z(1)_fj|·I_j. */
    const e = (c * un) / Math.sqrt(3) + z.z1 * iPv;

    it(`3ph at ${bus}: (c·Un/√3 + |Z(1)|·I_j)/|Z(1)| — the network's I''k plus the converter's k·I_r`, () => {
      expect(ikss("3ph", bus)).toBeCloseTo(e / z.z1, 10);
      expect(ikss("3ph", bus)).toBeCloseTo((c * un) / (Math.sqrt(3) * z.z1) + iPv, 10);
    });

    it(`2ph at ${bus}: √3·(c·Un/√3 + |Z(1)|·I_j)/|2·Z(1)|`, () => {
      expect(ikss("2ph", bus)).toBeCloseTo((Math.sqrt(3) * e) / (2 * z.z1), 10);
    });

    it(`1ph at ${bus}: 3·(c·Un/√3 + |Z(1)|·I_j)/|2·Z(1) + Z(0)|, not pandapower's three-phase share`, () => {
      const loop = Math.hypot(2 * z.r1 + z.r0, 2 * z.x1 + z.x0);
      const ours = (3 * e) / loop;
      expect(ikss("1ph", bus)).toBeCloseTo(ours, 10);
      // pandapower: the network's I''k1 plus the converter's share as in a three-phase fault.
      const pandapower = (Math.sqrt(3) * c * un) / loop + (z.z1 * iPv) / z.z1;
      // The two differ by the converter's share times 3|Z(1)|/|2Z(1) + Z(0)| − 1: ours is lower
      // where the earth loop is weaker than the positive sequence (at the line end, line Z(0) =
      // 3·Z(1)) and higher where it is stronger (at "mv", next to the Dyn5 transformer's star).
      expect(ours - pandapower).toBeCloseTo(iPv * ((3 * z.z1) / loop - 1), 10);
      expect(ours < pandapower).toBe(bus === "end");
    });
  }

  it("the minimum case leaves converters out, as it leaves out motors", () => {
    const without = core.shortCircuit(mvFeeder, { fault: "1ph", case: "min", buses: ["end"] }).buses[0];
    const with_ = core.shortCircuit(withPv, { fault: "1ph", case: "min", buses: ["end"] }).buses[0];
    expect(with_?.ikss_ka).toBe(without?.ikss_ka);
  });
});
