// Fields inside an element's object-valued field (a bus's `arc_flash`, a switch's `protection`)
// edited with the panel's ordinary fields: each has a dotted key ("protection.inverse.tms") that
// is its path in the element, its data-field in the page and the key of its validation messages.

import type { NetworkValidation } from "@ampflux/contracts";
import type { Element } from "../model/document.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a dotted key ("protection.inverse.tms") of an element; undefined when absent. */
export function valueAt(element: Element, key: string): unknown {
  let value: unknown = element;
  for (const part of key.split(".")) value = isObject(value) ? value[part] : undefined;
  return value;
}

/**
 * `object` with `value` at `path` (undefined removes it). An object left empty is removed too,
 * so clearing a relay stage's last field removes the stage, and the last stage the protection:
 * an empty object would be refused ("needs clearing_time_ms, …") for something the user cleared.
 */
export function withValueAt(object: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: Record<string, unknown> = isObject(object) ? { ...object } : {};
  const next = withValueAt(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/**
 * The element's field (the first part of `key`) with the value at `key` changed: what to store
 * with setField(id, field, …).
 */
export function changeAt(element: Element, key: string, value: unknown): { field: string; value: unknown } {
  const [field = "", ...path] = key.split(".");
  return { field, value: withValueAt(element[field], path, value) };
}

/** A copy of the element whose dotted keys read its nested values, for fields that read element[key]. */
export function flatView(element: Element, keys: readonly string[]): Element {
  const view: Element = { id: element.id };
  for (const key of keys) view[key] = valueAt(element, key);
  return view;
}

export interface NestedIssues {
  /** Messages by the longest key their path starts with (a curve point's message goes to "protection.points"). */
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
  /** Messages about the object as a whole ("needs clearing_time_ms, a relay stage …"). */
  general: string[];
}

/** validateNetwork's messages under one element's field (`field`), sorted to the dotted keys shown. */
export function nestedIssues(
  validation: NetworkValidation,
  collection: string,
  index: number,
  field: string,
  keys: readonly string[],
): NestedIssues {
  const result: NestedIssues = { errors: new Map(), warnings: new Map(), general: [] };
  const byLength = [...keys].sort((a, b) => b.length - a.length);
  const sort = (issues: NetworkValidation["errors"], map: Map<string, string[]>) => {
    for (const issue of issues) {
      const [c, i, f, ...rest] = issue.path;
      if (c !== collection || i !== index || f !== field) continue;
      const dotted = [f, ...rest].join(".");
      const key = byLength.find((k) => dotted === k || dotted.startsWith(`${k}.`));
      if (key === undefined) {
        if (!result.general.includes(issue.message)) result.general.push(issue.message);
        continue;
      }
      const list = map.get(key) ?? [];
      if (!list.includes(issue.message)) map.set(key, [...list, issue.message]);
    }
  };
  sort(validation.errors, result.errors);
  sort(validation.warnings, result.warnings);
  return result;
}
