-- Every change that can end or narrow a caller's authentication NOTIFYs 'auth_invalidation', so
-- each api process drops what it cached for that session, API key, user or company at once
-- (apps/api/src/auth/auth-cache.ts). Triggers rather than application calls: the worker's
-- session cleanup, the CLI and manual SQL invalidate too. Payloads: 'session:<id>',
-- 'api_key:<key_hash>', 'user:<id>', 'company:<id>'; NOTIFY is delivered at commit, to every
-- listening process, and not at all on rollback. Idempotent (OR REPLACE, IF EXISTS): it may run
-- again on a database that had it before 0009 was numbered in.
CREATE OR REPLACE FUNCTION "notify_auth_invalidation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('auth_invalidation', 'session:' || OLD.id);
  ELSIF TG_TABLE_NAME = 'api_keys' THEN
    PERFORM pg_notify('auth_invalidation', 'api_key:' || OLD.key_hash);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('auth_invalidation', 'user:' || OLD.id);
  ELSIF TG_TABLE_NAME = 'companies' THEN
    PERFORM pg_notify('auth_invalidation', 'company:' || OLD.id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_auth_invalidation_delete" ON "sessions";
--> statement-breakpoint
CREATE TRIGGER "sessions_auth_invalidation_delete" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "notify_auth_invalidation"();
--> statement-breakpoint
-- The api's sliding expiry only ever moves expires_at later: that invalidates nothing.
DROP TRIGGER IF EXISTS "sessions_auth_invalidation_update" ON "sessions";
--> statement-breakpoint
CREATE TRIGGER "sessions_auth_invalidation_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW WHEN (NEW.expires_at < OLD.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION "notify_auth_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "api_keys_auth_invalidation_delete" ON "api_keys";
--> statement-breakpoint
CREATE TRIGGER "api_keys_auth_invalidation_delete" AFTER DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "notify_auth_invalidation"();
--> statement-breakpoint
-- last_used_at changes on use and invalidates nothing.
DROP TRIGGER IF EXISTS "api_keys_auth_invalidation_update" ON "api_keys";
--> statement-breakpoint
CREATE TRIGGER "api_keys_auth_invalidation_update" AFTER UPDATE ON "api_keys"
  FOR EACH ROW WHEN (
    OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
    OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
  ) EXECUTE FUNCTION "notify_auth_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_auth_invalidation" ON "users";
--> statement-breakpoint
CREATE TRIGGER "users_auth_invalidation" AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "notify_auth_invalidation"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "companies_auth_invalidation" ON "companies";
--> statement-breakpoint
CREATE TRIGGER "companies_auth_invalidation" AFTER UPDATE OR DELETE ON "companies"
  FOR EACH ROW EXECUTE FUNCTION "notify_auth_invalidation"();
