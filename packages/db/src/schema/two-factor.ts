import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id } from "./columns.ts";

/** One TOTP secret per user (migration 0012), encrypted by the api; pending until confirmedAt. */
export const twoFactorCredentials = pgTable("two_factor_credentials", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** AES-256-GCM, see apps/api/src/auth/secret-box.ts. */
  secretEncrypted: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  /** RFC 6238 time step of the last accepted code: a code is never accepted twice. */
  lastUsedStep: bigint({ mode: "number" }),
  createdAt: createdAt(),
});

/** Single-use recovery codes, stored as SHA-256 (they carry 120 random bits). */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.userId, t.codeHash)],
);

/** A right password waiting for its second factor; `id` is the SHA-256 of the challenge token. */
export const twoFactorChallenges = pgTable(
  "two_factor_challenges",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);
