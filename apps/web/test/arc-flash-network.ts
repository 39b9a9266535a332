import { NETWORK_SCHEMA_ID } from "@ampflux/contracts";

/**
 * A 13.8 kV grid (500 MVA) feeds "mv"; T1 (1.5 MVA, 13.8/0.48 kV, uk 5.75 %, ukr 1 %) feeds the
 * 480 V switchgear "swgr" through Q1 at T1's LV end: an IEC standard-inverse relay, Is 2 kA,
 * TMS 0.6, on a breaker opening in 80 ms. Nothing protects mv (no device upstream of it).
 */
export const PLANT_480V = {
  schema: NETWORK_SCHEMA_ID,
  name: "Plant 480 V",
  frequency_hz: 60,
  buses: [
    { id: "mv", name: "Intake", vn_kv: 13.8 },
    { id: "swgr", name: "SWGR-1", vn_kv: 0.48, arc_flash: { equipment: "switchgear", config: "VCB" } },
  ],
  external_grids: [{ id: "grid", bus: "mv", s_sc_max_mva: 500, s_sc_min_mva: 400, rx_max: 0.1, rx_min: 0.1 }],
  transformers: [
    {
      id: "T1",
      hv_bus: "mv",
      lv_bus: "swgr",
      sn_mva: 1.5,
      vn_hv_kv: 13.8,
      vn_lv_kv: 0.48,
      vk_percent: 5.75,
      vkr_percent: 1,
      vector_group: "Dyn11",
      shift_degree: 330,
    },
  ],
  switches: [
    {
      id: "Q1",
      bus: "swgr",
      element: "T1",
      element_type: "transformer",
      kind: "circuit_breaker",
      opening_time_ms: 80,
      protection: { inverse: { curve: "IEC_SI", pickup_ka: 2, tms: 0.6 } },
    },
  ],
};
