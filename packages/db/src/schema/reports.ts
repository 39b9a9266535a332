import { REPORT_APPROVAL_ROLES, REPORT_STATUSES, type ReportOptions } from "@ampflux/contracts";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { bytea, createdAt, id } from "./columns.ts";
import { circuitVersions, projects } from "./projects.ts";
import { simulations } from "./simulations.ts";

export const reportStatus = pgEnum("report_status", REPORT_STATUSES);
/** In signing order. */
export const reportApprovalRole = pgEnum("report_approval_role", REPORT_APPROVAL_ROLES);

/**
 * A study report (PDF and HTML) of one stored study, rendered by the worker's generate_report
 * task. `contentHash` fingerprints its inputs (reportContentHash): when the hash of the
 * circuit's latest version no longer matches, the report is outdated.
 */
export const reports = pgTable(
  "reports",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    simulationId: uuid()
      .notNull()
      .references(() => simulations.id, { onDelete: "cascade" }),
    /** The version the study ran on (denormalised from the simulation for lists and history). */
    circuitVersionId: uuid()
      .notNull()
      .references(() => circuitVersions.id, { onDelete: "cascade" }),
    /** ReportOptions as validated by the api (paper, sections). */
    options: jsonb().$type<ReportOptions>().notNull(),
    status: reportStatus().notNull().default("queued"),
    /** Fraction done, 0..1, and what is being done now. */
    progress: real().notNull().default(0),
    progressMessage: text(),
    /** SHA-256 of the inputs (document, study options, engine and standards); set when created. */
    contentHash: text().notNull(),
    pdf: bytea(),
    html: text(),
    /** Bytes of the PDF. */
    size: integer(),
    /** Set when failed: { message, details? }. */
    error: jsonb().$type<{ message: string; [detail: string]: unknown }>(),
    timings: jsonb().$type<Record<string, number>>(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.projectId, t.createdAt), index().on(t.simulationId)],
);

/**
 * Signatures of a report: one per role, and one role per person (four-eyes: who prepared a
 * report does not also check it). Once all three roles are signed the report is immutable.
 */
export const reportApprovals = pgTable(
  "report_approvals",
  {
    reportId: uuid()
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    role: reportApprovalRole().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The signer's name when signing: the signature outlives a renamed or removed account. */
    userName: text().notNull(),
    signedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.role] }), unique().on(t.reportId, t.userId)],
);
