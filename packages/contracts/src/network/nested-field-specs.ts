// The panel's fields inside an element's object-valued field — a bus's `arc_flash`, a switch's
// `protection` — with dotted keys ("protection.inverse.tms") that are their paths in the element:
// their labels and units, for the properties panel and the error messages (fieldLabel), one
// definition for both.

import { ARC_FLASH_EQUIPMENT, ELECTRODE_CONFIGS, PROTECTION_CURVES } from "./arc-flash.ts";
import type { ElementCollection } from "./document.ts";
import type { FieldSpec } from "./field-specs.ts";

const mm = (key: string, label: string, hint?: string): FieldSpec => ({
  key: `arc_flash.${key}`,
  label,
  kind: "number",
  unit: "mm",
  optional: true,
  ...(hint ? { hint } : {}),
});

/** The fields of busArcFlashSchema but `devices` (a list of switches, see DevicesField). */
export const ARC_FLASH_FIELDS: FieldSpec[] = [
  {
    key: "arc_flash.equipment",
    label: "Equipment",
    kind: "enum",
    options: [...ARC_FLASH_EQUIPMENT],
    optional: true,
  },
  {
    key: "arc_flash.config",
    label: "Electrode configuration",
    kind: "enum",
    options: [...ELECTRODE_CONFIGS],
    optional: true,
    hint: "VCB, VCBB, HCB in a box; VOA, HOA in open air (§4.3)",
  },
  mm("gap_mm", "Conductor gap G"),
  mm("distance_mm", "Working distance D"),
  mm("height_mm", "Enclosure height"),
  mm("width_mm", "Enclosure width"),
  mm("depth_mm", "Enclosure depth"),
];

const protectionSection = (key: string, label: string): FieldSpec => ({
  key: `section:${key}`,
  label,
  kind: "section",
});
const number = (key: string, label: string, unit: string | undefined, hint?: string): FieldSpec => ({
  key: `protection.${key}`,
  label,
  kind: "number",
  optional: true,
  ...(unit ? { unit } : {}),
  ...(hint ? { hint } : {}),
});

/** The relay stages' and fixed time's fields in reading order; the curve points are a text area (PointsField). */
export const PROTECTION_FIELDS: FieldSpec[] = [
  number("clearing_time_ms", "Fixed clearing time", "ms", "total: relay and breaker"),
  protectionSection("protection-inverse", "Inverse-time stage"),
  {
    key: "protection.inverse.curve",
    label: "Curve",
    kind: "enum",
    options: [...PROTECTION_CURVES],
    optional: true,
    hint: "IEC 60255-151 or IEEE C37.112",
  },
  number("inverse.pickup_ka", "Pickup Is", "kA", "primary current"),
  number("inverse.tms", "TMS / time dial", undefined),
  protectionSection("protection-definite", "Definite-time stage"),
  number("definite.pickup_ka", "Pickup", "kA"),
  number("definite.delay_ms", "Delay", "ms"),
  protectionSection("protection-instantaneous", "Instantaneous stage"),
  number("instantaneous.pickup_ka", "Pickup", "kA"),
  number("instantaneous.delay_ms", "Delay", "ms"),
];

/** The nested fields by collection (the object field's key is their keys' first part). */
export const NESTED_FIELD_SPECS: Partial<Record<ElementCollection, FieldSpec[]>> = {
  buses: ARC_FLASH_FIELDS,
  switches: PROTECTION_FIELDS,
};
