-- Account lifecycle (issue 27): data exports of a user or a whole company, built by the worker
-- into a zip stored here until it expires, and company deletion after a grace period, which
-- leaves a tombstone (who asked, when, and the company's audit log) once the rows are purged.
CREATE TYPE "public"."data_export_kind" AS ENUM('user', 'company');
--> statement-breakpoint
CREATE TYPE "public"."data_export_status" AS ENUM('queued', 'running', 'done', 'failed');
--> statement-breakpoint
CREATE TABLE "data_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" "data_export_kind" NOT NULL,
	"status" "data_export_status" DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"progress_message" text,
	"archive" "bytea",
	"size" integer,
	"error" jsonb,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "data_exports_company_id_kind_created_at_index" ON "data_exports" USING btree ("company_id","kind","created_at");
--> statement-breakpoint
CREATE INDEX "data_exports_requested_by_created_at_index" ON "data_exports" USING btree ("requested_by","created_at");
--> statement-breakpoint
CREATE INDEX "data_exports_expires_at_index" ON "data_exports" USING btree ("expires_at");
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "deletion_requested_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "deletion_scheduled_for" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "deletion_requested_by" uuid;
--> statement-breakpoint
CREATE INDEX "companies_deletion_scheduled_for_index" ON "companies" USING btree ("deletion_scheduled_for") WHERE deletion_scheduled_for is not null;
--> statement-breakpoint
CREATE TABLE "company_tombstones" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"deletion_requested_at" timestamp with time zone NOT NULL,
	"deletion_requested_by" text,
	"purged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL,
	"audit_log" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'export_ready';
--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'export_failed';
--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'company_deletion_scheduled';
--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'company_deletion_cancelled';
