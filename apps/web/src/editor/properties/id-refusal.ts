import { describeNetworkElement, ELEMENT_COLLECTIONS, STRING_LIMITS } from "@ampflux/contracts";
import type { EditorDocument } from "../model/document.ts";

/**
 * Why a typed id cannot replace `current`, in the user's words, or null when it can. An empty or
 * taken id used to revert without a word; now the field keeps the text and says why.
 */
export function idRefusal(doc: EditorDocument, current: string, typed: string): string | null {
  const to = typed.trim();
  if (to === current) return null;
  if (to === "") return `an element needs an id: type one (it was ${current})`;
  const max = STRING_LIMITS.id.max;
  if (to.length > max) return `an id has at most ${max} characters (this one has ${to.length})`;
  for (const collection of ELEMENT_COLLECTIONS) {
    const index = doc[collection].findIndex((e) => e.id === to);
    if (index >= 0)
      return `${to} is already the id of ${describeNetworkElement(collection, index, doc[collection][index])}: ids are unique in the network`;
  }
  return null;
}
