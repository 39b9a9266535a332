import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";

export const companyRole = pgEnum("company_role", ["company_admin", "user"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    /** Stored lower-cased; unique across all companies (one login per address). */
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: companyRole().notNull().default("user"),
    active: boolean().notNull().default(true),
    /** A confirmed TOTP credential exists (two-factor.ts); logins then ask for a code. */
    twoFactorEnabled: boolean().notNull().default(false),
    /** null until the owner opened a verification link sent to `email` (docs/accounts.md). */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.email), index().on(t.companyId)],
);

/** Lucia-style sessions: `id` is the SHA-256 (hex) of the cookie token, never the token. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
    /** Written at most once a minute per api process (auth/sessions.ts), not on every request. */
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** What the sessions page names the session by: `id` is the token's hash and stays private. */
    publicId: uuid().notNull().defaultRandom(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt), uniqueIndex().on(t.publicId)],
);

/** Personal API keys for internal tools: shown once, stored as a SHA-256 hash. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The first characters of the key, shown in lists so users can tell keys apart. */
    prefix: text().notNull(),
    keyHash: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.keyHash), index().on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: companyRole().notNull().default("user"),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.tokenHash),
    index().on(t.companyId),
    uniqueIndex("invitations_pending_email_idx").on(t.companyId, t.email).where(sql`accepted_at is null`),
  ],
);

export const accountTokenPurpose = pgEnum("account_token_purpose", [
  "password_reset",
  "verify_email",
  "change_email",
]);

/**
 * Single-use emailed links: password reset, sign-up verification, email change. Stored as the
 * SHA-256 of the token; `email` is the address the link was sent to (the new one for a change).
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: accountTokenPurpose().notNull(),
    tokenHash: text().notNull(),
    email: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId, t.purpose), index().on(t.expiresAt)],
);
