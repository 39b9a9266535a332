// The Methods section: which clauses each study feature follows, from docs/short-circuit.md,
// docs/duty.md and docs/arc-flash.md. Fixed text, so every report of a feature cites the same.

export const REPORT_FEATURES = ["short_circuit", "duty", "arc_flash"] as const;
export type ReportFeature = (typeof REPORT_FEATURES)[number];

export interface ReportMethod {
  feature: ReportFeature;
  topic: string;
  reference: string;
}

const method = (feature: ReportFeature, topic: string, reference: string): ReportMethod => ({
  feature,
  topic,
  reference,
});

export const REPORT_METHODS: Record<ReportFeature, readonly ReportMethod[]> = {
  short_circuit: [
    method("short_circuit", "Equivalent voltage source at the fault location", "IEC 60909-0:2016 §2.3"),
    method("short_circuit", "Voltage factor c (c_max, c_min)", "IEC 60909-0:2016 Table 1"),
    method("short_circuit", "Feeders Z_Q = c·U²/S''kQ", "IEC 60909-0:2016 §6.2"),
    method(
      "short_circuit",
      "Transformer correction K_T",
      "IEC 60909-0:2016 eq. (12a), three-winding eq. (13)",
    ),
    method(
      "short_circuit",
      "Generator K_G; power station units K_S, K_SO",
      "IEC 60909-0:2016 eq. (18), (22), (24)",
    ),
    method("short_circuit", "Line resistance at end temperature (minimum case)", "IEC 60909-0:2016 eq. (31)"),
    method("short_circuit", "Peak current ip, κ by method B or C", "IEC 60909-0:2016 eq. (58), (59)"),
    method(
      "short_circuit",
      "Symmetrical breaking current Ib (μ, q)",
      "IEC 60909-0:2016 eq. (70), (73), (75)",
    ),
    method("short_circuit", "Thermal equivalent current Ith (m, n = 1)", "IEC 60909-0:2016 Annex A"),
    method("short_circuit", "Line capacitances, loads and shunts neglected", "IEC 60909-0:2016 §3.3.1"),
  ],
  duty: [
    method("duty", "Maximum currents for equipment rating", "IEC 60909-0:2016 §2.3"),
    method("duty", "Symmetrical breaking current vs Isc / Icu", "IEC 62271-100 §4.101, IEC 60947-2"),
    method(
      "duty",
      "Asymmetrical breaking current √(Ib² + i_DC²)",
      "IEC 60909-0:2016 eq. (64); IEC 62271-100 §4.101.2",
    ),
    method("duty", "Making current ip vs Icm", "IEC 62271-100 §4.103"),
    method("duty", "Short-time withstand, Ith over tk", "IEC 62271-1 §5.7–5.8; IEC 60865-1:2011 §7.1"),
    method("duty", "Switchboard peak and busbar short-time withstand", "IEC 61439-1 §9.3"),
    method("duty", "Cable thermal (adiabatic) Ith²·tk ≤ k²S²", "IEC 60364-4-43 §434.5.2, IEC 60949"),
    method("duty", "Transformer through fault", "IEC 60076-5 §4.1"),
    method("duty", "Fuse breaking current (first half cycle)", "IEC 60269-1 §8.5"),
  ],
  arc_flash: [
    method("arc_flash", "Model range", "IEEE 1584-2018 §4.2"),
    method(
      "arc_flash",
      "Arcing current (600, 2700, 14 300 V; interpolation)",
      "IEEE 1584-2018 eq. (1), (16)–(18), (25), Table 1",
    ),
    method("arc_flash", "Reduced arcing current (VarCF)", "IEEE 1584-2018 eq. (2), Table 2"),
    method("arc_flash", "Enclosure size correction CF", "IEEE 1584-2018 §4.8, eq. (14)/(15), Tables 6–7"),
    method("arc_flash", "Incident energy at the working distance", "IEEE 1584-2018 eq. (3)–(6), (19)–(21)"),
    method("arc_flash", "Arc-flash boundary (1.2 cal/cm²)", "IEEE 1584-2018 eq. (7)–(10), (22)–(24)"),
    method("arc_flash", "Arc duration cap", "IEEE 1584-2018 §6.9.1"),
    method("arc_flash", "Device currents by superposition", "IEC 60909-0:2016 §2.3.1"),
    method("arc_flash", "Verified against worked examples", "IEEE 1584-2018 Annex D.1, D.2"),
    method("arc_flash", "Shock approach boundaries", "NFPA 70E Table 130.4(E)(a)"),
  ],
};

/** The methods a study used, in feature order. */
export function reportMethods(features: readonly ReportFeature[]): ReportMethod[] {
  return REPORT_FEATURES.filter((f) => features.includes(f)).flatMap((f) => REPORT_METHODS[f]);
}
