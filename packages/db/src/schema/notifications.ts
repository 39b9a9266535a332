import { sql } from "drizzle-orm";
import { bigserial, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt } from "./columns.ts";
import { companies } from "./companies.ts";
import { projects } from "./projects.ts";
import { simulations } from "./simulations.ts";

export const notificationKind = pgEnum("notification_kind", [
  "study_succeeded",
  "study_failed",
  "export_ready",
  "export_failed",
  "company_deletion_scheduled",
  "company_deletion_cancelled",
]);

/**
 * What the app tells one user, e.g. that a study they queued finished. The serial id orders a
 * user's notifications, so a live subscription resumes after the last id it delivered.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    kind: notificationKind().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    /** What the notification links to. */
    projectId: uuid().references(() => projects.id, { onDelete: "cascade" }),
    simulationId: uuid().references(() => simulations.id, { onDelete: "set null" }),
    readAt: timestamp({ withTimezone: true }),
    /** Set once the email went out, so a repeated send_email job sends nothing more. */
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`read_at is null`),
  ],
);
