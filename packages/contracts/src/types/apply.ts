// Elements reference a type by id (`type`) and may override any of its fields. A document is
// resolved by filling each field the element leaves unset from its type; the element's own
// values win. Stored documents are kept resolved (the api resolves on save), so a study never
// depends on a library that may change later; `type` stays as the reference the diff shows.

import type { NetworkIssue } from "../network/issues.ts";
import { BUILTIN_TYPES } from "./builtin.ts";
import { type EquipmentType, type EquipmentTypeKind, TYPE_COLLECTIONS, TYPE_FIELDS } from "./schema.ts";

/** Types by kind and id: the built-in ones and, when given, a company's. */
export class TypeLibrary {
  readonly #byKind = new Map<EquipmentTypeKind, Map<string, EquipmentType>>();

  constructor(types: readonly EquipmentType[] = []) {
    for (const type of [...BUILTIN_TYPES, ...types]) {
      const ofKind = this.#byKind.get(type.kind) ?? new Map<string, EquipmentType>();
      ofKind.set(type.id, type);
      this.#byKind.set(type.kind, ofKind);
    }
  }

  get(kind: EquipmentTypeKind, id: string): EquipmentType | undefined {
    return this.#byKind.get(kind)?.get(id);
  }

  /** A type of `kind` whose name matches case- and space-insensitively (importers match by name). */
  byName(kind: EquipmentTypeKind, name: string): EquipmentType | undefined {
    const wanted = normalName(name);
    for (const type of this.#byKind.get(kind)?.values() ?? [])
      if (normalName(type.name) === wanted) return type;
    return undefined;
  }

  list(kind?: EquipmentTypeKind): EquipmentType[] {
    const kinds = kind ? [kind] : [...this.#byKind.keys()];
    return kinds.flatMap((k) => [...(this.#byKind.get(k)?.values() ?? [])]);
  }
}

const normalName = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();

export interface TypeResolution {
  /** The input with type values filled in (a copy; the input is not changed). */
  document: unknown;
  /** References to types the library does not have, by path (left as they are). */
  unresolved: NetworkIssue[];
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * One element with its type's values filled in (a copy when any is), or the issue of an unknown
 * type (the element then as it is). Not a typed element: as it is.
 */
export function resolveElement(
  kind: EquipmentTypeKind,
  collection: string,
  row: unknown,
  index: number,
  library: TypeLibrary,
): { row: unknown; unresolved?: NetworkIssue } {
  if (!isRow(row) || typeof row.type !== "string") return { row };
  const type = library.get(kind, row.type);
  if (!type)
    return {
      row,
      unresolved: { path: [collection, index, "type"], message: `unknown ${kind} type "${row.type}"` },
    };
  const filled: Row = { ...row };
  for (const field of TYPE_FIELDS[kind]) {
    if (filled[field] === undefined && type.values[field] !== undefined) filled[field] = type.values[field];
  }
  return { row: filled };
}

/** Fills every typed element's unset fields from its type. Anything that is not a document is returned as it is. */
export function resolveTypes(input: unknown, library: TypeLibrary = new TypeLibrary()): TypeResolution {
  if (!isRow(input)) return { document: input, unresolved: [] };
  const unresolved: NetworkIssue[] = [];
  const document: Row = { ...input };
  for (const [kind, collection] of Object.entries(TYPE_COLLECTIONS) as Array<[EquipmentTypeKind, string]>) {
    const rows = input[collection];
    if (!Array.isArray(rows) || !rows.some((row) => isRow(row) && row.type !== undefined)) continue;
    document[collection] = rows.map((row: unknown, index) => {
      const resolved = resolveElement(kind, collection, row, index, library);
      if (resolved.unresolved) unresolved.push(resolved.unresolved);
      return resolved.row;
    });
  }
  return { document, unresolved };
}

/** The fields where a typed element differs from its type: what the properties panel marks as overridden. */
export function typeOverrides(kind: EquipmentTypeKind, element: Row, library: TypeLibrary): string[] {
  if (typeof element.type !== "string") return [];
  const type = library.get(kind, element.type);
  if (!type) return [];
  return TYPE_FIELDS[kind].filter(
    (field) =>
      element[field] !== undefined &&
      type.values[field] !== undefined &&
      element[field] !== type.values[field],
  );
}

/**
 * The library a STORED document is validated against. Stored documents were resolved when saved
 * (every typed element's fields filled in), so validating one again must only accept its type
 * references, not fill anything: each reference becomes a type without values (shadowing a
 * built-in of the same id). A type edited or deleted since, built-in or the company's, leaves
 * the saved version and its studies as they were.
 */
export function storedDocumentTypes(document: unknown): TypeLibrary {
  const references: EquipmentType[] = [];
  if (!isRow(document)) return new TypeLibrary();
  for (const [kind, collection] of Object.entries(TYPE_COLLECTIONS) as Array<[EquipmentTypeKind, string]>) {
    const rows = document[collection];
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      const id = (row as { type?: unknown } | null)?.type;
      if (typeof id !== "string") continue;
      references.push({ id, kind, name: id, source: "", builtin: false, values: {} });
    }
  }
  return new TypeLibrary(references);
}
