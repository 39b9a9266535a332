// The field labels and units people read — in the properties panel, and in the api's, CLI's and
// web's error messages (input-errors.ts) — one definition for all of them.

import type { ElementCollection } from "./document.ts";
import { CONDUCTOR_MATERIALS, INSULATIONS, SWITCH_KINDS } from "./ratings.ts";
import { SWITCH_ELEMENT_TYPES } from "./switches.ts";

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
  /** `unset`: what an absent value means (in_service: true, oltc: false). */
  | { key: string; label: string; kind: "bool"; unset?: boolean }
  | { key: string; label: string; kind: "enum"; options: string[]; optional?: boolean; hint?: string }
  /** A heading before the fields that follow (key is the section's name). */
  | { key: string; label: string; kind: "section" }
  | { key: string; label: string; kind: "bus" }
  /** An object-valued field with fields of its own (a bus's arc_flash, a switch's protection). */
  | { key: string; label: string; kind: "object" }
  | { key: string; label: string; kind: "reference" };

const num = (key: string, label: string, unit?: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  ({ key, label, kind: "number", ...(unit ? { unit } : {}), ...extra }) as FieldSpec;
const opt = (key: string, label: string, unit?: string, hint?: string): FieldSpec =>
  num(key, label, unit, { optional: true, ...(hint ? { hint } : {}) });
const bus = (key: string, label: string): FieldSpec => ({ key, label, kind: "bus" });
const inService: FieldSpec = { key: "in_service", label: "In service", kind: "bool", unset: true };
const name: FieldSpec = { key: "name", label: "Name", kind: "text", optional: true };
const section = (key: string, label: string): FieldSpec => ({
  key: `section:${key}`,
  label,
  kind: "section",
});
const choice = (key: string, label: string, options: readonly string[], hint?: string): FieldSpec => ({
  key,
  label,
  kind: "enum",
  options: [...options],
  optional: true,
  ...(hint ? { hint } : {}),
});
/** A stored load-flow solution or set-point: read by the load flow only, never by IEC 60909. */
const loadFlow = (key: string, label: string, unit?: string) => opt(key, label, unit, "load flow only");

/** IEC 60909 leaves these to the engineer's ratings; each is optional ("missing rating" when a check needs it). */
const SWITCH_RATINGS: FieldSpec[] = [
  section("ratings", "Short-circuit ratings"),
  choice("kind", "Device", SWITCH_KINDS, "unset: checked as a circuit breaker"),
  opt("rated_voltage_kv", "Rated voltage Ur", "kV"),
  opt("rated_current_ka", "Rated current Ir", "kA", "continuous rating, not checked"),
  opt("breaking_ka", "Breaking Isc / Icu", "kA"),
  opt("making_ka", "Making Icm (peak)", "kA"),
  opt("short_time_ka", "Short-time Ik / Icw", "kA"),
  opt("short_time_s", "Short-time duration tk", "s", "1 s when unset"),
  opt("opening_time_ms", "Opening time", "ms", "contact parting; the study's tmin when unset"),
  opt("dc_time_constant_ms", "DC time constant", "ms", "45 ms when unset (IEC 62271-100)"),
];

/**
 * The properties panel's fields per collection, in reading order, with units: every field of the
 * contract's element schemas except `id` (the panel's header), `type` (the type picker) and a
 * bus's `geo` (its place on the diagram). apps/web/test/field-specs.test.ts holds the panel to that.
 */
export const FIELD_SPECS: Record<ElementCollection, FieldSpec[]> = {
  buses: [
    name,
    num("vn_kv", "Nominal voltage Un", "kV"),
    inService,
    loadFlow("vm_pu", "Voltage (solution)", "p.u."),
    loadFlow("va_degree", "Angle (solution)", "°"),
    section("ratings", "Switchboard ratings"),
    opt("peak_withstand_ka", "Peak withstand Ipk", "kA"),
    opt("short_time_ka", "Short-time Icw", "kA"),
    opt("short_time_s", "Short-time duration", "s", "1 s when unset"),
    { key: "arc_flash", label: "Arc flash (IEEE 1584-2018)", kind: "object" },
  ],
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
    loadFlow("vm_pu", "Slack voltage", "p.u."),
    loadFlow("va_degree", "Slack angle", "°"),
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
    section("conductor", "Conductor (thermal check)"),
    choice("conductor", "Conductor", CONDUCTOR_MATERIALS),
    choice("insulation", "Insulation", INSULATIONS),
    opt(
      "k_a_s05_mm2",
      "k factor",
      "A·√s/mm²",
      "overrides conductor and insulation (IEC 60364-4-43 Table 43A)",
    ),
    opt("cross_section_mm2", "Cross-section S", "mm²"),
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
    opt("mag0_percent", "Zero-seq. magnetising", "%"),
    opt("rn_ohm", "Neutral resistance RN", "Ω", "YN/ZN star point; RN and XN unset: solidly earthed"),
    opt("xn_ohm", "Neutral reactance XN", "Ω", "3·ZN enters Z(0) (IEC 60909-0 §6.3)"),
    opt("tap_pos", "Tap position"),
    opt("tap_neutral", "Tap neutral"),
    opt("tap_min", "Tap min"),
    opt("tap_max", "Tap max"),
    opt("tap_step_percent", "Tap step", "%"),
    { key: "tap_side", label: "Tap side", kind: "enum", options: ["hv", "lv"], optional: true },
    { key: "oltc", label: "On-load tap changer", kind: "bool", unset: false },
    num("parallel", "Parallel units", undefined, { step: 1 }),
    { key: "power_station_unit", label: "Power station unit", kind: "bool", unset: false },
    inService,
    section("ratings", "Short-circuit withstand"),
    opt("through_fault_ka", "Through fault current", "kA", "LV side (IEC 60076-5)"),
    opt("through_fault_s", "Through fault duration", "s", "2 s when unset (IEC 60076-5)"),
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
    opt("vk0_hv_percent", "vk0 HV–MV", "%"),
    opt("vk0_mv_percent", "vk0 MV–LV", "%"),
    opt("vk0_lv_percent", "vk0 HV–LV", "%"),
    opt("vkr0_hv_percent", "vkr0 HV–MV", "%"),
    opt("vkr0_mv_percent", "vkr0 MV–LV", "%"),
    opt("vkr0_lv_percent", "vkr0 HV–LV", "%"),
    opt("mag0_percent", "Zero-seq. magnetising", "%"),
    { key: "vector_group", label: "Vector group", kind: "text", optional: true, hint: "e.g. YNyn0d5" },
    num("shift_mv_degree", "Shift MV", "°"),
    num("shift_lv_degree", "Shift LV", "°"),
    opt("tap_pos", "Tap position"),
    opt("tap_neutral", "Tap neutral"),
    opt("tap_min", "Tap min"),
    opt("tap_max", "Tap max"),
    opt("tap_step_percent", "Tap step", "%"),
    choice("tap_side", "Tap side", ["hv", "mv", "lv"]),
    inService,
  ],
  impedances: [
    name,
    bus("from_bus", "From bus"),
    bus("to_bus", "To bus"),
    section("pu", "Per unit (pandapower impedance)"),
    opt("sn_mva", "Rating base Sn", "MVA"),
    opt("rft_pu", "R", "p.u.", "on Sn and the buses' Un"),
    opt("xft_pu", "X", "p.u.", "negative: series capacitor"),
    opt("rtf_pu", "R to→from", "p.u.", "must equal R (reciprocal only)"),
    opt("xtf_pu", "X to→from", "p.u.", "must equal X (reciprocal only)"),
    opt("rft0_pu", "R(0)", "p.u.", "R when unset"),
    opt("xft0_pu", "X(0)", "p.u.", "X when unset"),
    section("reactor", "Current-limiting reactor (IEC 60909-0)"),
    opt("ir_ka", "Rated current IrR", "kA"),
    opt("uk_percent", "ukR", "%", "ZR = ukR/100 % · Un/(√3·IrR)"),
    section("ohm", "Ohm per phase"),
    opt("r_ohm", "R", "Ω"),
    opt("x_ohm", "X", "Ω", "negative: series capacitor"),
    opt("r0_ohm", "R(0)", "Ω", "R when unset (reactor or ohm form)"),
    opt("x0_ohm", "X(0)", "Ω", "X when unset (IEC 60909-0: symmetric reactor)"),
    inService,
  ],
  earthing_transformers: [
    name,
    bus("bus", "Bus"),
    num("r0_ohm", "R(0) per phase", "Ω"),
    num("x0_ohm", "X(0) per phase", "Ω", { hint: "zero sequence only: no load-flow or 3-phase effect" }),
    opt("rn_ohm", "Neutral resistance RN", "Ω", "3·ZN enters Z(0)"),
    opt("xn_ohm", "Neutral reactance XN", "Ω"),
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
    opt("x0_pu", "X(0)", "p.u.", "unset: isolated star point"),
    opt("r0_ohm", "R(0)", "Ω", "R''d when unset"),
    opt("x2_pu", "X(2)", "p.u.", "unset: X''d, so Z(2) = Z(1) (IEC 60909-0 §6.6.1)"),
    opt("r2_ohm", "R(2)", "Ω", "R''d when unset"),
    opt("rn_ohm", "Neutral resistance RN", "Ω", "RN and XN unset: solidly earthed (with X(0))"),
    opt("xn_ohm", "Neutral reactance XN", "Ω", "3·ZN enters Z(0) without KG (IEC 60909-0 §6.6.1)"),
    opt("pg_percent", "Voltage range pG", "%"),
    { key: "power_station_trafo", label: "Unit transformer", kind: "reference" },
    loadFlow("p_mw", "Active power P", "MW"),
    loadFlow("vm_pu", "Voltage set-point", "p.u."),
    loadFlow("q_min_mvar", "Q min", "Mvar"),
    loadFlow("q_max_mvar", "Q max", "Mvar"),
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
    num("p_mw", "P (load flow)", "MW", { hint: "operating point fed into the network by the load flow" }),
    num("q_mvar", "Q (load flow)", "Mvar"),
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
    { key: "closed", label: "Closed", kind: "bool", unset: true },
    ...SWITCH_RATINGS,
    { key: "protection", label: "Protection (arc duration)", kind: "object" },
  ],
};
