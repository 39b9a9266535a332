// A line with a negative resistance — a network-reduction equivalent as PEGASE's cases carry —
// kept as given: IEC 60909-0:2016 eq. (31) raises a conductor's resistance to its end temperature
// for the minimum case, which an equivalent is not. Hand calculation on a 10 kV feeder Q – line
// L – bus B, minimum case (c_min = 1.0, Table 1; Z_Q = c·U_n²/S''kQmin with R/X given, eq. 6):
//   I''k = c·U_n / (√3·|Z_Q + Z_L|), Z_L = R'·l + jX'·l, R' raised by 1 + 0.004·(θ_e − 20) only
//   when positive.

import type { NetworkDocumentInput } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { loadSimCore } from "../src/index.ts";

const core = await loadSimCore();
const UN = 10; // kV
const C_MIN = 1.0;
const S_KQ_MIN = 150; // MVA
const LENGTH = 2; // km

function feeder(rOhmPerKm: number): NetworkDocumentInput {
  return {
    schema: "ampflux/network@1",
    name: "equivalent",
    frequency_hz: 50,
    buses: [
      { id: "A", vn_kv: UN },
      { id: "B", vn_kv: UN },
    ],
    external_grids: [
      { id: "Q", bus: "A", s_sc_max_mva: 200, s_sc_min_mva: S_KQ_MIN, rx_max: 0.1, rx_min: 0.1 },
    ],
    lines: [
      {
        id: "L",
        from_bus: "A",
        to_bus: "B",
        length_km: LENGTH,
        r_ohm_per_km: rOhmPerKm,
        x_ohm_per_km: 0.4,
        c_nf_per_km: 0,
        endtemp_degree: 80,
      },
    ],
  };
}

/** I''k (kA) at B by hand, the line's resistance per km `r` as the study uses it. */
function handIkss(r: number): number {
  const zQ = (C_MIN * UN ** 2) / S_KQ_MIN;
  const xQ = zQ / Math.sqrt(1 + 0.1 ** 2);
  const [re, im] = [0.1 * xQ + r * LENGTH, xQ + 0.4 * LENGTH];
  return (C_MIN * UN) / (Math.sqrt(3) * Math.hypot(re, im));
}

const ikssAtB = (doc: NetworkDocumentInput) =>
  core.shortCircuit(doc, { fault: "3ph", case: "min" }).buses.find((b) => b.bus === "B")?.ikss_ka;

describe("a negative line resistance (a reduction equivalent)", () => {
  it("is kept as given in the minimum case: no end-temperature rise (eq. 31 is a conductor's)", () => {
    expect(ikssAtB(feeder(-0.05))).toBeCloseTo(handIkss(-0.05), 9);
  });

  it("while a positive one is raised to 80 °C: R' · (1 + 0.004 · 60)", () => {
    expect(ikssAtB(feeder(0.05))).toBeCloseTo(handIkss(0.05 * 1.24), 9);
  });

  it("is marked in the study's warnings as an equivalent, not refused", () => {
    const result = core.shortCircuit(feeder(-0.05), { fault: "3ph" });
    const marked = result.warnings.filter((w) => /network-reduction equivalent/.test(w.message));
    expect(marked.map((w) => w.path.join("."))).toEqual(["lines.0.r_ohm_per_km"]);
  });
});
