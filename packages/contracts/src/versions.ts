// Comparing network documents by element id, generically: every top-level array of objects with an
// `id` is a collection of elements. The api's version diff and the editor's visual diff share it.

type Json = unknown;
type Element = { id: string } & Record<string, Json>;

export interface ElementChange {
  collection: string;
  id: string;
  /** For changed elements: the fields whose values differ. */
  fields?: string[];
}

export interface DocumentDiff {
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
  /** Top-level non-collection fields that differ (e.g. name, frequency_hz). */
  properties: string[];
}

const isElement = (value: Json): value is Element =>
  typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";

function collections(document: Record<string, Json>): Map<string, Map<string, Element>> {
  const found = new Map<string, Map<string, Element>>();
  for (const [key, value] of Object.entries(document)) {
    if (Array.isArray(value) && value.every(isElement)) {
      found.set(key, new Map(value.map((element) => [element.id, element])));
    }
  }
  return found;
}

/** Key order does not matter to a document; compare canonical JSON. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function changedFields(before: Record<string, Json>, after: Record<string, Json>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => canonical(before[key]) !== canonical(after[key])).sort();
}

export function diffDocuments(before: Record<string, Json>, after: Record<string, Json>): DocumentDiff {
  const diff: DocumentDiff = { added: [], removed: [], changed: [], properties: [] };
  const old = collections(before);
  const now = collections(after);
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(name) ?? new Map<string, Element>();
    const b = now.get(name) ?? new Map<string, Element>();
    for (const [id, element] of b) {
      const previous = a.get(id);
      if (!previous) diff.added.push({ collection: name, id });
      else {
        const fields = changedFields(previous, element);
        if (fields.length > 0) diff.changed.push({ collection: name, id, fields });
      }
    }
    for (const id of a.keys()) if (!b.has(id)) diff.removed.push({ collection: name, id });
  }
  const plain = (doc: Record<string, Json>, c: Map<string, unknown>) =>
    Object.fromEntries(Object.entries(doc).filter(([key]) => !c.has(key)));
  diff.properties = changedFields(plain(before, old), plain(after, now));
  return diff;
}

/** Element counts per collection, e.g. { buses: 14, lines: 17 }: what version lists show. */
export function countElements(document: Record<string, Json>): Record<string, number> {
  // Lengths, not a map per collection: a 10,000-bus document is counted on every import and save.
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(document)) {
    if (Array.isArray(value) && value.every(isElement)) counts[key] = value.length;
  }
  return counts;
}
