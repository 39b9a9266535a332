-- Two-factor authentication (TOTP + recovery codes) and OpenID Connect single sign-on per company
-- (issue 27 part B). Flags live on users/companies so that the session cache, which migration
-- 0010's triggers invalidate on every UPDATE of those rows, always knows them.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "two_factor_enabled" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN IF NOT EXISTS "require_two_factor" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- One TOTP secret per user, AES-256-GCM encrypted; confirmed_at null while enrolment is pending.
-- last_used_step: the RFC 6238 time step of the last accepted code (a code is accepted once).
CREATE TABLE IF NOT EXISTS "two_factor_credentials" (
  "user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "secret_encrypted" text NOT NULL,
  "confirmed_at" timestamp with time zone,
  "last_used_step" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "two_factor_recovery_codes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "code_hash" text NOT NULL,
  "used_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "two_factor_recovery_codes_user_id_code_hash_index"
  ON "two_factor_recovery_codes" USING btree ("user_id", "code_hash");
--> statement-breakpoint
-- A password that was right, waiting for its second factor: id is the SHA-256 of the token.
CREATE TABLE IF NOT EXISTS "two_factor_challenges" (
  "id" text PRIMARY KEY NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "expires_at" timestamp with time zone NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "two_factor_challenges_user_id_index" ON "two_factor_challenges" USING btree ("user_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "company_sso_providers" (
  "company_id" uuid PRIMARY KEY NOT NULL REFERENCES "companies"("id") ON DELETE cascade,
  "issuer_url" text NOT NULL,
  "client_id" text NOT NULL,
  "client_secret_encrypted" text NOT NULL,
  "sso_only" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- An email domain signs in at one company only: the primary key makes that so.
CREATE TABLE IF NOT EXISTS "sso_email_domains" (
  "domain" text PRIMARY KEY NOT NULL,
  "company_id" uuid NOT NULL REFERENCES "company_sso_providers"("company_id") ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sso_email_domains_company_id_index" ON "sso_email_domains" USING btree ("company_id");
--> statement-breakpoint
-- An authorization request in flight: id is the SHA-256 of the browser-binding cookie token.
CREATE TABLE IF NOT EXISTS "sso_login_attempts" (
  "id" text PRIMARY KEY NOT NULL,
  "company_id" uuid NOT NULL REFERENCES "companies"("id") ON DELETE cascade,
  "state" text NOT NULL,
  "nonce" text NOT NULL,
  "code_verifier" text NOT NULL,
  "redirect_uri" text NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "sso_identities" (
  "issuer" text NOT NULL,
  "subject" text NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "sso_identities_issuer_subject_pk" PRIMARY KEY("issuer", "subject")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sso_identities_user_id_index" ON "sso_identities" USING btree ("user_id");
