-- Account recovery and verification (docs/accounts.md): verified email addresses, single-use
-- emailed tokens (password reset, sign-up verification, email change), what a company lets
-- unverified accounts do, and sessions users can tell apart and end one by one.
CREATE TYPE "public"."unverified_access" AS ENUM('full', 'read_only', 'none');
--> statement-breakpoint
CREATE TYPE "public"."account_token_purpose" AS ENUM('password_reset', 'verify_email', 'change_email');
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "unverified_access" "unverified_access" DEFAULT 'full' NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;
--> statement-breakpoint
-- Accounts from before verification existed are not locked out by a stricter company setting.
UPDATE "users" SET "email_verified_at" = "created_at";
--> statement-breakpoint
-- last_used_at: written at most once a minute per session and api process (auth/sessions.ts).
-- public_id: what the sessions page names a session by; the id is the token's hash and stays private.
ALTER TABLE "sessions" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_public_id_index" ON "sessions" USING btree ("public_id");
--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "account_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_token_hash_index" ON "account_tokens" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "account_tokens_user_id_purpose_index" ON "account_tokens" USING btree ("user_id","purpose");
--> statement-breakpoint
CREATE INDEX "account_tokens_expires_at_index" ON "account_tokens" USING btree ("expires_at");
