import { type ElementCollection, type NetworkDocument, networkDocumentSchema } from "@ampflux/contracts";

const NOT_ELEMENTS = new Set(["schema", "name", "frequency_hz"]);

/**
 * The document's element collections in the schema's order, which reads well (buses, sources,
 * branches…); stored documents come back with jsonb's key order instead.
 */
export const ELEMENT_COLLECTIONS = Object.keys(networkDocumentSchema.shape).filter(
  (key) => !NOT_ELEMENTS.has(key),
) as [ElementCollection, ...ElementCollection[]];

export interface NetworkElement {
  id: string;
  name?: string;
  [field: string]: unknown;
}

export function elementCollections(document: NetworkDocument): Array<[ElementCollection, NetworkElement[]]> {
  return ELEMENT_COLLECTIONS.map((collection) => [collection, document[collection] ?? []]);
}
