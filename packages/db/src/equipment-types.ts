// A company's type library as the api and the worker read it.

import {
  type EquipmentType,
  type EquipmentTypeKind,
  TYPE_COLLECTIONS,
  TypeLibrary,
} from "@ampflux/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { equipmentTypes } from "./schema/equipment-types.ts";

export type EquipmentTypeRow = typeof equipmentTypes.$inferSelect;

export const toEquipmentType = (row: EquipmentTypeRow): EquipmentType => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  source: row.source,
  builtin: false,
  values: row.values,
});

/** The company's own types (not the built-in ones), by kind then name. */
export async function companyEquipmentTypes(
  db: Executor,
  companyId: string,
  kind?: EquipmentTypeKind,
): Promise<EquipmentType[]> {
  const rows = await db
    .select()
    .from(equipmentTypes)
    .where(and(eq(equipmentTypes.companyId, companyId), kind ? eq(equipmentTypes.kind, kind) : undefined))
    .orderBy(asc(equipmentTypes.kind), asc(equipmentTypes.name));
  return rows.map(toEquipmentType);
}

/** The built-in types and the company's: what a document saved by the company resolves against. */
export async function companyTypeLibrary(db: Executor, companyId: string): Promise<TypeLibrary> {
  return new TypeLibrary(await companyEquipmentTypes(db, companyId));
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
  if (typeof document !== "object" || document === null) return new TypeLibrary();
  for (const [kind, collection] of Object.entries(TYPE_COLLECTIONS) as Array<[EquipmentTypeKind, string]>) {
    const rows = (document as Record<string, unknown>)[collection];
    if (!Array.isArray(rows)) continue;
    for (const row of rows) {
      const id = (row as { type?: unknown } | null)?.type;
      if (typeof id !== "string") continue;
      references.push({ id, kind, name: id, source: "", builtin: false, values: {} });
    }
  }
  return new TypeLibrary(references);
}
