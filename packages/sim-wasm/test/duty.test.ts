// The duty study against hand calculations: every check of the rated switchboard (one 63 MVA
// 110/20 kV transformer feeding a 20 kV switchboard with a 16 kA breaker on a 240 mm² cable)
// computed here from IEC 60909-0:2016, IEC 62271-100, IEC 61439-1, IEC 60364-4-43 and
// IEC 60076-5, then the defaults, the missing ratings, the cases and the plans.

import type { DutyCheck, DutyCheckName, NetworkDocumentInput, ShortCircuitResult } from "@ampflux/contracts";
import { ratedSwitchboard, withParallelTransformer } from "@ampflux/contracts/testing";
import { describe, expect, it } from "vitest";
import { loadSimCore, ShortCircuitInputError, ValidatedNetwork } from "../src/index.ts";

const core = await loadSimCore();

/** Relative agreement to 1e-6, the tolerance every hand calculation here is held to. */
function expectClose(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected)).toBeLessThan(1e-6);
}

function checkOf(result: ShortCircuitResult, element: string, check: DutyCheckName): DutyCheck {
  const found = result.duty?.find((c) => c.element === element && c.check === check);
  if (!found) throw new Error(`no ${check} check of ${element}`);
  return found;
}

const F_HZ = 50;
const C_MAX = 1.1; // IEC 60909-0 Table 1, Un > 1 kV
const UN_KV = 20;
const TMIN_S = 0.1; // the study's default minimum time delay
const TK_S = 1; // the study's default fault duration

/**
 * I''k at the 20 kV switchboard "mv" fed by `transformers` parallel 63 MVA, 110/20 kV,
 * uk 12 %, uR 1.2 % units from a 5000 MVA (R/X 0.1) grid, with κ, ip, Ith and the R/X κ uses.
 */
function handCalculation(transformers: number) {
  // Z_Q referred to 20 kV (eq. 1 and 6): c·Un²/S''kQ, R_Q = 0.1·X_Q.
  const zq = (C_MAX * UN_KV * UN_KV) / 5000;
  const xq = zq / Math.sqrt(1 + 0.1 ** 2);
  const rq = 0.1 * xq;
  // Z_T on the 20 kV side (eq. 7–9), corrected by K_T = 0.95·c_max/(1 + 0.6 x_T) (eq. 12a).
  const xtPu = Math.sqrt(0.12 ** 2 - 0.012 ** 2);
  const kt = (0.95 * C_MAX) / (1 + 0.6 * xtPu);
  const zBase = (UN_KV * UN_KV) / 63;
  const r = rq + (kt * 0.012 * zBase) / transformers;
  const x = xq + (kt * xtPu * zBase) / transformers;
  // Eq. (29): I''k = c·Un / (√3 |Zk|).
  const ikss = (C_MAX * UN_KV) / (Math.sqrt(3) * Math.hypot(r, x));
  // Method C (eq. 59): a network of R–L branches only has Rc/Xc · fc/f = R/X, so κ = κ(R/X) (eq. 55).
  const rOverX = r / x;
  const kappa = 1.02 + 0.98 * Math.exp(-3 * rOverX);
  const ip = kappa * Math.SQRT2 * ikss; // eq. (54)
  // Far from generators Ib = I''k (eq. 74) and Ith = I''k·√(m + 1) with m of eq. (A.1).
  const ln = Math.log(kappa - 1);
  const m = (Math.exp(4 * F_HZ * TK_S * ln) - 1) / (2 * F_HZ * TK_S * ln);
  const ith = ikss * Math.sqrt(m + 1);
  return { ikss, rOverX, kappa, ip, ib: ikss, ith };
}

/** i_DC at contact parting (IEC 60909-0 eq. 64) and I_b,asym = √(Ib² + i_DC²). */
function asymmetricalBreaking(hand: ReturnType<typeof handCalculation>, tS: number) {
  const iDc = Math.SQRT2 * hand.ikss * Math.exp(-2 * Math.PI * F_HZ * tS * hand.rOverX);
  return Math.hypot(hand.ib, iDc);
}

/** Isc·√(1 + 2·(DC%/100)²) with DC% = 100·e^(−t_op/τ) (IEC 62271-100 §4.101.2). */
const ratedAsymmetrical = (isc: number, tOpS: number, tauS: number) =>
  isc * Math.sqrt(1 + 2 * Math.exp(-tOpS / tauS) ** 2);

describe("the rated switchboard by hand (bus mode)", () => {
  const result = core.shortCircuit(ratedSwitchboard, { duty: true });
  const hand = handCalculation(1);

  it("agrees with the study's own I''k, κ, ip and Ith at the switchboard", () => {
    const mv = result.buses.find((b) => b.bus === "mv");
    expectClose(mv?.ikss_ka, hand.ikss);
    expectClose(mv?.kappa, hand.kappa);
    expectClose(mv?.ith_ka, hand.ith);
  });

  it("breaking_sym: Ib vs the rated breaking current, 95.6 % of 16 kA is a warning", () => {
    const check = checkOf(result, "Q1", "breaking_sym");
    expect(check).toMatchObject({ bus: "mv", rating: 16, unit: "kA", kind: "circuit_breaker" });
    expectClose(check.value, hand.ib);
    expectClose(check.percent, (hand.ib / 16) * 100);
    expect(check.percent).toBeGreaterThan(90);
    expect(check.percent).toBeLessThan(100);
    expect(check.status).toBe("warning");
  });

  it("breaking_asym: √(Ib² + i_DC²) at tmin vs Isc·√(1 + 2·DC²), IEC 60909-0 eq. 64 / IEC 62271-100 §4.101.2", () => {
    const check = checkOf(result, "Q1", "breaking_asym");
    expectClose(check.value, asymmetricalBreaking(hand, TMIN_S));
    expectClose(check.rating, ratedAsymmetrical(16, TMIN_S, 0.045));
    expectClose(check.percent, ((check.value ?? 0) / (check.rating ?? 1)) * 100);
    expect(check.notes).toContain("opening_time_ms defaulted to tmin (100 ms)");
  });

  it("making: ip vs Icm (IEC 62271-100 §4.103)", () => {
    const check = checkOf(result, "Q1", "making");
    expectClose(check.value, hand.ip);
    expect(check.rating).toBe(40);
    expectClose(check.percent, (hand.ip / 40) * 100);
  });

  it("short_time: Ith over tk vs Ik·√(tk_rated/tk) (IEC 62271-1 §5.7)", () => {
    const check = checkOf(result, "Q1", "short_time");
    expectClose(check.value, hand.ith);
    expectClose(check.rating, 16 * Math.sqrt(1 / TK_S));
  });

  it("switchboard: ip vs Ipk and Ith vs Icw (IEC 61439-1 §9.3, IEC 62271-200)", () => {
    const peak = checkOf(result, "mv", "peak_withstand");
    expectClose(peak.value, hand.ip);
    expect(peak).toMatchObject({ rating: 62.5, status: "ok", element_type: "bus" });
    const shortTime = checkOf(result, "mv", "busbar_short_time");
    expectClose(shortTime.value, hand.ith);
    expectClose(shortTime.rating, 25);
  });

  it("cable_thermal: Ith²·tk vs k²S², k = 94 for Al/XLPE (IEC 60364-4-43 §434.5.2, Table 43A)", () => {
    const check = checkOf(result, "L1", "cable_thermal");
    expect(check).toMatchObject({ unit: "kA²s", bus: "mv" });
    expectClose(check.value, hand.ith ** 2 * TK_S);
    // (94 A·√s/mm² · 240 mm²)² = 508 953 600 A²s = 508.9536 kA²s.
    expectClose(check.rating, 508.9536);
  });

  it("lists worst first and warns once about elements without ratings", () => {
    const percents = (result.duty ?? []).map((c) => c.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(result.warnings).toContainEqual({
      path: ["duty"],
      message: "not checked for lack of a type or rating: 2 bus(es), 0 line(s), 1 transformer(s)",
    });
    expect(result.timings.duty).toBeGreaterThanOrEqual(0);
  });
});

describe("a parallel transformer", () => {
  it("moves Q1's breaking_sym from warning to overdutied, with the doubled-in-parallel I''k by hand", () => {
    const before = checkOf(core.shortCircuit(ratedSwitchboard, { duty: true }), "Q1", "breaking_sym");
    const after = checkOf(
      core.shortCircuit(withParallelTransformer(ratedSwitchboard), { duty: true }),
      "Q1",
      "breaking_sym",
    );
    expect(before.status).toBe("warning");
    expect(after.status).toBe("overdutied");
    expectClose(after.value, handCalculation(2).ikss);
  });

  it("takes every check of Q1 from warning to overdutied (what the diagram colours by)", () => {
    const statuses = (doc: NetworkDocumentInput) =>
      (core.shortCircuit(doc, { duty: true }).duty ?? [])
        .filter((c) => c.element === "Q1")
        .map((c) => c.status);
    expect(statuses(ratedSwitchboard)).toEqual(Array(4).fill("warning"));
    expect(statuses(withParallelTransformer(ratedSwitchboard))).toEqual(Array(4).fill("overdutied"));
  });
});

/** A 20 kV bus fed by one transformer, with devices and elements rated in every way the defaults touch. */
const defaultsNetwork = {
  ...ratedSwitchboard,
  buses: [
    ...ratedSwitchboard.buses,
    { id: "island", vn_kv: 20 },
    { id: "panel", vn_kv: 20, short_time_ka: 20 },
  ],
  lines: [
    ...ratedSwitchboard.lines,
    {
      id: "L2",
      from_bus: "mv",
      to_bus: "panel",
      length_km: 1,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.1,
      c_nf_per_km: 0,
      parallel: 2,
      k_a_s05_mm2: 143,
      cross_section_mm2: 95,
    },
    {
      id: "L3",
      from_bus: "mv",
      to_bus: "f1",
      length_km: 1,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.1,
      c_nf_per_km: 0,
      in_service: false,
      cross_section_mm2: 95,
    },
  ],
  transformers: ratedSwitchboard.transformers.map((t) => ({ ...t, through_fault_ka: 40 })),
  switches: [
    ...ratedSwitchboard.switches,
    { id: "Q2", bus: "mv", element: "L2", element_type: "line" },
    {
      id: "Q3",
      bus: "island",
      element: "panel",
      element_type: "bus",
      closed: false,
      kind: "disconnector",
      making_ka: 50,
    },
    {
      id: "F1",
      bus: "panel",
      element: "L2",
      element_type: "line",
      kind: "fuse",
      breaking_ka: 40,
    },
    {
      id: "Q4",
      bus: "mv",
      element: "L2",
      element_type: "line",
      kind: "circuit_breaker",
      breaking_ka: 25,
      opening_time_ms: 40,
      dc_time_constant_ms: 60,
    },
    { id: "Q5", bus: "mv", element: "L3", element_type: "line", breaking_ka: 25 },
  ],
} satisfies NetworkDocumentInput;

describe("defaults, missing ratings and skipped elements", () => {
  const result = core.shortCircuit(defaultsNetwork, { duty: true });
  const checksOf = (element: string) => (result.duty ?? []).filter((c) => c.element === element);

  it("checks a switch without kind as a circuit breaker, every rating missing, never an error", () => {
    const q2 = checksOf("Q2");
    expect(q2.map((c) => c.check).sort()).toEqual(["breaking_asym", "breaking_sym", "making", "short_time"]);
    for (const check of q2) {
      expect(check).toMatchObject({
        status: "missing rating",
        rating: null,
        percent: null,
        kind: "circuit_breaker",
      });
      expect(check.value).toBeGreaterThan(0);
      expect(check.notes).toContain("kind not set: checked as a circuit breaker");
    }
    expect(checkOf(result, "Q2", "breaking_sym").notes).toContain("breaking_ka not set");
    expect(checkOf(result, "Q2", "breaking_asym").notes).toEqual(
      expect.arrayContaining([
        "opening_time_ms defaulted to tmin (100 ms)",
        "dc_time_constant_ms defaulted to 45 ms",
      ]),
    );
  });

  it("takes i_DC at the opening time, rates DC% with the breaker's τ, and says Ib is from tmin", () => {
    const hand = handCalculation(1);
    const check = checkOf(result, "Q4", "breaking_asym");
    expectClose(check.value, asymmetricalBreaking(hand, 0.04));
    expectClose(check.rating, ratedAsymmetrical(25, 0.04, 0.06));
    const early = "opening_time_ms 40 ms is before tmin 100 ms: Ib was computed at tmin (not conservative)";
    expect(check.notes).toContain(early);
    expect(checkOf(result, "Q4", "breaking_sym").notes).toContain(early);
  });

  it("checks a fuse's breaking capacity only, against I''k", () => {
    expect(checksOf("F1").map((c) => c.check)).toEqual(["breaking_sym"]);
    const panel = result.buses.find((b) => b.bus === "panel");
    expectClose(checkOf(result, "F1", "breaking_sym").value, panel?.ikss_ka ?? Number.NaN);
  });

  it("checks a disconnector's making and short-time withstand; an unfed bus gives no value", () => {
    const q3 = checksOf("Q3");
    expect(q3.map((c) => c.check).sort()).toEqual(["making", "short_time"]);
    // Bus mode, bus–bus switch: the larger of its two buses, here "panel" (the island is unfed).
    const making = checkOf(result, "Q3", "making");
    expect(making.bus).toBe("panel");
    expectClose(making.value, result.buses.find((b) => b.bus === "panel")?.ip_ka ?? Number.NaN);
  });

  it("defaults short_time_s to 1 s for a switchboard with Icw alone", () => {
    const check = checkOf(result, "panel", "busbar_short_time");
    expect(check.rating).toBe(20);
    expect(check.notes).toContain("short_time_s defaulted to 1 s");
    expect(checkOf(result, "panel", "peak_withstand")).toMatchObject({
      status: "missing rating",
      notes: ["peak_withstand_ka not set"],
    });
  });

  it("shares a cable's current among its parallel circuits: (Ith/2)²·tk vs (143·95)²", () => {
    const check = checkOf(result, "L2", "cable_thermal");
    const ith = result.buses.find((b) => b.bus === "mv")?.ith_ka ?? Number.NaN;
    expectClose(check.value, (ith / 2) ** 2 * TK_S);
    expectClose(check.rating, (143 * 95) ** 2 / 1e6);
    expect(check.notes).toContain("Ith shared by 2 parallel circuits");
  });

  it("checks a transformer's through fault at its LV bus against through_fault_ka over 2 s (IEC 60076-5 §4.1.3)", () => {
    const check = checkOf(result, "T1", "through_fault");
    expect(check.bus).toBe("mv");
    expectClose(check.value, result.buses.find((b) => b.bus === "mv")?.ith_ka ?? Number.NaN);
    // tk = 1 s ≤ 2 s: the rated 40 kA itself, not 40·√2 (IEC 60865-1 §7.1).
    expectClose(check.rating, 40);
    expect(check.notes).toContain("through_fault_s defaulted to 2 s (IEC 60076-5)");
    // A 4 s fault: equal I²t, 40·√(2/4) = 28.28 kA.
    const long = checkOf(core.shortCircuit(defaultsNetwork, { duty: true, tk_s: 4 }), "T1", "through_fault");
    expectClose(long.rating, 40 * Math.sqrt(2 / 4));
  });

  it("skips out-of-service elements and the switches on them", () => {
    expect(checksOf("L3")).toEqual([]);
    expect(checksOf("Q5")).toEqual([]);
  });

  it("reports a device on an unfed bus with value null and the note 'bus not fed'", () => {
    const unfed = {
      ...defaultsNetwork,
      buses: defaultsNetwork.buses.map((b) => (b.id === "island" ? { ...b, peak_withstand_ka: 10 } : b)),
    };
    const check = checkOf(core.shortCircuit(unfed, { duty: true }), "island", "peak_withstand");
    expect(check).toMatchObject({ value: null, rating: 10, percent: null, status: "missing rating" });
    expect(check.notes).toContain("bus not fed");
  });
});

describe("types and study options", () => {
  it("rates a switch from its built-in type alone", () => {
    const typed = {
      ...ratedSwitchboard,
      switches: [
        { id: "Q1", bus: "mv", element: "L1", element_type: "line", type: "CB 24 kV 25 kA (IEC 62271-100)" },
      ],
    } satisfies NetworkDocumentInput;
    const check = checkOf(core.shortCircuit(typed, { duty: true }), "Q1", "making");
    expect(check.rating).toBe(62.5);
    expect(check.kind).toBe("circuit_breaker");
  });

  it("has no duty unless asked, and refuses duty in a single minimum-case study at path duty", () => {
    expect(core.shortCircuit(ratedSwitchboard).duty).toBeUndefined();
    let error: unknown;
    try {
      core.shortCircuit(ratedSwitchboard, { case: "min", duty: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShortCircuitInputError);
    expect((error as ShortCircuitInputError).issues).toEqual([
      { path: ["duty"], message: 'duty is evaluated with maximum currents: use case "max"' },
    ]);
  });

  it("evaluates duty in the maximum case of a plan only, as a single study does", () => {
    const network = ValidatedNetwork.check(ratedSwitchboard);
    const studies = core.shortCircuitStudies(network, {
      faults: ["3ph", "1ph"],
      cases: ["max", "min"],
      duty: true,
    });
    try {
      const max = studies.run("3ph", "max");
      expect(max.duty).toEqual(core.shortCircuit(network, { duty: true }).duty);
      expect(studies.run("3ph", "min").duty).toBeUndefined();
      const earth = studies.run("1ph", "max");
      expect(earth.duty?.length).toBe(max.duty?.length);
      expectClose(
        checkOf(earth, "Q1", "breaking_sym").value,
        earth.buses.find((b) => b.bus === "mv")?.ib_ka ?? Number.NaN,
      );
    } finally {
      studies.dispose();
    }
  });
});

/**
 * A 20 kV bus "B" fed by its own grid G1 (200 MVA) and, over 2 km of line L, by grid G2
 * (400 MVA) at bus "R"; feeder breaker QL at B on L, the line rated as a 95 mm² Cu/XLPE cable.
 */
const twoSources = {
  schema: "ampflux/network@1",
  name: "Two sources",
  frequency_hz: 50,
  buses: [
    { id: "B", vn_kv: 20 },
    { id: "R", vn_kv: 20 },
  ],
  external_grids: [
    { id: "G1", bus: "B", s_sc_max_mva: 200, s_sc_min_mva: 150, rx_max: 0.1, rx_min: 0.1 },
    { id: "G2", bus: "R", s_sc_max_mva: 400, s_sc_min_mva: 300, rx_max: 0.1, rx_min: 0.1 },
  ],
  lines: [
    {
      id: "L",
      from_bus: "B",
      to_bus: "R",
      length_km: 2,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.3,
      c_nf_per_km: 0,
      conductor: "cu",
      insulation: "xlpe",
      cross_section_mm2: 95,
    },
  ],
  switches: [{ id: "QL", bus: "B", element: "L", element_type: "line", breaking_ka: 16, making_ka: 40 }],
} satisfies NetworkDocumentInput;

describe("through mode on a bus fed from two sides", () => {
  // During a fault at a bus its voltage is zero, so each path from a source E = c·Un/√3 carries
  // E/Z_path (IEC 60909-0 §4.2, superposition): the paths' currents are the branch-end currents.
  const e = (C_MAX * UN_KV) / Math.sqrt(3);
  const grid = (sMva: number) => {
    const z = (C_MAX * UN_KV * UN_KV) / sMva; // eq. (1), referred to 20 kV
    const x = z / Math.sqrt(1.01);
    return { r: 0.1 * x, x };
  };
  const g1 = grid(200);
  const g2 = grid(400);
  const line = { r: 2 * 0.1, x: 2 * 0.3 };
  const current = (z: { r: number; x: number }) => e / Math.hypot(z.r, z.x);
  // Fault at B: G1 directly, G2 over the line; fault at R: G2 directly, G1 over the line.
  const atB = { own: current(g1), overLine: current({ r: g2.r + line.r, x: g2.x + line.x }) };
  const atR = { own: current(g2), overLine: current({ r: g1.r + line.r, x: g1.x + line.x }) };
  const bus = core.shortCircuit(twoSources, { duty: true });
  const through = core.shortCircuit(twoSources, { duty: true, duty_current: "through" });
  const faultAt = (id: string) => {
    const b = bus.buses.find((x) => x.bus === id);
    if (!b?.ikss_ka || !b.ip_ka || !b.ib_ka || !b.ith_ka) throw new Error(`no result at ${id}`);
    return { ikss: b.ikss_ka, ip: b.ip_ka, ib: b.ib_ka, ith: b.ith_ka };
  };

  it("a feeder breaker sees max(|c|, |I''k − c|) = the larger path current, less than the bus total", () => {
    // QL at B on L: a fault at B drives G2's current through it (c), one just beyond it on the
    // line drives G1's (I''k(B) − c); here G2 over the line is the larger.
    const expected = Math.max(atB.own, atB.overLine);
    expect(expected).toBe(atB.overLine);
    const b = faultAt("B");
    const sym = checkOf(through, "QL", "breaking_sym");
    expectClose(sym.value, expected * (b.ib / b.ikss));
    expect(sym.value).toBeLessThan(checkOf(bus, "QL", "breaking_sym").value ?? 0);
    // ip scales with the bus's κ: ip_through = I_through · ip(B)/I''k(B).
    expectClose(checkOf(through, "QL", "making").value, expected * (b.ip / b.ikss));
    expectClose(checkOf(bus, "QL", "making").value, b.ip);
  });

  it("a cable takes the worse end: at R, G2's current on the cable side of the fault", () => {
    const r = faultAt("R");
    const expected = Math.max(atR.own, atR.overLine, atB.own, atB.overLine);
    expect(expected).toBe(atR.own);
    const check = checkOf(through, "L", "cable_thermal");
    expect(check.bus).toBe("R");
    expectClose(check.value, (expected * (r.ith / r.ikss)) ** 2 * TK_S);
    // k = 143 for Cu/XLPE (IEC 60364-4-43 Table 43A), S = 95 mm².
    expectClose(check.rating, (143 * 95) ** 2 / 1e6);
    // Bus mode takes the larger bus total of the two ends.
    const larger = faultAt("B").ikss > r.ikss ? faultAt("B") : r;
    expectClose(checkOf(bus, "L", "cable_thermal").value, larger.ith ** 2 * TK_S);
  });

  it("a transformer carries its own share of the LV fault current in through mode", () => {
    const rated = (doc: NetworkDocumentInput) => ({
      ...doc,
      transformers: doc.transformers?.map((t) => ({ ...t, through_fault_ka: 40, through_fault_s: 2 })),
    });
    const doc = rated(withParallelTransformer(ratedSwitchboard));
    const mv = core.shortCircuit(doc).buses.find((b) => b.bus === "mv");
    const share = checkOf(
      core.shortCircuit(doc, { duty: true, duty_current: "through" }),
      "T1",
      "through_fault",
    );
    // Two identical transformers in parallel each carry half of I''k(mv), so half of Ith.
    expectClose(share.value, (mv?.ith_ka ?? Number.NaN) / 2);
    expectClose(share.rating, 40); // tk ≤ through_fault_s: the rating itself (IEC 60865-1 §7.1)
    expectClose(
      checkOf(core.shortCircuit(doc, { duty: true }), "T1", "through_fault").value,
      mv?.ith_ka ?? Number.NaN,
    );
  });

  it("takes the worst phase of c and I''k − c for a line-to-earth fault (sequence networks by hand)", () => {
    // Both grids earthed with X0 = 2·X1, R0 = 0.1·X0; the line's Z0 = 3·Z1 per km.
    const earthed = {
      ...twoSources,
      external_grids: twoSources.external_grids.map((g) => ({ ...g, x0x_max: 2, r0x0_max: 0.1 })),
      lines: twoSources.lines.map((l) => ({ ...l, r0_ohm_per_km: 0.3, x0_ohm_per_km: 0.9, c0_nf_per_km: 0 })),
    } satisfies NetworkDocumentInput;
    type Z = { re: number; im: number };
    const mul = (a: Z, b: Z): Z => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
    const div = (a: Z, b: Z): Z => {
      const d = b.re ** 2 + b.im ** 2;
      return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
    };
    const add = (a: Z, b: Z): Z => ({ re: a.re + b.re, im: a.im + b.im });
    const sub = (a: Z, b: Z): Z => ({ re: a.re - b.re, im: a.im - b.im });
    const parallel = (a: Z, b: Z) => div(mul(a, b), add(a, b));
    const z = (r: number, x: number): Z => ({ re: r, im: x });
    // Per sequence (1 = 2, 0): path 1 is G1 at B, path 2 is G2 behind the line.
    const g1 = grid(200);
    const g2 = grid(400);
    const path1 = [z(g1.r, g1.x), z(0.1 * 2 * g1.x, 2 * g1.x)];
    const path2 = [z(g2.r + 0.2, g2.x + 0.6), z(0.1 * 2 * g2.x + 0.6, 2 * g2.x + 1.8)];
    const [p1 = z(0, 0), p0 = z(0, 0)] = path1;
    const [q1 = z(0, 0), q0 = z(0, 0)] = path2;
    const zth1 = parallel(p1, q1);
    const zth0 = parallel(p0, q0);
    // IEC 60909-0 §7.1.4 (line-to-earth): I1 = I2 = I0 = c·Un/√3 / (Z1 + Z2 + Z0).
    const i = div(z(e, 0), add(add(zth1, zth1), zth0));
    // Current divider: what the line feeds into the fault, per sequence; the rest comes from G1.
    const c1 = div(mul(i, zth1), q1);
    const c0 = div(mul(i, zth0), q0);
    const a = { re: -0.5, im: Math.sqrt(3) / 2 };
    const a2 = { re: -0.5, im: -Math.sqrt(3) / 2 };
    const phases = (s1: Z, s2: Z, s0: Z) => [
      add(add(s0, s1), s2),
      add(add(s0, mul(a2, s1)), mul(a, s2)),
      add(add(s0, mul(a, s1)), mul(a2, s2)),
    ];
    const largest = (ps: Z[]) => Math.max(...ps.map((p) => Math.hypot(p.re, p.im)));
    const throughLine = largest(phases(c1, c1, c0));
    const rest = sub(i, c1);
    const restZero = sub(i, c0);
    const throughRest = largest(phases(rest, rest, restZero));
    const result = core.shortCircuit(earthed, { fault: "1ph", duty: true, duty_current: "through" });
    const b = result.buses.find((x) => x.bus === "B");
    // The bus's I''k1 = |3·I0| confirms the sequence impedances before the device current is checked.
    expectClose(b?.ikss_ka, 3 * Math.hypot(i.re, i.im));
    // Unbalanced faults: Ib = I''k (§9.1), so breaking_sym is the through current itself.
    const value = checkOf(result, "QL", "breaking_sym").value;
    expectClose(value, Math.max(throughLine, throughRest));
    expect(value).toBeLessThan(b?.ikss_ka ?? 0);
  });

  it("checks an open feeder breaker with all of its bus's current: closing onto a fault beyond it", () => {
    const open = { ...twoSources, switches: twoSources.switches.map((sw) => ({ ...sw, closed: false })) };
    const result = core.shortCircuit(open, { duty: true, duty_current: "through" });
    // With QL open, B is fed by G1 alone: I''k(B) = E/|Z_G1|, and nothing flows in from the line.
    expectClose(result.buses.find((x) => x.bus === "B")?.ikss_ka, atB.own);
    expectClose(checkOf(result, "QL", "breaking_sym").value, atB.own);
  });

  it("checks a bus–bus switch with its bus current, with a note", () => {
    const result = core.shortCircuit(defaultsNetwork, { duty: true, duty_current: "through" });
    const making = checkOf(result, "Q3", "making");
    expect(making.notes).toContain("bus–bus switch: checked with the larger bus fault current");
    expectClose(making.value, result.buses.find((b) => b.bus === "panel")?.ip_ka ?? Number.NaN);
  });
});
