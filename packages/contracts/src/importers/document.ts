import {
  type ElementCollection,
  emptyCollections,
  NETWORK_SCHEMA_ID,
  type NetworkDocument,
} from "../network/index.ts";

/** A document with the given elements; collections a format has no counterpart for stay empty. */
export function importedDocument(
  name: string,
  frequency_hz: 50 | 60,
  elements: Partial<Pick<NetworkDocument, ElementCollection>>,
): NetworkDocument {
  return { schema: NETWORK_SCHEMA_ID, name, frequency_hz, ...emptyCollections(), ...elements };
}
