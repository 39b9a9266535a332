import { ELEMENT_COLLECTIONS, type ElementCollection, type NetworkDocument } from "@ampflux/contracts";

export interface NetworkElement {
  id: string;
  name?: string;
  [field: string]: unknown;
}

/**
 * The document's element collections in the contract's order, which reads well (buses, sources,
 * branches…); a stored document's keys come in the order they were written (jsonb's, for a
 * version stored before migration 0020).
 */
export function elementCollections(document: NetworkDocument): Array<[ElementCollection, NetworkElement[]]> {
  return ELEMENT_COLLECTIONS.map((collection) => [collection, document[collection] ?? []]);
}
