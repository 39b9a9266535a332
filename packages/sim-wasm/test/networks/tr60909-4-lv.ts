// The low-voltage example network of IEC TR 60909-4 (clause 3 of the 2000 edition): a 400 V
// network fed from 20 kV through T1 (630 kVA) and T2 (400 kVA), cables L1–L3 and overhead
// line L4; faults F1 (T1 LV terminals), F2 (busbar), F3 (end of L4). Data from the TR's
// tables as encoded in rwl/iec60909 src/part4/section3.rs and powsybl-incubator
// ReferenceNetwork.createShortCircuitIec31: R0/R and X0/X of every element as the TR gives them.

import type { NetworkDocumentInput } from "@ampflux/contracts";

/** Dyn5, 20/0.41 kV, u_kr 4 %, u_Rr from P_krT; R(0)T = R_T, X(0)T = 0.95 X_T. */
const transformer = (id: string, lv_bus: string, sn_mva: number, pkr_kw: number) => {
  const vkr = (pkr_kw / 1000 / sn_mva) * 100;
  const vkx = Math.sqrt(4 ** 2 - vkr ** 2);
  return {
    id,
    hv_bus: "Q",
    lv_bus,
    sn_mva,
    vn_hv_kv: 20,
    vn_lv_kv: 0.41,
    vk_percent: 4,
    vkr_percent: vkr,
    vk0_percent: Math.hypot(vkr, 0.95 * vkx),
    vkr0_percent: vkr,
    vector_group: "Dyn5",
  };
};

/** Per-km data with the TR's zero-sequence ratios R0/R and X0/X. */
const line = (
  id: string,
  from_bus: string,
  to_bus: string,
  m: number,
  r: number,
  x: number,
  r0r: number,
  x0x: number,
  parallel = 1,
) => ({
  id,
  from_bus,
  to_bus,
  length_km: m / 1000,
  r_ohm_per_km: r,
  x_ohm_per_km: x,
  r0_ohm_per_km: r * r0r,
  x0_ohm_per_km: x * x0x,
  c_nf_per_km: 0,
  parallel,
});

export const tr60909_4_lv: NetworkDocumentInput = {
  schema: "ampflux/network@1",
  name: "IEC TR 60909-4 low-voltage example",
  frequency_hz: 50,
  buses: [
    { id: "Q", vn_kv: 20 },
    { id: "F1", vn_kv: 0.4 },
    { id: "T2LV", vn_kv: 0.4 },
    { id: "F2", vn_kv: 0.4 },
    { id: "L3end", vn_kv: 0.4 },
    { id: "F3", vn_kv: 0.4 },
  ],
  // Feeder: I''kQ = 10 kA at 20 kV (S''kQ = √3·20·10 MVA), R/X = 0.1; Dyn transformers block Z0.
  external_grids: [
    {
      id: "feeder",
      bus: "Q",
      s_sc_max_mva: Math.sqrt(3) * 200,
      s_sc_min_mva: Math.sqrt(3) * 200,
      rx_max: 0.1,
      rx_min: 0.1,
    },
  ],
  transformers: [transformer("T1", "F1", 0.63, 6.5), transformer("T2", "T2LV", 0.4, 4.6)],
  lines: [
    line("L1", "F1", "F2", 10, 0.077, 0.079, 3.7, 1.81, 2),
    line("L2", "T2LV", "F2", 4, 0.208, 0.068, 4.23, 1.21, 2),
    line("L3", "F2", "L3end", 20, 0.271, 0.087, 3, 4.46),
    line("L4", "L3end", "F3", 50, 0.3704, 0.297, 2, 3),
  ],
};
