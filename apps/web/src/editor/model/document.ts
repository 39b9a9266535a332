import {
  documentChanges,
  ELEMENT_COLLECTIONS,
  type ElementCollection,
  NETWORK_SCHEMA_ID,
} from "@ampflux/contracts";
import { KINDS } from "./catalog.ts";

/** One element of any collection, seen generically (the editor edits fields by name). */
export type Element = { id: string; [field: string]: unknown };

/**
 * The network document as the editor holds it: the contract's shape, but elements may be
 * incomplete while drawn (a bus reference "" until connected). validateNetwork says what is wrong.
 */
export type EditorDocument = {
  schema: typeof NETWORK_SCHEMA_ID;
  name: string;
  frequency_hz: 50 | 60;
  /** Offsets of the non-bus symbols (model/layout.ts keeps it in step with the editor's layout). */
  diagram?: unknown;
} & Record<ElementCollection, Element[]>;

export interface Located {
  collection: ElementCollection;
  index: number;
  element: Element;
}

export function emptyDocument(name: string): EditorDocument {
  const doc = { schema: NETWORK_SCHEMA_ID, name, frequency_hz: 50 } as EditorDocument;
  for (const c of ELEMENT_COLLECTIONS) doc[c] = [];
  return doc;
}

/** A stored or imported document with every collection present. */
export function normalizeDocument(input: Record<string, unknown>): EditorDocument {
  const doc = { ...input } as EditorDocument;
  for (const c of ELEMENT_COLLECTIONS) if (!Array.isArray(doc[c])) doc[c] = [];
  return doc;
}

/** Equal as JSON (asked only of values that are not the same object). */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether two documents have the same content (as their JSON would say), for "unsaved changes".
 * Documents are immutable and an edit copies only what it changes, so most collections and
 * elements are the very same objects: only those that are not are compared as JSON. Writing the
 * whole document as JSON after each edit took ~65 ms on case9241pegase, before the live study
 * was even sent (docs/performance.md, "Editor in Chromium").
 */
export function sameDocument(a: EditorDocument, b: EditorDocument): boolean {
  if (a === b) return true;
  // Keys in the same order, as equal JSON would have them.
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length || keys.some((key, i) => otherKeys[i] !== key)) return false;
  const changes = documentChanges(a, b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return (
    changes.collections.length === 0 &&
    changes.fields.every((key) => sameJson(x[key], y[key])) &&
    changes.elements.every(([c, i]) => sameJson(a[c][i], b[c][i]))
  );
}

export function findElement(doc: EditorDocument, id: string): Located | undefined {
  for (const collection of ELEMENT_COLLECTIONS) {
    const index = doc[collection].findIndex((e) => e.id === id);
    if (index >= 0) return { collection, index, element: doc[collection][index] as Element };
  }
  return undefined;
}

export function elementIds(doc: EditorDocument): Set<string> {
  return new Set(ELEMENT_COLLECTIONS.flatMap((c) => doc[c].map((e) => e.id)));
}

/** The next free id with the collection's prefix: B1, B2, … (ids are unique across the document). */
export function nextId(doc: EditorDocument, collection: ElementCollection): string {
  const used = elementIds(doc);
  const prefix = KINDS[collection].prefix;
  for (let n = doc[collection].length + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A copy with `collection` replaced by `update(elements)`. */
export function withCollection(
  doc: EditorDocument,
  collection: ElementCollection,
  update: (elements: Element[]) => Element[],
): EditorDocument {
  return { ...doc, [collection]: update(doc[collection]) };
}

export function updateElement(
  doc: EditorDocument,
  id: string,
  patch: Record<string, unknown>,
): EditorDocument {
  const found = findElement(doc, id);
  if (!found) return doc;
  return withCollection(doc, found.collection, (elements) =>
    elements.map((e) => {
      if (e.id !== id) return e;
      const next: Element = { ...e, ...patch };
      // undefined removes an optional field (the contract rejects nothing for absent optionals).
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
      return next;
    }),
  );
}

/** The bus ids an element is connected to ("" where not connected). */
export function terminalBuses(collection: ElementCollection, element: Element): string[] {
  if (collection === "switches" && element.element_type !== "bus") return [String(element.bus ?? "")];
  return KINDS[collection].terminals.map((t) => String(element[t.field] ?? ""));
}
