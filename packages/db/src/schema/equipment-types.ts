import type { EquipmentTypeKind } from "@ampflux/contracts";
import { jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id, updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";

export const equipmentTypeKind = pgEnum("equipment_type_kind", ["line", "transformer", "switch", "bus"]);

/**
 * A company's own equipment types (the built-in ones live in contracts, not here). Company admins
 * edit them; every company user picks from them. Documents store the values resolved, so
 * changing or deleting a type never changes a saved version or a stored study.
 */
export const equipmentTypes = pgTable(
  "equipment_types",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    kind: equipmentTypeKind().$type<EquipmentTypeKind>().notNull(),
    name: text().notNull(),
    /** Where the values come from (a datasheet, a standard's clause). */
    source: text().notNull().default(""),
    /** The element fields the type sets (contracts' TYPE_FIELDS of its kind), validated by the api. */
    values: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // The unique index leads with company_id, so it also serves listing a company's types.
  (t) => [unique().on(t.companyId, t.kind, t.name)],
);
