// A small network built for the N-1 screening of three-winding transformers: outages that split
// it (a motor-only side, a side with nothing on it, a side with its own generator), meshed ones,
// and zero-sequence paths that depend on a three-winding transformer's earthed windings.
//
//   Q ── A (110 kV) ── T1 (YNyn0d5) ── B (20 kV) ── line ── D (20 kV)
//        │            └─ C (10 kV): motor M only
//        ├── TB (YNd5) ── B          (B stays fed without T1, but its earth path was T1's yn)
//        ├── T2 (YNy0d5) ── D, E (6 kV): generator G (E keeps its own source)
//        └── T3 (YNd5d5, HV on A) ── G1 (20 kV, also fed by line from D), F (10 kV): nothing
//
// In the zero sequence B, D and G1 are earthed through T1's yn winding alone: without T1 they
// have no earth path (no earth-fault current), though still fed.

import type { NetworkDocumentInput } from "@ampflux/contracts";

const threeWinding = (
  id: string,
  hv_bus: string,
  mv_bus: string,
  lv_bus: string,
  vn: [number, number, number],
  vector_group: string,
) => ({
  id,
  hv_bus,
  mv_bus,
  lv_bus,
  sn_hv_mva: 40,
  sn_mv_mva: 40,
  sn_lv_mva: 20,
  vn_hv_kv: vn[0],
  vn_mv_kv: vn[1],
  vn_lv_kv: vn[2],
  vk_hv_percent: 12,
  vkr_hv_percent: 0.4,
  vk_mv_percent: 8,
  vkr_mv_percent: 0.3,
  vk_lv_percent: 15,
  vkr_lv_percent: 0.5,
  vk0_hv_percent: 11,
  vkr0_hv_percent: 0.4,
  vk0_mv_percent: 7.5,
  vkr0_mv_percent: 0.3,
  vk0_lv_percent: 14,
  vkr0_lv_percent: 0.5,
  vector_group,
});

const line = (id: string, from_bus: string, to_bus: string, km: number) => ({
  id,
  from_bus,
  to_bus,
  length_km: km,
  r_ohm_per_km: 0.16,
  x_ohm_per_km: 0.37,
  c_nf_per_km: 0,
  r0_ohm_per_km: 0.5,
  x0_ohm_per_km: 1.2,
});

export const threeWindingSplits: NetworkDocumentInput = {
  schema: "ampflux/network@1",
  name: "three-winding transformer outages",
  frequency_hz: 50,
  buses: [
    { id: "A", vn_kv: 110 },
    { id: "B", vn_kv: 20 },
    { id: "C", vn_kv: 10 },
    { id: "D", vn_kv: 20 },
    { id: "E", vn_kv: 6 },
    { id: "G1", vn_kv: 20 },
    { id: "F", vn_kv: 10 },
  ],
  external_grids: [
    {
      id: "Q",
      bus: "A",
      s_sc_max_mva: 3000,
      s_sc_min_mva: 1500,
      rx_max: 0.1,
      rx_min: 0.1,
      x0x_max: 1.5,
      r0x0_max: 0.15,
    },
  ],
  transformers: [
    {
      id: "TB",
      hv_bus: "A",
      lv_bus: "B",
      sn_mva: 25,
      vn_hv_kv: 110,
      vn_lv_kv: 20,
      vk_percent: 11,
      vkr_percent: 0.5,
      vector_group: "YNd5",
    },
  ],
  transformers3w: [
    threeWinding("T1", "A", "B", "C", [110, 20, 10], "YNyn0d5"),
    threeWinding("T2", "A", "D", "E", [110, 20, 6], "YNy0d5"),
    threeWinding("T3", "A", "G1", "F", [110, 20, 10], "YNd5d5"),
  ],
  generators: [{ id: "G", bus: "E", sn_mva: 10, vn_kv: 6.3, xdss_pu: 0.12, rdss_ohm: 0.01, cos_phi: 0.85 }],
  motors: [
    {
      id: "M",
      bus: "C",
      pn_mech_mw: 3,
      vn_kv: 10,
      cos_phi_n: 0.88,
      efficiency_n_percent: 97,
      lrc_pu: 5,
      rx: 0.1,
      pole_pairs: 1,
    },
  ],
  lines: [line("L1", "B", "D", 8), line("L2", "D", "G1", 5)],
};
