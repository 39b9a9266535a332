// What the engine worker is sent of the editor's network: what changed since the document it was
// sent last, not the whole document again. Copying case9241pegase's document to the worker (the
// structured clone on both sides) took ~70–150 ms per edit on top of the study itself
// (docs/performance.md, "Editor in Chromium"); one edited element is a few hundred bytes.
//
// Documents are immutable and an edit copies only what it changes (editor/model/edit.ts), so
// "changed" is "not the same object": an element at the same index of a collection of the same
// length is replaced alone; a collection that grew or shrank is sent whole.

import { documentChanges, type ElementCollection } from "@ampflux/contracts";
import type { EditorDocument, Element } from "../editor/model/document.ts";

export interface DocumentPatch {
  /** False: `fields` is the whole document (the first message, or after the worker restarted). */
  incremental: boolean;
  /** Top-level fields, whole, that are not the previous document's objects. */
  fields: Record<string, unknown>;
  /** Top-level fields the previous document had and this one has not. */
  removed: string[];
  /** [collection, index, element]: elements replaced in collections whose length is unchanged. */
  elements: Array<[collection: string, index: number, element: Element]>;
}

/**
 * Above this share of a collection's elements changed, the collection is sent whole: a patch
 * that names most of them saves nothing.
 */
const WHOLE_COLLECTION_SHARE = 0.25;

/** `next` as changes to `previous` (whole when there is no previous document). */
export function documentPatch(previous: EditorDocument | null, next: EditorDocument): DocumentPatch {
  if (previous === null) return { incremental: false, fields: { ...next }, removed: [], elements: [] };
  const after = next as Record<string, unknown>;
  const changes = documentChanges(previous, after);
  const patch: DocumentPatch = { incremental: true, fields: {}, removed: [], elements: [] };
  for (const key of [...changes.fields, ...changes.collections]) {
    if (key in after) patch.fields[key] = after[key];
    else patch.removed.push(key);
  }
  const changedIn = new Map<ElementCollection, number[]>();
  for (const [collection, index] of changes.elements) {
    const indices = changedIn.get(collection);
    if (indices) indices.push(index);
    else changedIn.set(collection, [index]);
  }
  for (const [collection, indices] of changedIn) {
    const rows = next[collection];
    if (indices.length > Math.max(1, rows.length * WHOLE_COLLECTION_SHARE)) patch.fields[collection] = rows;
    else for (const index of indices) patch.elements.push([collection, index, rows[index] as Element]);
  }
  return patch;
}

/** The document `patch` describes, given the one the previous patch made (null: none yet). */
export function applyDocumentPatch(previous: EditorDocument | null, patch: DocumentPatch): EditorDocument {
  if (!patch.incremental) return patch.fields as EditorDocument;
  if (previous === null) throw new Error("an incremental document patch without a previous document");
  const doc = { ...previous, ...patch.fields } as Record<string, unknown>;
  for (const key of patch.removed) delete doc[key];
  const copied = new Set<string>();
  for (const [collection, index, element] of patch.elements) {
    // Each changed collection is copied once: the previous document stays as it was.
    if (!copied.has(collection)) {
      doc[collection] = [...(doc[collection] as Element[])];
      copied.add(collection);
    }
    (doc[collection] as Element[])[index] = element;
  }
  return doc as EditorDocument;
}
