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
