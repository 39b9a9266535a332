-- Study results are stored as `json` (their text), compressed with lz4 where the server has it,
-- instead of `jsonb`. A result is written once and read whole (by simulations.get, reports and
-- the assistant's few `->` lookups), never indexed or queried inside by key, so jsonb's binary
-- form buys nothing here and costs on both ends: measured on this Postgres 15 with the 2.6 MB
-- result of an N-1 screening of case9241pegase (psql, server time only), writing it took
-- 164–183 ms as jsonb (pglz) against 22–25 ms as json (lz4), and reading it back as text 34–43 ms
-- against 5 ms. Both sit on the path from a finished study to the user holding its result.
-- `json` keeps the text as written (key order, duplicates): results are written by our own
-- JSON.stringify, so that is the same value. A server built without lz4 keeps its default.
ALTER TABLE "simulations" ALTER COLUMN "result" SET DATA TYPE json USING "result"::json;--> statement-breakpoint
ALTER TABLE "simulation_parts" ALTER COLUMN "result" SET DATA TYPE json USING "result"::json;--> statement-breakpoint
DO $$
BEGIN
  ALTER TABLE "simulations" ALTER COLUMN "result" SET COMPRESSION lz4;
  ALTER TABLE "simulation_parts" ALTER COLUMN "result" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: study results keep the default compression';
END $$;
