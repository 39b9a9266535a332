-- Network documents are stored as `json` (their text), compressed with lz4 where the server has it,
-- instead of `jsonb`, for the reasons 0019 gave for results: a version is written once and read
-- whole (studies, circuits.get, exports), never indexed or queried inside by key except the
-- element count of a version stored before element_counts (json_array_length does that). Measured
-- on this Postgres 15 with case9241pegase's 5.4 MB document (psql, server time): reading it as
-- text took 158–181 ms from jsonb against 15 ms from json (lz4). Every study's worker reads its
-- version's document first (each worker process once per version for an N-1 screening's parts),
-- and circuits.get sends its text. `json` keeps the text as written by our JSON.stringify, so
-- the value and its keys' order are the document's own. A server without lz4 keeps its default.
ALTER TABLE "circuit_versions" ALTER COLUMN "document" SET DATA TYPE json USING "document"::json;--> statement-breakpoint
DO $$
BEGIN
  ALTER TABLE "circuit_versions" ALTER COLUMN "document" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: network documents keep the default compression';
END $$;
