// Faults between a generator and its unit transformer (inside a power station unit), on the
// IEC TR 60909-4 high-voltage network (HG1: G1 + T1 with on-load tap changer; HG2: G2 + T2
// without). IEC 60909-0 computes such a fault from two partial currents (2001 §3.7.1; 2016 §6.7,
// the unit's clause):
//   I''kG = c·U_rG / (√3·|K_G,S·Z_G|),                   K_G,S = c_max / (1 + x''d·sin φ_rG)
//   I''kT = c·U_rG / (√3·|K_T,S·Z_TLV + Z_Qmin / t_r²|), K_T,S = c_max / (1 − x_T·sin φ_rG)
// and, without on-load tap changer, K_G,SO and K_T,SO with the extra factor 1/(1 + p_G).
// Z_Qmin is the network at the unit's high-voltage bus without the unit: here the engine's
// Thevenin impedance of the same network with G and T removed.
//
// AmpFlux does not use these partial currents yet: the unit keeps K_S (K_SO) on generator and
// transformer for every fault location, which at the terminals gives more current than the
// partial-current method (conservative). pandapower's test_iec60909_4.py asserts 52.4438 kA at
// HG1 and 80.5720 kA at HG2 (values from commercial software, not the TR): they are reproduced
// below by K_G,S on the generator and an uncorrected transformer. docs/short-circuit.md lists
// this as a known difference.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";
import { tr60909_4_hv } from "./networks/tr60909-4-hv.ts";

const core = await loadSimCore();
const C_MAX = 1.1;

interface Cx {
  re: number;
  im: number;
}
const abs = (z: Cx) => Math.hypot(z.re, z.im);
const plus = (a: Cx, b: Cx): Cx => ({ re: a.re + b.re, im: a.im + b.im });
const times = (z: Cx, k: number): Cx => ({ re: z.re * k, im: z.im * k });

/** The partial currents at generator `gen`'s terminals, with the transformer corrected by `kT`. */
function partialCurrents(gen: string, transformerFactor: "K_T,S" | "none") {
  const doc = tr60909_4_hv as Required<Pick<NetworkDocumentInput, "generators" | "transformers" | "buses">> &
    NetworkDocumentInput;
  const g = doc.generators.find((x) => x.id === gen);
  const t = doc.transformers.find((x) => x.id === g?.power_station_trafo);
  if (!g || !t) throw new Error(`no unit for ${gen}`);
  const withoutUnit: NetworkDocumentInput = {
    ...doc,
    buses: doc.buses.filter((b) => b.id !== g.bus),
    generators: doc.generators.filter((x) => x.id !== g.id),
    transformers: doc.transformers.filter((x) => x.id !== t.id),
  };
  const q = core.shortCircuit(withoutUnit, { fault: "3ph", buses: [t.hv_bus] }).buses[0];
  if (q?.rk_ohm == null || q.xk_ohm == null) throw new Error("no Z_Qmin");
  const tr = t.vn_hv_kv / t.vn_lv_kv;
  const zQ = times({ re: q.rk_ohm, im: q.xk_ohm }, 1 / (tr * tr));
  const sin = Math.sqrt(1 - (g.cos_phi ?? 0.8) ** 2);
  const xT = Math.sqrt(t.vk_percent ** 2 - t.vkr_percent ** 2) / 100;
  const pG = t.oltc ? 0 : (g.pg_percent ?? 0) / 100;
  const kGS = C_MAX / (1 + pG) / (1 + g.xdss_pu * sin);
  const kTS = transformerFactor === "none" ? 1 : C_MAX / (1 + pG) / (1 - xT * sin);
  const zG = { re: g.rdss_ohm ?? 0, im: (g.xdss_pu * g.vn_kv ** 2) / g.sn_mva };
  const zT = times({ re: t.vkr_percent / 100, im: xT }, t.vn_lv_kv ** 2 / t.sn_mva);
  const ikG = (C_MAX * g.vn_kv) / (Math.sqrt(3) * kGS * abs(zG));
  const ikT = (C_MAX * g.vn_kv) / (Math.sqrt(3) * abs(plus(times(zT, kTS), zQ)));
  const ours = core.shortCircuit(doc, { fault: "3ph", buses: [g.bus] }).buses[0]?.ikss_ka ?? Number.NaN;
  return { bus: g.bus, ikG, ikT, ikss: ikG + ikT, ours };
}

describe("a fault at a generator's terminals inside a power station unit", () => {
  const pandapower = { G1: 52.4438, G2: 80.572 } as const;

  for (const gen of ["G1", "G2"] as const) {
    it(`${gen}: pandapower's commercial-software value is K_G,S on the generator plus an uncorrected transformer`, () => {
      const { ikss } = partialCurrents(gen, "none");
      expect(Math.abs(ikss - pandapower[gen]) / pandapower[gen]).toBeLessThan(1e-3);
    });

    it(`${gen}: AmpFlux (K_S on the whole unit) is at or above the standard's partial currents`, () => {
      const standard = partialCurrents(gen, "K_T,S");
      // K_T,S > 1 lowers the network's share; the unit's K_S (≤ 1.1) keeps more of it.
      expect(standard.ikT).toBeLessThan(partialCurrents(gen, "none").ikT);
      expect(standard.ours).toBeGreaterThanOrEqual(standard.ikss);
      // The documented gap (docs/short-circuit.md): +2.2 % at HG1, +8.3 % at HG2.
      const gap = standard.ours / standard.ikss - 1;
      expect(gap).toBeCloseTo(gen === "G1" ? 0.0216 : 0.0825, 3);
    });
  }
});
