import { type ElementCollection, SWITCH_ELEMENT_TYPES } from "@ampflux/contracts";

export type FieldSpec =
  | {
      key: string;
      label: string;
      kind: "number";
      unit?: string;
      optional?: boolean;
      step?: number;
      hint?: string;
    }
  | { key: string; label: string; kind: "text"; optional?: boolean; hint?: string }
  | { key: string; label: string; kind: "bool" }
  | { key: string; label: string; kind: "enum"; options: string[]; optional?: boolean }
  | { key: string; label: string; kind: "bus" }
  | { key: string; label: string; kind: "reference" };

const num = (key: string, label: string, unit?: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  ({ key, label, kind: "number", ...(unit ? { unit } : {}), ...extra }) as FieldSpec;
const opt = (key: string, label: string, unit?: string, hint?: string): FieldSpec =>
  num(key, label, unit, { optional: true, ...(hint ? { hint } : {}) });
const bus = (key: string, label: string): FieldSpec => ({ key, label, kind: "bus" });
const inService: FieldSpec = { key: "in_service", label: "In service", kind: "bool" };
const name: FieldSpec = { key: "name", label: "Name", kind: "text", optional: true };

/** The properties panel's fields per collection, in reading order, with units. */
export const FIELD_SPECS: Record<ElementCollection, FieldSpec[]> = {
  buses: [name, num("vn_kv", "Nominal voltage Un", "kV"), inService],
  external_grids: [
    name,
    bus("bus", "Bus"),
    num("s_sc_max_mva", "S''k max", "MVA"),
    num("s_sc_min_mva", "S''k min", "MVA"),
    num("rx_max", "R/X max"),
    num("rx_min", "R/X min"),
    opt("x0x_max", "X0/X max", undefined, "zero sequence, for earth faults"),
    opt("r0x0_max", "R0/X0 max"),
    opt("x0x_min", "X0/X min"),
    opt("r0x0_min", "R0/X0 min"),
    inService,
  ],
  lines: [
    name,
    bus("from_bus", "From bus"),
    bus("to_bus", "To bus"),
    num("length_km", "Length", "km"),
    num("r_ohm_per_km", "R'", "Ω/km"),
    num("x_ohm_per_km", "X'", "Ω/km"),
    num("c_nf_per_km", "C'", "nF/km"),
    opt("r0_ohm_per_km", "R0'", "Ω/km"),
    opt("x0_ohm_per_km", "X0'", "Ω/km"),
    opt("c0_nf_per_km", "C0'", "nF/km"),
    num("parallel", "Parallel circuits", undefined, { step: 1 }),
    opt("max_i_ka", "Rated current", "kA"),
    num("endtemp_degree", "End temperature", "°C"),
    inService,
  ],
  transformers: [
    name,
    bus("hv_bus", "HV bus"),
    bus("lv_bus", "LV bus"),
    num("sn_mva", "Rated power Sn", "MVA"),
    num("vn_hv_kv", "HV rated voltage", "kV"),
    num("vn_lv_kv", "LV rated voltage", "kV"),
    num("vk_percent", "vk", "%"),
    num("vkr_percent", "vkr", "%"),
    { key: "vector_group", label: "Vector group", kind: "text", optional: true, hint: "e.g. Dyn5, YNd11" },
    num("shift_degree", "Phase shift", "°"),
    opt("vk0_percent", "vk0", "%"),
    opt("vkr0_percent", "vkr0", "%"),
    opt("xn_ohm", "Neutral reactance XN", "Ω"),
    opt("tap_pos", "Tap position"),
    opt("tap_neutral", "Tap neutral"),
    opt("tap_min", "Tap min"),
    opt("tap_max", "Tap max"),
    opt("tap_step_percent", "Tap step", "%"),
    { key: "tap_side", label: "Tap side", kind: "enum", options: ["hv", "lv"], optional: true },
    num("parallel", "Parallel units", undefined, { step: 1 }),
    { key: "power_station_unit", label: "Power station unit", kind: "bool" },
    inService,
  ],
  transformers3w: [
    name,
    bus("hv_bus", "HV bus"),
    bus("mv_bus", "MV bus"),
    bus("lv_bus", "LV bus"),
    num("sn_hv_mva", "Sn HV", "MVA"),
    num("sn_mv_mva", "Sn MV", "MVA"),
    num("sn_lv_mva", "Sn LV", "MVA"),
    num("vn_hv_kv", "Un HV", "kV"),
    num("vn_mv_kv", "Un MV", "kV"),
    num("vn_lv_kv", "Un LV", "kV"),
    num("vk_hv_percent", "vk HV–MV", "%"),
    num("vk_mv_percent", "vk MV–LV", "%"),
    num("vk_lv_percent", "vk HV–LV", "%"),
    num("vkr_hv_percent", "vkr HV–MV", "%"),
    num("vkr_mv_percent", "vkr MV–LV", "%"),
    num("vkr_lv_percent", "vkr HV–LV", "%"),
    { key: "vector_group", label: "Vector group", kind: "text", optional: true, hint: "e.g. YNyn0d5" },
    num("shift_mv_degree", "Shift MV", "°"),
    num("shift_lv_degree", "Shift LV", "°"),
    inService,
  ],
  generators: [
    name,
    bus("bus", "Bus"),
    num("sn_mva", "Rated power Sn", "MVA"),
    num("vn_kv", "Rated voltage", "kV"),
    num("xdss_pu", "X''d", "p.u."),
    num("rdss_ohm", "R''d (RGf)", "Ω"),
    num("cos_phi", "cos φ"),
    opt("x0_pu", "X0", "p.u.", "earthed star point"),
    opt("pg_percent", "Voltage range pG", "%"),
    { key: "power_station_trafo", label: "Unit transformer", kind: "reference" },
    inService,
  ],
  motors: [
    name,
    bus("bus", "Bus"),
    num("pn_mech_mw", "Rated mech. power", "MW"),
    num("vn_kv", "Rated voltage", "kV"),
    num("cos_phi_n", "cos φn"),
    num("efficiency_n_percent", "Efficiency ηn", "%"),
    num("lrc_pu", "ILR/IrM"),
    num("rx", "RM/XM"),
    num("pole_pairs", "Pole pairs", undefined, { step: 1 }),
    inService,
  ],
  static_generators: [
    name,
    bus("bus", "Bus"),
    num("sn_mva", "Rated power Sn", "MVA"),
    num("k", "Current factor k", undefined, { hint: "Ik = k · In (IEC 60909-0 §6.10)" }),
    inService,
  ],
  loads: [name, bus("bus", "Bus"), num("p_mw", "P", "MW"), num("q_mvar", "Q", "Mvar"), inService],
  shunts: [
    name,
    bus("bus", "Bus"),
    num("p_mw", "P", "MW"),
    num("q_mvar", "Q", "Mvar"),
    num("vn_kv", "Rated voltage", "kV"),
    inService,
  ],
  switches: [
    name,
    bus("bus", "Bus"),
    { key: "element_type", label: "Switches", kind: "enum", options: [...SWITCH_ELEMENT_TYPES] },
    { key: "element", label: "Other side", kind: "reference" },
    { key: "closed", label: "Closed", kind: "bool" },
  ],
};
