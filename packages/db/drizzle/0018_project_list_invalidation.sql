-- Every change to a project or a project membership NOTIFYs 'project_list_invalidation', so each
-- api process drops the project lists it cached (apps/api/src/routers/project-list-cache.ts) for
-- that company or user at once. Triggers rather than application calls: the worker, the CLI,
-- cascades (a user or company deleted) and manual SQL invalidate too. Payloads:
-- 'company:<companies.id>' when a project row of that company is inserted, updated or deleted
-- (its name, archive state, study settings, updated_at, creator: everything a list shows), and
-- 'user:<users.id>' when that user's membership of a project is added, changed or removed; a
-- TRUNCATE of either table sends 'all'. NOTIFY is delivered at commit, to every listening
-- process, and not at all on rollback (identical payloads of one transaction are sent once).
CREATE OR REPLACE FUNCTION "notify_project_list_invalidation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('project_list_invalidation', 'all');
  ELSIF TG_TABLE_NAME = 'projects' THEN
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('project_list_invalidation', 'company:' || OLD.company_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('project_list_invalidation', 'company:' || NEW.company_id);
    END IF;
  ELSIF TG_TABLE_NAME = 'project_members' THEN
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('project_list_invalidation', 'user:' || OLD.user_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('project_list_invalidation', 'user:' || NEW.user_id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "projects_list_invalidation" ON "projects";
--> statement-breakpoint
CREATE TRIGGER "projects_list_invalidation" AFTER INSERT OR UPDATE OR DELETE ON "projects"
  FOR EACH ROW EXECUTE FUNCTION "notify_project_list_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "projects_list_invalidation_truncate" ON "projects";
--> statement-breakpoint
CREATE TRIGGER "projects_list_invalidation_truncate" AFTER TRUNCATE ON "projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_project_list_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "project_members_list_invalidation" ON "project_members";
--> statement-breakpoint
CREATE TRIGGER "project_members_list_invalidation" AFTER INSERT OR UPDATE OR DELETE ON "project_members"
  FOR EACH ROW EXECUTE FUNCTION "notify_project_list_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "project_members_list_invalidation_truncate" ON "project_members";
--> statement-breakpoint
CREATE TRIGGER "project_members_list_invalidation_truncate" AFTER TRUNCATE ON "project_members"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_project_list_invalidation"();
