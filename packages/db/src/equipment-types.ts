// A company's type library as the api and the worker read it.

import { type EquipmentType, type EquipmentTypeKind, TypeLibrary } from "@ampflux/contracts";
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
