// `--default-type <collection>=<type id>`: gives every element of a collection that names no type
// of its own a type from the library, before the document is validated. Validation then fills
// only the fields the element leaves unset (resolveTypes), so an element's own values still win:
// a MATPOWER line keeps its R and X and gains the conductor data the duty study needs.

import { type EquipmentTypeKind, TYPE_COLLECTIONS, TypeLibrary } from "@ampflux/contracts";

const FLAG = "--default-type";

type TypedCollection = (typeof TYPE_COLLECTIONS)[EquipmentTypeKind];

/** A collection and the type its untyped elements get. */
export interface DefaultType {
  collection: TypedCollection;
  kind: EquipmentTypeKind;
  /** The type's id in the library (a built-in type's id is its name). */
  type: string;
}

const KIND_OF_COLLECTION = new Map(
  (Object.entries(TYPE_COLLECTIONS) as Array<[EquipmentTypeKind, TypedCollection]>).map(([kind, c]) => [
    c,
    kind,
  ]),
);

/**
 * The flag's values, checked against the library (the command runs on this machine, so only the
 * built-in types are at hand). Each bad value adds one problem naming the flag; a collection
 * given twice is a problem too, since only one type could win.
 */
export function parseDefaultTypes(
  values: readonly string[] | undefined,
  problems: string[],
  library: TypeLibrary = new TypeLibrary(),
): DefaultType[] {
  const defaults: DefaultType[] = [];
  for (const value of values ?? []) {
    const at = value.indexOf("=");
    const collection = value.slice(0, Math.max(at, 0)).trim();
    const id = value.slice(at + 1).trim();
    const kind = KIND_OF_COLLECTION.get(collection as TypedCollection);
    if (at < 0 || id === "") {
      problems.push(
        `${FLAG}: "${value}" is not <collection>=<type id>, e.g. buses="Switchgear 25 kA 1 s (IEC 62271-200)"`,
      );
    } else if (kind === undefined) {
      problems.push(`${FLAG}: "${collection}" is not one of ${[...KIND_OF_COLLECTION.keys()].join(", ")}`);
    } else if (!library.get(kind, id)) {
      problems.push(`${FLAG}: ${collection}: no ${kind} type "${id}" in the built-in type library`);
    } else if (defaults.some((d) => d.collection === collection)) {
      problems.push(`${FLAG}: ${collection} is given more than once`);
    } else {
      defaults.push({ collection: collection as TypedCollection, kind, type: id });
    }
  }
  return defaults;
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export interface DefaultTypesApplied {
  /** The input with `type` set on the untyped elements (a copy; the input is not changed). */
  document: unknown;
  /** One line per flag value: how many elements took the type. */
  notes: string[];
}

/** Sets `type` on every element of each collection that has none. Anything not a document passes as it is. */
export function applyDefaultTypes(input: unknown, defaults: readonly DefaultType[]): DefaultTypesApplied {
  if (defaults.length === 0 || !isRow(input)) return { document: input, notes: [] };
  const document: Row = { ...input };
  const notes: string[] = [];
  for (const { collection, type } of defaults) {
    const rows = input[collection];
    if (!Array.isArray(rows)) continue;
    let given = 0;
    document[collection] = rows.map((row: unknown) => {
      if (!isRow(row) || row.type !== undefined) return row;
      given++;
      return { ...row, type };
    });
    const others = rows.length - given;
    const of = others === 0 ? `all ${given}` : `${given} of ${rows.length} (${others} already typed)`;
    notes.push(`${FLAG}: ${collection}: "${type}" given to ${of}`);
  }
  return { document, notes };
}
