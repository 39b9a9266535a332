import type { NetworkDocument, StudySettings } from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";
import {
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id, updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";

export const projectRole = pgEnum("project_role", ["owner", "editor", "viewer"]);

export const projects = pgTable(
  "projects",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    archivedAt: timestamp({ withTimezone: true }),
    /** The editor's live study options (studySettingsSchema); null: their defaults. */
    studySettings: jsonb().$type<StudySettings>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.companyId)],
);

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: projectRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index().on(t.userId)],
);

/** Immutable snapshots of a project's network document; `version` counts up per project. */
export const circuitVersions = pgTable(
  "circuit_versions",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    message: text().notNull().default(""),
    /**
     * Stored as validated: every default filled in. `json` (its text, lz4), not jsonb: written once,
     * read whole (migration 0020).
     */
    document: json().$type<NetworkDocument>().notNull(),
    /** Elements per collection ({ buses: 14, … }), kept so version lists need not read documents. */
    elementCounts: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** What the importer mapped, defaulted, adjusted and dropped, for a version made by an import (reports print it). */
    importReport: jsonb().$type<ImportReport>(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.projectId, t.version), index().on(t.projectId)],
);
