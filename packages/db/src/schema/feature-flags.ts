import { boolean, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";

/** A company admin's choice for one feature flag; no row follows the deployment's default. */
export const companyFeatureFlags = pgTable(
  "company_feature_flags",
  {
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    flag: text().notNull(),
    enabled: boolean().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.flag] })],
);
