import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";

/** A company's OpenID Connect provider (migration 0012); the client secret is encrypted. */
export const companySsoProviders = pgTable("company_sso_providers", {
  companyId: uuid()
    .primaryKey()
    .references(() => companies.id, { onDelete: "cascade" }),
  issuerUrl: text().notNull(),
  clientId: text().notNull(),
  clientSecretEncrypted: text().notNull(),
  /** Password login is refused for the company's users. */
  ssoOnly: boolean().notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Email domains that sign in through a company's provider; one company per domain. */
export const ssoEmailDomains = pgTable(
  "sso_email_domains",
  {
    domain: text().primaryKey(),
    companyId: uuid()
      .notNull()
      .references(() => companySsoProviders.companyId, { onDelete: "cascade" }),
  },
  (t) => [index().on(t.companyId)],
);

/** An authorization request in flight; `id` is the SHA-256 of the browser-binding cookie. */
export const ssoLoginAttempts = pgTable("sso_login_attempts", {
  id: text().primaryKey(),
  companyId: uuid()
    .notNull()
    .references(() => companies.id, { onDelete: "cascade" }),
  state: text().notNull(),
  nonce: text().notNull(),
  codeVerifier: text().notNull(),
  redirectUri: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/** Which user an identity provider's subject is (issuer + sub never change for a person). */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    issuer: text().notNull(),
    subject: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index().on(t.userId)],
);
