// Input errors in the user's words, the same in the api's messages, the CLI and the web: each
// issue becomes "where: field (unit): reason", where an element of a network document is named
// by its kind, id and name and its field by the properties panel's label ("bus B3 'Main':
// Nominal voltage Un (kV): must be > 0.001") instead of the JSON path ("document.buses.2.vn_kv").
// The structured issues (path, message) stay what they are.

import type { ElementCollection } from "./network/document.ts";
import { FIELD_SPECS, type FieldSpec } from "./network/field-specs.ts";
import { NESTED_FIELD_SPECS } from "./network/nested-field-specs.ts";
import { isElementCollection } from "./network/topology.ts";

export interface InputIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** One element kind in a sentence. */
export const ELEMENT_KIND_NAMES: Record<ElementCollection, string> = {
  buses: "bus",
  external_grids: "external grid",
  lines: "line",
  transformers: "transformer",
  transformers3w: "3-winding transformer",
  impedances: "impedance",
  earthing_transformers: "earthing transformer",
  generators: "generator",
  motors: "motor",
  static_generators: "static generator",
  loads: "load",
  shunts: "shunt",
  switches: "switch",
};

/**
 * Units by field-name suffix: the document's naming convention (vn_kv, length_km, …) carries the
 * unit, so no second table can drift from the schema. Longest suffixes first.
 */
const UNIT_SUFFIXES: ReadonlyArray<[string, string]> = [
  ["k_a_s05_mm2", "A·√s/mm²"],
  ["endtemp_degree", "°C"],
  ["_ohm_per_km", "Ω/km"],
  ["_nf_per_km", "nF/km"],
  ["_mvar", "Mvar"],
  ["_mva", "MVA"],
  ["_mw", "MW"],
  ["_kv", "kV"],
  ["_km", "km"],
  ["_ka", "kA"],
  ["_ms", "ms"],
  ["_mm2", "mm²"],
  ["_mm", "mm"],
  ["_ohm", "Ω"],
  ["_percent", "%"],
  ["_pu", "p.u."],
  ["_degree", "°"],
  ["_hz", "Hz"],
  ["_s", "s"],
];

/** The unit a document field holds, from its name ("vn_kv" → "kV"); undefined for plain numbers. */
export function unitOfField(field: string): string | undefined {
  return UNIT_SUFFIXES.find(([suffix]) => field === suffix || field.endsWith(suffix))?.[1];
}

/** Longest id or name quoted in a message: a 2 MB name must not make a 2 MB message. */
const QUOTE_MAX = 40;
const quoted = (text: string) => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/** Most lines describeInputIssues writes; the rest are counted. */
export const MAX_DESCRIBED_ISSUES = 20;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** "bus B3 'Main'", "line #4" when the element has no usable id. */
export function describeNetworkElement(
  collection: ElementCollection,
  index: number,
  element: unknown,
): string {
  const kind = ELEMENT_KIND_NAMES[collection];
  const id =
    isRecord(element) && typeof element.id === "string" && element.id !== "" ? element.id : undefined;
  const name =
    isRecord(element) && typeof element.name === "string" && element.name !== "" ? element.name : "";
  const label = id === undefined ? `#${index + 1}` : quoted(id);
  return name && name !== id ? `${kind} ${label} '${quoted(name)}'` : `${kind} ${label}`;
}

/** "vn_kv (kV)", "arc_flash.gap_mm (mm)", "protection.points.2.1": a path with its unit (fieldLabel words fields the panel lists). */
export function describeField(path: ReadonlyArray<PropertyKey>): string {
  const keys = path.map(String);
  const last = [...path].reverse().find((key): key is string => typeof key === "string");
  const unit = last === undefined ? undefined : unitOfField(last);
  const field = keys.join(".");
  return unit ? `${field} (${unit})` : field;
}

/** A spec's label with its unit (the panel's, or the one the key's suffix names). */
function labelWithUnit(spec: FieldSpec): string {
  const last = spec.key.split(".").at(-1) ?? spec.key;
  const unit = (spec.kind === "number" ? spec.unit : undefined) ?? unitOfField(last);
  return unit ? `${spec.label} (${unit})` : spec.label;
}

/**
 * A field of an element of `collection` as the properties panel labels it, with its unit
 * ("Nominal voltage Un (kV)"); a field inside an object field after that field's label or its
 * section's ("Protection (arc duration) › Definite-time stage › Delay (ms)"); a field the panel
 * does not list (unknown keys, curve points) as describeField has it ("protection.points.2.1").
 */
export function fieldLabel(collection: string, field: ReadonlyArray<PropertyKey>): string {
  if (!isElementCollection(collection)) return describeField(field);
  const specs = FIELD_SPECS[collection];
  const [key] = field;
  if (field.length === 1) {
    const spec = specs.find((s) => s.key === key);
    return spec ? labelWithUnit(spec) : describeField(field);
  }
  const nested = NESTED_FIELD_SPECS[collection] ?? [];
  const dotted = field.join(".");
  const at = nested.findIndex((s) => s.key === dotted && s.kind !== "section");
  const spec = nested[at];
  const parent = specs.find((s) => s.key === key && s.kind === "object");
  if (!spec || !parent) return describeField(field);
  const section = nested.slice(0, at).findLast((s) => s.kind === "section");
  return [parent.label, section?.label, labelWithUnit(spec)].filter(Boolean).join(" › ");
}

/**
 * Splits an issue path at the first network element it passes through, e.g. ["document",
 * "buses", 2, "vn_kv"] → the bus at buses[2] of input.document, field "Nominal voltage Un (kV)".
 */
function locate(path: ReadonlyArray<PropertyKey>, input: unknown): { element?: string; field?: string } {
  let value: unknown = input;
  for (const [i, key] of path.entries()) {
    const next = path[i + 1];
    if (
      isRecord(value) &&
      typeof key === "string" &&
      isElementCollection(key) &&
      typeof next === "number" &&
      Array.isArray(value[key])
    ) {
      const element = (value[key] as unknown[])[next];
      const field = path.slice(i + 2);
      return {
        element: describeNetworkElement(key, next, element),
        ...(field.length > 0 ? { field: fieldLabel(key, field) } : {}),
      };
    }
    value =
      isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return path.length > 0 ? { field: describeField(path) } : {};
}

/**
 * One issue as a line: "bus B3 'Main': Nominal voltage Un (kV): must be > 0.001", "email: Invalid
 * email address".
 */
export function describeInputIssue(issue: InputIssue, input: unknown): string {
  const { element, field } = locate(issue.path, input);
  const where = [element, field].filter(Boolean);
  return where.length > 0 ? `${where.join(": ")}: ${issue.message}` : issue.message;
}

/** Every issue as a line (at most MAX_DESCRIBED_ISSUES, then how many more), joined by newlines. */
export function describeInputIssues(issues: readonly InputIssue[], input: unknown): string {
  if (issues.length === 0) return "invalid input";
  const lines = issues.slice(0, MAX_DESCRIBED_ISSUES).map((issue) => describeInputIssue(issue, input));
  const more = issues.length - MAX_DESCRIBED_ISSUES;
  if (more > 0) lines.push(`… and ${more} more`);
  return lines.join("\n");
}
