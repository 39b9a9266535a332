CREATE TYPE "public"."report_approval_role" AS ENUM('prepared', 'checked', 'approved');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "report_approvals" (
	"report_id" uuid NOT NULL,
	"role" "report_approval_role" NOT NULL,
	"user_id" uuid,
	"user_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_approvals_report_id_role_pk" PRIMARY KEY("report_id","role"),
	CONSTRAINT "report_approvals_reportId_userId_unique" UNIQUE("report_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"simulation_id" uuid NOT NULL,
	"circuit_version_id" uuid NOT NULL,
	"options" jsonb NOT NULL,
	"status" "report_status" DEFAULT 'queued' NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"progress_message" text,
	"content_hash" text NOT NULL,
	"pdf" "bytea",
	"html" text,
	"size" integer,
	"error" jsonb,
	"timings" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "report_approvals" ADD CONSTRAINT "report_approvals_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_approvals" ADD CONSTRAINT "report_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_simulation_id_simulations_id_fk" FOREIGN KEY ("simulation_id") REFERENCES "public"."simulations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_circuit_version_id_circuit_versions_id_fk" FOREIGN KEY ("circuit_version_id") REFERENCES "public"."circuit_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_project_id_created_at_index" ON "reports" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_simulation_id_index" ON "reports" USING btree ("simulation_id");