// Elements the question names, found by id (exact case) or name (any case) as a whole word:
// "why is the fault current at bus 7 so high?" names the bus with id "7".

import { BUS_FIELDS, type NetworkDocument } from "@ampflux/contracts";
import { elementCollections, type NetworkElement } from "./collections.ts";

export interface FoundElement {
  collection: string;
  element: NetworkElement;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const MAX_NAMED = 20;
/** Shorter names are words of everyday language too often ("A", "TR"). */
const MIN_NAME_LENGTH = 3;

/** Whether `term` occurs in `text` with no letter, digit or underscore right before or after. */
export function mentions(text: string, term: string): boolean {
  if (!term) return false;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const before = text[at - 1];
    const after = text[at + term.length];
    if ((!before || !WORD_CHAR.test(before)) && (!after || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

export function namedElements(document: NetworkDocument, prompt: string): FoundElement[] {
  const lower = prompt.toLowerCase();
  const found: FoundElement[] = [];
  for (const [collection, elements] of elementCollections(document)) {
    for (const element of elements) {
      const name = element.name?.toLowerCase();
      const byName = name !== undefined && name.length >= MIN_NAME_LENGTH && mentions(lower, name);
      if (mentions(prompt, element.id) || byName) found.push({ collection, element });
      if (found.length === MAX_NAMED) return found;
    }
  }
  return found;
}

/** The elements attached to a bus, as "lines/L (from_bus)": what feeds or leaves it. */
export function connectedTo(document: NetworkDocument, busId: string): string[] {
  const attached: string[] = [];
  for (const [collection, elements] of elementCollections(document)) {
    for (const element of elements) {
      for (const field of BUS_FIELDS[collection]) {
        if (element[field] === busId) attached.push(`${collection}/${element.id} (${field})`);
      }
    }
  }
  return attached;
}
