// The plausible range of every number and the longest string a network document may hold: one
// table, read by the element schemas (refusing absurd values at save and import), by the error
// wording (units) and by docs/network-limits.md (a test holds the doc to this table). Ranges are
// wide on purpose: they refuse what no real network has (1e308 kV, a 5e-324 km line) and keep
// every real case; each upper bound lies at least 10× above the largest value in the shared
// MATPOWER cases, PSS/E and pandapower fixtures (case13659pegase's reduction equivalents included).

import { z } from "zod";

export interface QuantityRange {
  /** Lower bound; excluded when minExclusive (a length of exactly 0 is no line). */
  min: number;
  minExclusive: boolean;
  max: number;
  /** Whole numbers only (counts, positions of a switch). */
  integer?: boolean;
  unit: string;
  /** Why these bounds: the standard or the data they come from. */
  reason: string;
}

const range = (
  min: number,
  minExclusive: boolean,
  max: number,
  unit: string,
  reason: string,
  integer = false,
): QuantityRange => ({ min, minExclusive, max, unit, reason, ...(integer ? { integer } : {}) });

export const NETWORK_RANGES = {
  voltage_kv: range(
    0.001,
    true,
    1_200,
    "kV",
    "IEC 60038: the highest standard AC system voltage is 1 100 kV (equipment 1 200 kV); 1 V is below any power system",
  ),
  rated_voltage_kv: range(
    0,
    true,
    2_000,
    "kV",
    "IEC 62271-1 rated voltages end at 1 200 kV; room for DC and test equipment",
  ),
  voltage_pu: range(
    0,
    true,
    3,
    "p.u.",
    "an operating voltage beyond 3 p.u. is a fault, not a state; cases hold 0.82–1.18",
  ),
  angle_degree: range(
    -360,
    false,
    360,
    "°",
    "one full turn either way; phase shifts are at most ±330° (clock number 11)",
  ),
  length_km: range(
    1e-6,
    true,
    10_000,
    "km",
    "1 mm is the shortest conductor worth modelling (shorter: a bus-bus switch); the longest lines are ~2 500 km",
  ),
  resistance_ohm_per_km: range(0, false, 1e6, "Ω/km", "case13659pegase's equivalents reach 8.2e4 Ω/km"),
  signed_resistance_ohm_per_km: range(
    -1e6,
    false,
    1e6,
    "Ω/km",
    "as resistance_ohm_per_km; negative only in network-reduction equivalents (14 lines of case9241pegase), which validation marks with a warning",
  ),
  reactance_ohm_per_km: range(
    -1e6,
    false,
    1e6,
    "Ω/km",
    "case13659pegase's equivalents reach 9.6e4 Ω/km; negative for series-compensated equivalents",
  ),
  capacitance_nf_per_km: range(
    0,
    false,
    1e7,
    "nF/km",
    "cables ~100–1 000 nF/km; equivalents in case300 reach 2.2e4",
  ),
  impedance_ohm: range(0, false, 1e6, "Ω", "neutral reactances and R''d are below 1e4 Ω in practice"),
  reactance_ohm: range(
    -1e6,
    false,
    1e6,
    "Ω",
    "series reactors are 0.1–100 Ω; negative for series capacitors; 1e6 Ω is an open circuit",
  ),
  resistance_pu: range(
    0,
    false,
    1e4,
    "p.u.",
    "pandapower impedance rft_pu: equivalents stay below 100 p.u. on their rating",
  ),
  signed_reactance_pu: range(
    -1e4,
    false,
    1e4,
    "p.u.",
    "pandapower impedance xft_pu: negative for series capacitors, as reactance_pu otherwise",
  ),
  short_circuit_power_mva: range(
    0,
    true,
    1e8,
    "MVA",
    "the strongest 400 kV nodes are ~50 GVA; 1e8 MVA leaves room for an 'infinite bus' approximation",
  ),
  rated_power_mva: range(
    0,
    true,
    1e5,
    "MVA",
    "the largest units and transformers are ~2 GVA; equivalents reach 7.5 GVA",
  ),
  mechanical_power_mw: range(0, true, 1e4, "MW", "the largest motors are ~100 MW"),
  power_mw: range(
    -1e6,
    false,
    1e6,
    "MW, Mvar",
    "1 TW exceeds any single grid; MATPOWER's 'unlimited' reactive limits are 1e5",
  ),
  ratio: range(0, false, 1_000, "", "R/X, R0/X0, X0/X ratios of real equipment are below 100"),
  positive_ratio: range(0, true, 1_000, "", "X0/X of real equipment is below 100"),
  reactance_pu: range(
    0,
    true,
    1e4,
    "p.u.",
    "subtransient reactances are 0.1–0.3 p.u.; PSS/E marks 'no source' with 9 999",
  ),
  current_factor: range(0, false, 10, "", "IEC 60909-0 §6.10: k of converter-fed sources is 1.0–1.5"),
  locked_rotor_pu: range(0, true, 100, "", "locked-rotor current is 4–8 times rated current"),
  percent_impedance: range(
    0,
    false,
    1e5,
    "%",
    "vk of real transformers is 4–25 %; case13659pegase's equivalents reach 8 341 %",
  ),
  signed_percent_impedance: range(
    -1e5,
    false,
    1e5,
    "%",
    "as percent_impedance; a negative vkr only in network-reduction equivalents (64 transformers of case13659pegase), which validation marks with a warning",
  ),
  percent_positive: range(0, true, 1e5, "%", "as percent_impedance, but zero is no transformer"),
  percent: range(0, false, 100, "%", "a share of the rating: tap steps, voltage regulation range"),
  efficiency_percent: range(0, true, 100, "%", "an efficiency above 100 % would create energy"),
  power_factor: range(0, true, 1, "", "cos φ is at most 1 by definition"),
  tap_position: range(-1_000, false, 1_000, "", "tap changers have at most a few dozen positions"),
  temperature_degree: range(-50, false, 1_000, "°C", "conductor end temperatures are 70–250 °C (IEC 60949)"),
  current_ka: range(0, true, 1_000, "kA", "the largest conductors carry ~10 kA continuously"),
  rating_ka: range(0, true, 10_000, "kA", "short-circuit ratings end at 200 kA (generator breakers)"),
  rated_current_ka: range(0, true, 100, "kA", "rated normal currents end at ~63 kA"),
  rating_s: range(0, true, 60, "s", "short-time ratings are 1–3 s (IEC 62271-1)"),
  time_ms: range(0, true, 10_000, "ms", "breaker opening times are 10–100 ms"),
  dc_time_constant_ms: range(0, true, 1_000, "ms", "IEC 62271-100: 45–120 ms"),
  clearing_time_ms: range(
    0,
    true,
    600_000,
    "ms",
    "IEEE 1584-2018 caps an arc's duration at 2 s; 10 min for slow fuses' curves",
  ),
  delay_ms: range(0, false, 600_000, "ms", "relay delays are below 10 s"),
  k_factor: range(0, true, 1_000, "A·√s/mm²", "IEC 60364-4-43 Table 43A: 68–159"),
  cross_section_mm2: range(0, true, 10_000, "mm²", "the largest cables are 3 000 mm²"),
  distance_mm: range(0, true, 100_000, "mm", "IEEE 1584-2018 gaps 6–254 mm, working distances ~0.5–1 m"),
  pickup_ka: range(0, true, 10_000, "kA", "as rating_ka"),
  time_multiplier: range(0, true, 100, "", "IEC 60255-151 TMS 0.05–1, IEEE time dials 0.5–15"),
  count: range(1, false, 1_000, "", "parallel circuits and pole pairs are a handful", true),
  diagram_position: range(-1e9, false, 1e9, "", "diagram coordinates; anything beyond cannot be drawn"),
} as const satisfies Record<string, QuantityRange>;

export type Quantity = keyof typeof NETWORK_RANGES;

/** Longest strings a document may hold (characters). */
export const STRING_LIMITS = {
  /** Element ids and references to them; PSS/E ids are "bus-bus-ckt", MATPOWER's "br1234". */
  id: { max: 200, reason: "ids key results and appear in every table; 200 is far above any format's ids" },
  /** Element and document names: free text, shown in tables and reports. */
  name: { max: 500, reason: "a name is a label, not a description" },
} as const;

const formatBound = (value: number) => String(value);

/** "> 0.001 … ≤ 1200": the range in words (docs, hints). */
export function rangeText(r: QuantityRange): string {
  return `${r.minExclusive ? ">" : "≥"} ${formatBound(r.min)} … ≤ ${formatBound(r.max)}`;
}

/** The quantity each inRange schema stands for: the docs table lists the fields of each. */
const QUANTITY_OF = new WeakMap<z.ZodType, Quantity>();

/** The quantity a number schema was made for with inRange, if it was. */
export const quantityOf = (schema: z.ZodType): Quantity | undefined => QUANTITY_OF.get(schema);

/** A finite number within the quantity's range, with messages that say the bound. */
export function inRange(quantity: Quantity) {
  const r: QuantityRange = NETWORK_RANGES[quantity];
  const base = z.number({ error: "must be a finite number" });
  const int = r.integer ? base.int({ error: "must be a whole number" }) : base;
  const min = r.minExclusive
    ? int.gt(r.min, { error: `must be > ${formatBound(r.min)}` })
    : int.gte(r.min, { error: `must be ≥ ${formatBound(r.min)}` });
  const schema = min.lte(r.max, { error: `must be ≤ ${formatBound(r.max)}` });
  QUANTITY_OF.set(schema, quantity);
  return schema;
}

/** A bounded string: `kind` picks the limit; ids and references must not be empty. */
export function boundedString(kind: keyof typeof STRING_LIMITS, minLength = 0) {
  const { max } = STRING_LIMITS[kind];
  const base = z.string({ error: "must be text" }).max(max, { error: `must be at most ${max} characters` });
  return minLength > 0 ? base.min(minLength, { error: "must not be empty" }) : base;
}
