import type { ElementCollection } from "@ampflux/contracts";

/**
 * Typical equipment for new elements, so a freshly drawn network computes at once: a 20 kV
 * grid of 500 MVA, a 630 kVA 20/0.4 kV Dyn5 distribution transformer, an LV cable (NAYY 4×150),
 * a 200 kW LV motor, and so on. Bus references start empty ("not connected").
 */
export function defaultsFor(collection: ElementCollection): Record<string, unknown> {
  switch (collection) {
    case "buses":
      return { vn_kv: 20, in_service: true };
    case "external_grids":
      return {
        bus: "",
        s_sc_max_mva: 500,
        s_sc_min_mva: 400,
        rx_max: 0.1,
        rx_min: 0.1,
        x0x_max: 1,
        r0x0_max: 0.1,
        x0x_min: 1,
        r0x0_min: 0.1,
        in_service: true,
      };
    case "lines":
      return {
        from_bus: "",
        to_bus: "",
        length_km: 0.2,
        r_ohm_per_km: 0.206,
        x_ohm_per_km: 0.08,
        c_nf_per_km: 210,
        r0_ohm_per_km: 0.824,
        x0_ohm_per_km: 0.32,
        c0_nf_per_km: 210,
        parallel: 1,
        max_i_ka: 0.27,
        endtemp_degree: 80,
        in_service: true,
      };
    case "transformers":
      return {
        hv_bus: "",
        lv_bus: "",
        sn_mva: 0.63,
        vn_hv_kv: 20,
        vn_lv_kv: 0.4,
        vk_percent: 6,
        vkr_percent: 1,
        vk0_percent: 6,
        vkr0_percent: 1,
        vector_group: "Dyn5",
        shift_degree: 150,
        parallel: 1,
        power_station_unit: false,
        in_service: true,
      };
    case "transformers3w":
      return {
        hv_bus: "",
        mv_bus: "",
        lv_bus: "",
        sn_hv_mva: 40,
        sn_mv_mva: 40,
        sn_lv_mva: 10,
        vn_hv_kv: 110,
        vn_mv_kv: 20,
        vn_lv_kv: 10,
        vk_hv_percent: 12,
        vk_mv_percent: 6,
        vk_lv_percent: 18,
        vkr_hv_percent: 0.4,
        vkr_mv_percent: 0.3,
        vkr_lv_percent: 0.4,
        vector_group: "YNyn0d5",
        shift_mv_degree: 0,
        shift_lv_degree: 150,
        in_service: true,
      };
    case "impedances":
      // A 20 kV current-limiting reactor: 1 kA, 6 % (Z_R = 0.06 · 20 kV/(√3 · 1 kA) = 0.69 Ω).
      return { from_bus: "", to_bus: "", ir_ka: 1, uk_percent: 6, in_service: true };
    case "earthing_transformers":
      // A 20 kV zig-zag earthing transformer limiting earth faults to about 1 kA: 3·Z(0) ≈ 35 Ω.
      return { bus: "", r0_ohm: 0.5, x0_ohm: 11.5, in_service: true };
    case "generators":
      return {
        bus: "",
        sn_mva: 1.25,
        vn_kv: 0.4,
        xdss_pu: 0.15,
        rdss_ohm: 0.0029,
        cos_phi: 0.8,
        in_service: true,
      };
    case "motors":
      return {
        bus: "",
        pn_mech_mw: 0.2,
        vn_kv: 0.4,
        cos_phi_n: 0.85,
        efficiency_n_percent: 95,
        lrc_pu: 6.5,
        rx: 0.42,
        pole_pairs: 2,
        in_service: true,
      };
    case "static_generators":
      return { bus: "", sn_mva: 0.5, k: 1.2, in_service: true };
    case "loads":
      return { bus: "", p_mw: 0.1, q_mvar: 0.03, in_service: true };
    case "shunts":
      return { bus: "", p_mw: 0, q_mvar: -0.1, vn_kv: 0.4, in_service: true };
    case "switches":
      return { bus: "", element: "", element_type: "bus", closed: true };
  }
}
