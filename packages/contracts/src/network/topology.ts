import type { ElementCollection, NetworkDocument } from "./document.ts";

/** Every collection in document order; ids are unique across all of them. */
export const ELEMENT_COLLECTIONS = [
  "buses",
  "external_grids",
  "lines",
  "transformers",
  "transformers3w",
  "impedances",
  "earthing_transformers",
  "generators",
  "motors",
  "static_generators",
  "loads",
  "shunts",
  "switches",
] as const satisfies readonly ElementCollection[];

/** The fields that name a bus, per collection: the single source for reference checks and islands. */
export const BUS_FIELDS = {
  buses: [],
  external_grids: ["bus"],
  lines: ["from_bus", "to_bus"],
  transformers: ["hv_bus", "lv_bus"],
  transformers3w: ["hv_bus", "mv_bus", "lv_bus"],
  impedances: ["from_bus", "to_bus"],
  earthing_transformers: ["bus"],
  generators: ["bus"],
  motors: ["bus"],
  static_generators: ["bus"],
  loads: ["bus"],
  shunts: ["bus"],
  switches: ["bus"],
} as const satisfies Record<ElementCollection, readonly string[]>;

/** A field of `collection` that names a bus. */
export type BusField<C extends ElementCollection> = (typeof BUS_FIELDS)[C][number];

/** The collections whose elements join two or three buses (and can be taken out for N-1). */
export const BRANCH_COLLECTIONS = ["lines", "transformers", "transformers3w"] as const;
export type BranchCollection = (typeof BRANCH_COLLECTIONS)[number];

const COLLECTION_NAMES: ReadonlySet<string> = new Set(ELEMENT_COLLECTIONS);

export const isElementCollection = (value: string): value is ElementCollection => COLLECTION_NAMES.has(value);

/** Every collection of a document, empty: the start of a document built element by element. */
export function emptyCollections(): Pick<NetworkDocument, ElementCollection> {
  // fromEntries forgets the keys; ELEMENT_COLLECTIONS names every collection.
  const empty = Object.fromEntries(ELEMENT_COLLECTIONS.map((c) => [c, []]));
  return empty as unknown as Pick<NetworkDocument, ElementCollection>;
}

/** A document element seen generically, for checks that walk every collection alike. */
export type AnyElement = { id: string; [field: string]: unknown };

export function elementsOf(doc: NetworkDocument, collection: ElementCollection): readonly AnyElement[] {
  return doc[collection];
}

/** The buses an element connects to, in BUS_FIELDS order. */
export function terminalsOf(collection: ElementCollection, element: AnyElement): string[] {
  return BUS_FIELDS[collection].map((field) => String(element[field]));
}
