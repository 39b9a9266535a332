-- Studies spread over workers (issue 25): an N-1 screening's outage set in parts, one job each;
-- each part's result is stored once (a retried part is counted once) and the part completing the
-- set merges them into the study's result.
CREATE TABLE "simulation_parts" (
	"simulation_id" uuid NOT NULL,
	"part" integer NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb,
	"finished_at" timestamp with time zone,
	CONSTRAINT "simulation_parts_simulation_id_part_pk" PRIMARY KEY("simulation_id","part")
);
--> statement-breakpoint
ALTER TABLE "simulation_parts" ADD CONSTRAINT "simulation_parts_simulation_id_simulations_id_fk" FOREIGN KEY ("simulation_id") REFERENCES "public"."simulations"("id") ON DELETE cascade ON UPDATE no action;
