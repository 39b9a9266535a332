-- N-1 screening of short-circuit currents (issue 25) is a study kind of its own: every branch
-- outage against every bus by rank-1 updates, its result the worst per bus with the outage.
ALTER TYPE "public"."simulation_kind" ADD VALUE IF NOT EXISTS 'outage_screening';
