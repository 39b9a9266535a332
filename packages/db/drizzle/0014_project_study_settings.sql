-- Study settings saved with the project (issue 23): the editor's live short-circuit options (fault,
-- case, κ method, tmin, tk, voltage factors, LV tolerance…), so every member and every browser opens
-- the network with the same ones. Null: the defaults of the short-circuit options.
ALTER TABLE "projects" ADD COLUMN "study_settings" jsonb;
