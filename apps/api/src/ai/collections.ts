import { ELEMENT_COLLECTIONS, type ElementCollection, type NetworkDocument } from "@ampflux/contracts";

export interface NetworkElement {
  id: string;
  name?: string;
  [field: string]: unknown;
}

/**
 * The document's element collections in the contract's order, which reads well (buses, sources,
 * branches…); stored documents come back with jsonb's key order instead.
 */
export function elementCollections(document: NetworkDocument): Array<[ElementCollection, NetworkElement[]]> {
  return ELEMENT_COLLECTIONS.map((collection) => [collection, document[collection] ?? []]);
}
