import {
  isElementCollection,
  type NetworkDocument,
  type NetworkIssue,
  type NetworkValidation,
  NetworkValidator,
  TypeLibrary,
} from "@ampflux/contracts";
import type { EditorDocument } from "./document.ts";

export interface Runnable {
  /** The valid part of the network, or null when the document as a whole is invalid. */
  document: NetworkDocument | null;
  /** The validation that accepted `document` (its warnings included), so no one repeats it. */
  validation: NetworkValidation | null;
  /** Ids left out because they (or what they hang on) are incomplete or invalid. */
  excluded: string[];
  /** Document-level errors no element removal can fix. */
  errors: NetworkIssue[];
}

/**
 * What can be computed while the user is still drawing: elements with errors (unconnected,
 * invalid values) are set aside, repeatedly, since removing a bus orphans what hangs on it.
 * `validator` (kept across calls) parses again only what differs from the last document it parsed:
 * after an edit, the edited element and the collections an exclusion shortened.
 */
export function runnablePart(
  input: EditorDocument,
  types: TypeLibrary = new TypeLibrary(),
  validator: NetworkValidator = new NetworkValidator(),
): Runnable {
  let doc = input;
  const excluded: string[] = [];
  for (let round = 0; round < 8; round++) {
    const validation = validator.validate(doc, types);
    if (validation.ok && validation.document)
      return { document: validation.document, validation, excluded, errors: [] };
    const bad = new Map<string, Set<number>>();
    for (const { path } of validation.errors) {
      const [collection, index] = path;
      if (typeof collection === "string" && isElementCollection(collection) && typeof index === "number")
        bad.set(collection, (bad.get(collection) ?? new Set()).add(index));
    }
    if (bad.size === 0) return { document: null, validation: null, excluded, errors: validation.errors };
    const next = { ...doc };
    for (const [collection, indices] of bad) {
      if (!isElementCollection(collection)) continue;
      next[collection] = doc[collection].filter((e, i) => {
        if (!indices.has(i)) return true;
        excluded.push(e.id);
        return false;
      });
    }
    doc = next;
  }
  return {
    document: null,
    validation: null,
    excluded,
    errors: [{ path: [], message: "the network could not be checked" }],
  };
}
