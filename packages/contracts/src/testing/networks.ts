// Small valid networks that the tests of every package save, validate and study, written once:
// a value changed for one test is seen by all. Typical distribution values; the element ids
// are what tests assert on. Tests that need a variant spread a copy, never change these.

import type { NetworkDocumentInput } from "../network/index.ts";

const header = (name: string) => ({ schema: "ampflux/network@1", name, frequency_hz: 50 }) as const;

/** An external grid with R/X 0.1 in both cases. */
const grid = (bus: string, s_sc_max_mva: number, s_sc_min_mva: number) => ({
  id: "grid",
  bus,
  s_sc_max_mva,
  s_sc_min_mva,
  rx_max: 0.1,
  rx_min: 0.1,
});

/** 110 kV grid (3000 MVA, R/X 0.1) → 40 MVA 110/20 kV transformer "T" → bus "mv" → 5 km line "L" → bus "end". */
export const mvFeeder = {
  ...header("Feeder"),
  buses: [
    { id: "hv", vn_kv: 110 },
    { id: "mv", vn_kv: 20 },
    { id: "end", vn_kv: 20 },
  ],
  external_grids: [grid("hv", 3000, 2000)],
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
    },
  ],
  lines: [
    {
      id: "L",
      from_bus: "mv",
      to_bus: "end",
      length_km: 5,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.35,
      c_nf_per_km: 0,
    },
  ],
} satisfies NetworkDocumentInput;

/**
 * mvFeeder's I''k (kA, 3ph, max case) at bus "end" by hand, IEC 60909-0: Z_Q = c·U²/S''kQ with
 * R/X 0.1 (eq. 6) referred to 20 kV, the transformer with K_T (eq. 12a) on 40 MVA, then the
 * 5 km line; I''k = c·Un / (√3·|Z|) with c = 1.1.
 */
export function mvFeederEndIkssKa(): number {
  const c = 1.1;
  const xq = (c * 400) / 3000 / Math.sqrt(1.01);
  const xtPu = Math.sqrt(0.12 ** 2 - 0.005 ** 2);
  const kt = (0.95 * c) / (1 + 0.6 * xtPu);
  const r = 0.1 * xq + kt * 0.005 * 10 + 5 * 0.2;
  const x = xq + kt * xtPu * 10 + 5 * 0.35;
  return (c * 20) / (Math.sqrt(3) * Math.hypot(r, x));
}

/** A 20 kV grid feeding a 0.4 kV bus through a 630 kVA Dyn5 transformer. */
export const lvFeeder = {
  ...header("Feeder"),
  buses: [
    { id: "mv", name: "MV", vn_kv: 20 },
    { id: "lv", name: "LV", vn_kv: 0.4 },
  ],
  external_grids: [grid("mv", 500, 400)],
  transformers: [
    {
      id: "t1",
      hv_bus: "mv",
      lv_bus: "lv",
      sn_mva: 0.63,
      vn_hv_kv: 20,
      vn_lv_kv: 0.4,
      vk_percent: 6,
      vkr_percent: 1.1,
      vector_group: "Dyn5",
    },
  ],
} satisfies NetworkDocumentInput;

const line = (id: string, from_bus: string, to_bus: string, length_km: number, r: number, x: number) => ({
  id,
  from_bus,
  to_bus,
  length_km,
  r_ohm_per_km: r,
  x_ohm_per_km: x,
  c_nf_per_km: 0,
});

/** 20 kV grid → two parallel 4 km lines "L1", "L2" → bus "far"; "far" also has a 2 km spur "L3" to "spur". */
export const parallelFeeder = {
  ...header("parallel feeder"),
  buses: [
    { id: "src", vn_kv: 20 },
    { id: "far", vn_kv: 20 },
    { id: "spur", vn_kv: 20 },
  ],
  external_grids: [grid("src", 500, 300)],
  lines: [
    line("L1", "src", "far", 4, 0.1, 0.3),
    line("L2", "src", "far", 4, 0.1, 0.3),
    line("L3", "far", "spur", 2, 0.2, 0.35),
  ],
} satisfies NetworkDocumentInput;

/**
 * For load flow: 20 kV grid "g" at bus "a" → 5 km cable "l1" (0.4 kA rating) → bus "b" with a
 * 3 MW + 1 Mvar load "load"; bus "c" is connected to nothing (an unsupplied island).
 */
export const loadedFeeder = {
  ...header("loaded feeder"),
  buses: [
    { id: "a", vn_kv: 20 },
    { id: "b", vn_kv: 20 },
    { id: "c", vn_kv: 20 },
  ],
  external_grids: [{ ...grid("a", 500, 400), id: "g" }],
  lines: [{ ...line("l1", "a", "b", 5, 0.2, 0.4), c_nf_per_km: 10, max_i_ka: 0.4 }],
  loads: [{ id: "load", bus: "b", p_mw: 3, q_mvar: 1 }],
} satisfies NetworkDocumentInput;

/** loadedFeeder with a load (400 MW + 200 Mvar) far beyond what its cable can carry: no solution. */
export const overloadedFeeder = {
  ...loadedFeeder,
  name: "overloaded feeder",
  loads: [{ id: "load", bus: "b", p_mw: 400, q_mvar: 200 }],
} satisfies NetworkDocumentInput;

/**
 * loadedFeeder with 13 MW + 5 Mvar at "b" and the cable "l1" (1 + j2 Ω, no charging) rated
 * 0.3 kA: both limits of a load-flow study broken. Hand calculation (two-bus load flow, line-to-
 * line kV, MW, Ω): |V_b|⁴ − (V_a² − 2(PR + QX))·|V_b|² + |S|²·|Z|² = 0 with V_a = 20 kV, PR + QX =
 * 13 + 10, |S|² = 194, |Z|² = 5 → |V_b| ≈ 18.74 kV ≈ 0.937 pu (under 0.95) and I = |S|/(√3·|V_b|)
 * ≈ 0.429 kA ≈ 143 % of 0.3 kA (overloaded).
 */
export const strainedFeeder = {
  ...loadedFeeder,
  name: "strained feeder",
  lines: [{ ...line("l1", "a", "b", 5, 0.2, 0.4), max_i_ka: 0.3 }],
  loads: [{ id: "load", bus: "b", p_mw: 13, q_mvar: 5 }],
} satisfies NetworkDocumentInput;

/**
 * A rated 20 kV switchboard: 110 kV grid (5000 MVA) → 63 MVA 110/20 kV transformer "T1"
 * (vk 12 %) → switchboard bus "mv" (IEC 62271-200 25 kA type) → breaker "Q1" (built-in
 * "CB 24 kV 16 kA (IEC 62271-100)") → 2 km NA2XS2Y 1x240 cable "L1" → bus "f1". By hand
 * (IEC 60909-0 eq. 12a, K_T = 0.95·1.1/(1 + 0.6·0.12) = 0.975): Z_Q = 1.1·20²/5000 = 0.088 Ω,
 * Z_TK ≈ 0.743 Ω, I''k(mv) ≈ 1.1·20/(√3·0.831) ≈ 15.3 kA: Q1 at about 95 % of 16 kA, a
 * warning. vkr 1.2 % gives R/X ≈ 0.1, so ip ≈ 1.75·√2·15.3 ≈ 37.8 kA (95 % of 40 kA) and the
 * d.c. component at 0.1 s has decayed to ≈ 4 %: every check of Q1 is a warning, none overdutied
 * (with vkr 0.3 % the making current would already exceed 40 kA). `withParallelTransformer`
 * adds "T2", the same again: about 27.7 kA, overdutied.
 */
export const ratedSwitchboard = {
  ...header("Rated switchboard"),
  buses: [
    { id: "hv", vn_kv: 110 },
    {
      id: "mv",
      vn_kv: 20,
      type: "Switchgear 25 kA 1 s (IEC 62271-200)",
      peak_withstand_ka: 62.5,
      short_time_ka: 25,
      short_time_s: 1,
    },
    { id: "f1", vn_kv: 20 },
  ],
  external_grids: [
    { id: "grid", bus: "hv", s_sc_max_mva: 5000, s_sc_min_mva: 4000, rx_max: 0.1, rx_min: 0.1 },
  ],
  transformers: [
    {
      id: "T1",
      hv_bus: "hv",
      lv_bus: "mv",
      sn_mva: 63,
      vn_hv_kv: 110,
      vn_lv_kv: 20,
      vk_percent: 12,
      vkr_percent: 1.2,
    },
  ],
  lines: [
    {
      id: "L1",
      from_bus: "mv",
      to_bus: "f1",
      length_km: 2,
      type: "NA2XS2Y 1x240 RM/25 12/20 kV",
      r_ohm_per_km: 0.122,
      x_ohm_per_km: 0.112,
      c_nf_per_km: 304,
      max_i_ka: 0.421,
      conductor: "al",
      insulation: "xlpe",
      cross_section_mm2: 240,
    },
  ],
  switches: [
    {
      id: "Q1",
      bus: "mv",
      element: "L1",
      element_type: "line",
      type: "CB 24 kV 16 kA (IEC 62271-100)",
      kind: "circuit_breaker",
      rated_voltage_kv: 24,
      breaking_ka: 16,
      making_ka: 40,
      short_time_ka: 16,
      short_time_s: 1,
      dc_time_constant_ms: 45,
    },
  ],
} satisfies NetworkDocumentInput;

/** `doc` with a second transformer like its first, in parallel (a copy; `doc` is not changed). */
export function withParallelTransformer<D extends { transformers: ReadonlyArray<{ id: string }> }>(
  doc: D,
): D {
  const [first] = doc.transformers;
  if (!first) throw new Error("the network has no transformer to parallel");
  return { ...structuredClone(doc), transformers: [...doc.transformers, { ...first, id: "T2" }] };
}
