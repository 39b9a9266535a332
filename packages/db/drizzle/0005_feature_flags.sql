CREATE TABLE "company_feature_flags" (
	"company_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_feature_flags_company_id_flag_pk" PRIMARY KEY("company_id","flag")
);
--> statement-breakpoint
ALTER TABLE "company_feature_flags" ADD CONSTRAINT "company_feature_flags_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_feature_flags" ADD CONSTRAINT "company_feature_flags_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;