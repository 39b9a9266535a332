import {
  busRatingFields,
  cableKFactor,
  DUTY_CHECKS_BY_KIND,
  type DutyCheckName,
  type ElementCollection,
  lineConductorFields,
  SWITCH_KINDS,
  type SwitchKind,
  transformerRatingFields,
} from "@ampflux/contracts";
import type { Element } from "../model/document.ts";

/** The rating each of a switch's checks compares with (short_time_s and the times have defaults). */
const SWITCH_RATING_OF: Record<DutyCheckName, string | undefined> = {
  breaking_sym: "breaking_ka",
  breaking_asym: "breaking_ka",
  making: "making_ka",
  short_time: "short_time_ka",
  peak_withstand: undefined,
  busbar_short_time: undefined,
  cable_thermal: undefined,
  through_fault: undefined,
};

/** The rating fields of collections whose elements are checked only once they have a type or one of them. */
const RATED_WHEN_ANY: Partial<Record<ElementCollection, readonly string[]>> = {
  buses: Object.keys(busRatingFields),
  lines: Object.keys(lineConductorFields),
  transformers: Object.keys(transformerRatingFields),
};

const isSet = (e: Element, field: string) => e[field] !== undefined;

/**
 * The fields the duty study will report as "missing rating" for this element, as the engine
 * decides which elements to check: every switch (by its kind; none: a circuit breaker), and
 * buses, lines and transformers that have a type or any rating field.
 */
export function missingRatings(collection: ElementCollection, element: Element): Set<string> {
  const missing = new Set<string>();
  if (collection === "switches") {
    const kind: SwitchKind = SWITCH_KINDS.includes(element.kind as SwitchKind)
      ? (element.kind as SwitchKind)
      : "circuit_breaker";
    for (const check of DUTY_CHECKS_BY_KIND[kind]) {
      const field = SWITCH_RATING_OF[check];
      if (field && !isSet(element, field)) missing.add(field);
    }
    return missing;
  }
  const fields = RATED_WHEN_ANY[collection];
  if (!fields || (!isSet(element, "type") && !fields.some((f) => isSet(element, f)))) return missing;
  if (collection === "buses") {
    for (const field of ["peak_withstand_ka", "short_time_ka"])
      if (!isSet(element, field)) missing.add(field);
  } else if (collection === "transformers") {
    if (!isSet(element, "through_fault_ka")) missing.add("through_fault_ka");
  } else if (collection === "lines") {
    if (!isSet(element, "cross_section_mm2")) missing.add("cross_section_mm2");
    if (cableKFactor(element as Parameters<typeof cableKFactor>[0]) === undefined)
      for (const field of ["k_a_s05_mm2", "conductor", "insulation"])
        if (!isSet(element, field)) missing.add(field);
  }
  return missing;
}
