// What one version of a document changed against another, told by object identity. An editor
// treats documents as immutable: an edit makes a new document that shares every collection and
// element it did not change with the last one, so a walk comparing references finds the changes
// without reading any value. The validator (network-validator.ts), the editor's engine-worker
// patches and its unsaved-changes check all start from this walk.

import type { ElementCollection } from "./document.ts";
import { isElementCollection } from "./topology.ts";

export interface DocumentChanges {
  /** Top-level fields that are not both element arrays and are not the same value: added, removed or replaced. */
  fields: string[];
  /** Element collections present on both sides whose length changed. */
  collections: ElementCollection[];
  /** [collection, index]: elements that are not the same object, in collections of unchanged length. */
  elements: Array<[ElementCollection, number]>;
}

/** The changes from `before` to `after`, by identity (nothing is compared by value). */
export function documentChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): DocumentChanges {
  const changes: DocumentChanges = { fields: [], collections: [], elements: [] };
  for (const key of Object.keys(before)) if (!(key in after)) changes.fields.push(key);
  for (const [key, rows] of Object.entries(after)) {
    const old = before[key];
    if (rows === old) continue;
    if (!isElementCollection(key) || !Array.isArray(rows) || !Array.isArray(old)) changes.fields.push(key);
    else if (rows.length !== old.length) changes.collections.push(key);
    else for (let i = 0; i < rows.length; i++) if (rows[i] !== old[i]) changes.elements.push([key, i]);
  }
  return changes;
}
