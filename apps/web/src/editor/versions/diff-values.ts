import { type BusFaultResult, type DocumentDiff, fieldLabel, isElementCollection } from "@ampflux/contracts";
import { formatKa } from "../../lib/format.ts";
import { type EditorDocument, findElement, terminalBuses } from "../model/document.ts";

// What a version comparison shows besides the ids: each changed field's old → new value, and how
// the fault current moved at the buses the change touches.

/** One changed field of one element, labelled as the properties panel labels it. */
export interface FieldChange {
  field: string;
  /** "Nominal voltage Un (kV)". */
  label: string;
  before: string;
  after: string;
}

/** A value as the user typed it; absent as "–" (unset, the default applies). */
export function shownValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "–";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The changed fields of element `id` between the two documents, old → new. */
export function fieldChanges(
  before: EditorDocument,
  after: EditorDocument,
  id: string,
  fields: readonly string[],
): FieldChange[] {
  const old = findElement(before, id);
  const now = findElement(after, id);
  const collection = (now ?? old)?.collection ?? "";
  return fields.map((field) => ({
    field,
    label: isElementCollection(collection) ? fieldLabel(collection, [field]) : field,
    before: shownValue(old?.element[field]),
    after: shownValue(now?.element[field]),
  }));
}

/** Buses a change touches: changed buses, and the buses of added, removed or changed elements. */
export function affectedBuses(diff: DocumentDiff, before: EditorDocument, after: EditorDocument): string[] {
  const buses = new Set<string>();
  const touch = (doc: EditorDocument, id: string) => {
    const found = findElement(doc, id);
    if (!found) return;
    if (found.collection === "buses") buses.add(id);
    else for (const bus of terminalBuses(found.collection, found.element)) if (bus) buses.add(bus);
  };
  for (const c of diff.added) touch(after, c.id);
  for (const c of diff.removed) touch(before, c.id);
  for (const c of diff.changed) {
    touch(before, c.id);
    touch(after, c.id);
  }
  return [...buses];
}

/** The fault current at one affected bus in the compared version and now. */
export interface ResultChange {
  bus: string;
  before: number | null;
  after: number | null;
  /** "14.43 → 12.10 kA (−2.33)"; "–" where the bus was not fed or did not exist. */
  text: string;
}

export function resultChanges(
  buses: readonly string[],
  before: readonly BusFaultResult[],
  after: readonly BusFaultResult[],
): ResultChange[] {
  const ik = (results: readonly BusFaultResult[]) => new Map(results.map((r) => [r.bus, r.ikss_ka]));
  const [old, now] = [ik(before), ik(after)];
  return buses.map((bus) => {
    const a = old.get(bus) ?? null;
    const b = now.get(bus) ?? null;
    const delta = a !== null && b !== null ? b - a : null;
    const sign = delta === null ? "" : delta < 0 ? " (−" : " (+";
    const change = delta === null || Math.abs(delta) < 0.005 ? "" : `${sign}${formatKa(Math.abs(delta))})`;
    const text = `${formatKa(a)} → ${formatKa(b)} kA${change}`;
    return { bus, before: a, after: b, text };
  });
}
