import { index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { bytea, createdAt, id } from "./columns.ts";
import { companies } from "./companies.ts";

export const DATA_EXPORT_KINDS = ["user", "company"] as const;
export const DATA_EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export const dataExportKind = pgEnum("data_export_kind", DATA_EXPORT_KINDS);
export const dataExportStatus = pgEnum("data_export_status", DATA_EXPORT_STATUSES);

/**
 * A zip archive of one user's data (`user`) or a whole company (`company`), built by the worker's
 * export_user / export_company task. Only its requester downloads a user export; any admin of the
 * company a company export. The archive is dropped at `expiresAt` (the hourly cleanup).
 */
export const dataExports = pgTable(
  "data_exports",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: dataExportKind().notNull(),
    status: dataExportStatus().notNull().default("queued"),
    /** Fraction done, 0..1, and what is being done now. */
    progress: real().notNull().default(0),
    progressMessage: text(),
    archive: bytea(),
    /** Bytes of the archive. */
    size: integer(),
    error: jsonb().$type<{ message: string }>(),
    /** Set when done: after this the archive is no longer served and is deleted. */
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.companyId, t.kind, t.createdAt),
    index().on(t.requestedBy, t.createdAt),
    index().on(t.expiresAt),
  ],
);

/**
 * What is left of a purged company: its name, who asked for the deletion and when, how many rows
 * went, and its audit log (audit rows cascade with the company, so they are copied here first).
 */
export const companyTombstones = pgTable("company_tombstones", {
  companyId: uuid().primaryKey(),
  name: text().notNull(),
  deletionRequestedAt: timestamp({ withTimezone: true }).notNull(),
  /** The requesting admin's email at purge time. */
  deletionRequestedBy: text(),
  purgedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  counts: jsonb().$type<Record<string, number>>().notNull(),
  auditLog: jsonb().$type<Record<string, unknown>[]>().notNull(),
});
