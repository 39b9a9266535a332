import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns.ts";

/** What accounts with an unverified email may do in the company (contracts' unverifiedAccessSchema). */
export const unverifiedAccess = pgEnum("unverified_access", ["full", "read_only", "none"]);

export const companies = pgTable(
  "companies",
  {
    id: id(),
    name: text().notNull(),
    /** Set by a company admin: users without two-factor authentication can only enrol. */
    requireTwoFactor: boolean().notNull().default(false),
    unverifiedAccess: unverifiedAccess().notNull().default("full"),
    /**
     * Set while a company admin's deletion request runs its grace period (docs/accounts-lifecycle.md):
     * users still log in and export; the worker purges the company at `deletionScheduledFor`.
     */
    deletionRequestedAt: timestamp({ withTimezone: true }),
    deletionScheduledFor: timestamp({ withTimezone: true }),
    /** The admin who asked (no foreign key: users reference companies, and both go together). */
    deletionRequestedBy: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.deletionScheduledFor).where(sql`deletion_scheduled_for is not null`)],
);

export const licensePlan = pgEnum("license_plan", ["free", "professional", "enterprise"]);
export const licenseStatus = pgEnum("license_status", ["active", "suspended", "expired"]);

/** What a company may do; the api enforces these limits with a clear error. */
export const licenses = pgTable(
  "licenses",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    plan: licensePlan().notNull().default("free"),
    status: licenseStatus().notNull().default("active"),
    startsAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp({ withTimezone: true }),
    maxProjects: integer().notNull().default(3),
    maxBusesPerStudy: integer().notNull().default(2_000),
    batchStudies: boolean().notNull().default(false),
    aiTokensPerMonth: integer().notNull().default(100_000),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.companyId, t.status)],
);
