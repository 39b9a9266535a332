-- An N-1 screening's parts are queued a few at a time per company (SWEEP_SLOTS_PER_COMPANY): a
-- part's job is added when another of the company's parts finishes. queued_at tells the parts
-- that hold a slot (queued, not yet stored) from those still waiting for one.
ALTER TABLE "simulation_parts" ADD COLUMN "queued_at" timestamp with time zone;
