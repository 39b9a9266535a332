// A small 60 Hz industrial plant for the arc-flash study (IEEE 1584-2018): every kind of
// protective device, typical-value defaults, a device chosen by the engineer and a bus no
// device protects. The sim-wasm, cli, api and web tests study it; variants spread a copy.

import type { NetworkDocumentInput } from "../network/index.ts";
import { annexD1Enclosure, annexD2Enclosure } from "./annex-d.ts";

/**
 * 13.8 kV utility bus "util" (grid 250 MVA) → 7.5 MVA 13.8/4.16 kV transformer "T1" → incoming
 * breaker "Q1" (IEEE C37.112 very inverse relay) → 4.16 kV switchgear "swgr" (the enclosure and
 * gap of IEEE 1584-2018 Annex D.1) → feeder breaker "Q2" (IEC 60255-151 standard inverse +
 * instantaneous; no opening time given, so the default by voltage) → 300 m cable "F1" → 4.16 kV
 * MCC "t2hv" → fuse "F2" (a total-clearing curve) → 1.5 MVA 4.16/0.48 kV transformer "T2" →
 * 0.48 kV switchgear "swbd" (the enclosure and gap of Annex D.2) → breaker "Q3" (definite-time +
 * instantaneous) → cable "C1" → panel "panel" with no arc_flash data at all (every value from
 * the typical tables); and "swbd" → breaker "Q4" (fixed clearing time) → cable "C2" → LV MCC
 * "mcc", whose engineer named "F2" as its clearing device (arc_flash.devices) instead of Q4.
 * "util" is fed by the grid with no device in between: its arc lasts until the duration cap.
 */
export const arcFlashPlant = {
  schema: "ampflux/network@1",
  name: "Arc-flash plant",
  frequency_hz: 60,
  buses: [
    { id: "util", name: "Utility 13.8 kV", vn_kv: 13.8, arc_flash: { equipment: "switchgear" } },
    {
      id: "swgr",
      name: "Switchgear 4.16 kV",
      vn_kv: 4.16,
      arc_flash: { equipment: "switchgear", ...annexD1Enclosure },
    },
    { id: "t2hv", name: "MCC 4.16 kV", vn_kv: 4.16, arc_flash: { equipment: "mcc" } },
    {
      id: "swbd",
      name: "Switchgear 480 V",
      vn_kv: 0.48,
      arc_flash: { equipment: "switchgear", ...annexD2Enclosure },
    },
    { id: "panel", name: "Panel 480 V", vn_kv: 0.48 },
    { id: "mcc", name: "MCC 480 V", vn_kv: 0.48, arc_flash: { equipment: "mcc", devices: ["F2"] } },
  ],
  external_grids: [
    { id: "grid", bus: "util", s_sc_max_mva: 250, s_sc_min_mva: 150, rx_max: 0.1, rx_min: 0.1 },
  ],
  transformers: [
    {
      id: "T1",
      hv_bus: "util",
      lv_bus: "swgr",
      sn_mva: 7.5,
      vn_hv_kv: 13.8,
      vn_lv_kv: 4.16,
      vk_percent: 6.5,
      vkr_percent: 0.6,
    },
    {
      id: "T2",
      hv_bus: "t2hv",
      lv_bus: "swbd",
      sn_mva: 1.5,
      vn_hv_kv: 4.16,
      vn_lv_kv: 0.48,
      vk_percent: 5.75,
      vkr_percent: 1,
    },
  ],
  lines: [
    {
      id: "F1",
      from_bus: "swgr",
      to_bus: "t2hv",
      length_km: 0.3,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.1,
      c_nf_per_km: 0,
    },
    {
      id: "C1",
      from_bus: "swbd",
      to_bus: "panel",
      length_km: 0.03,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.08,
      c_nf_per_km: 0,
    },
    {
      id: "C2",
      from_bus: "swbd",
      to_bus: "mcc",
      length_km: 0.05,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.08,
      c_nf_per_km: 0,
    },
  ],
  switches: [
    {
      id: "Q1",
      bus: "swgr",
      element: "T1",
      element_type: "transformer",
      kind: "circuit_breaker",
      opening_time_ms: 83,
      protection: { inverse: { curve: "IEEE_VI", pickup_ka: 1.5, tms: 1 } },
    },
    {
      id: "Q2",
      bus: "swgr",
      element: "F1",
      element_type: "line",
      kind: "circuit_breaker",
      protection: {
        inverse: { curve: "IEC_SI", pickup_ka: 0.4, tms: 0.1 },
        instantaneous: { pickup_ka: 4 },
      },
    },
    {
      id: "F2",
      bus: "t2hv",
      element: "T2",
      element_type: "transformer",
      kind: "fuse",
      protection: {
        points: [
          [0.6, 100_000],
          [1, 10_000],
          [2, 800],
          [4, 80],
          [10, 15],
        ],
      },
    },
    {
      id: "Q3",
      bus: "swbd",
      element: "C1",
      element_type: "line",
      kind: "circuit_breaker",
      opening_time_ms: 50,
      protection: { definite: { pickup_ka: 2, delay_ms: 100 }, instantaneous: { pickup_ka: 8 } },
    },
    {
      id: "Q4",
      bus: "swbd",
      element: "C2",
      element_type: "line",
      kind: "circuit_breaker",
      protection: { clearing_time_ms: 50 },
    },
  ],
} satisfies NetworkDocumentInput;
