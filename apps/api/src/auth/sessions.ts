import { companies, type Database, sessions, users } from "@ampflux/db";
import { eq, sql } from "drizzle-orm";
import { type AuthCache, type AuthCompany, sessionCacheKey } from "./auth-cache.ts";
import { generateSecretToken, hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "ampflux_session";
const DAY_MS = 86_400_000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;

export type SessionUser = Pick<
  typeof users.$inferSelect,
  "id" | "companyId" | "email" | "name" | "role" | "emailVerifiedAt" | "twoFactorEnabled"
>;

/** The user columns every authenticated request carries in its context. */
export const sessionUserColumns = {
  id: users.id,
  companyId: users.companyId,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  twoFactorEnabled: users.twoFactorEnabled,
};

/** The company columns every authenticated request carries (AuthCompany). */
export const authCompanyColumns = {
  id: companies.id,
  name: companies.name,
  unverifiedAccess: companies.unverifiedAccess,
  requireTwoFactor: companies.requireTwoFactor,
};

/**
 * sessions.last_used_at is written at most this often per session and process (like API keys'):
 * the sessions page needs minutes, not a write per request.
 */
export const SESSION_LAST_USED_RESOLUTION_MS = 60_000;

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
  company: AuthCompany;
}

export async function createSession(
  db: Database,
  userId: string,
  client: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecretToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db
    .insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt, ip: client.ip, userAgent: client.userAgent });
  return { token, expiresAt };
}

/**
 * Session, user and company in one round trip, prepared once per connection (postgres-js names
 * drizzle's statement): what validateSessionToken asks on a cache miss.
 */
function sessionQuery(db: Database) {
  return db
    .select({
      expiresAt: sessions.expiresAt,
      lastUsedAt: sessions.lastUsedAt,
      user: sessionUserColumns,
      company: authCompanyColumns,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare("auth_session");
}
const preparedSessionQueries = new WeakMap<Database, ReturnType<typeof sessionQuery>>();
function preparedSessionQuery(db: Database) {
  let query = preparedSessionQueries.get(db);
  if (!query) {
    query = sessionQuery(db);
    preparedSessionQueries.set(db, query);
  }
  return query;
}

const touchSession = (db: Database, sessionId: string, now: number) =>
  db
    .update(sessions)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(sessions.id, sessionId));

/**
 * The session a cookie token names, or null. Sliding expiry: a session used in the second half of
 * its life is extended to a full 30 days again. Deactivated users have no valid sessions.
 * Answered from `cache` when this process validated the token before (auth-cache.ts says why that
 * is safe); the database is asked otherwise, and when the expiry slides.
 */
export async function validateSessionToken(
  db: Database,
  cache: AuthCache,
  token: string,
): Promise<ValidSession | null> {
  const sessionId = hashToken(token);
  const key = sessionCacheKey(sessionId);
  const now = Date.now();
  let session = await cache.lookup(key);
  if (session?.kind !== "session") {
    const generation = cache.generation();
    const query = preparedSessionQuery(db);
    const [row] = await query.execute({ sessionId });
    if (!row) return null;
    if (row.expiresAt.getTime() <= Date.now() || !row.active) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
      return null;
    }
    // A session used within the resolution (just created, or by another process) is not written again.
    let lastUsedWrittenAt = row.lastUsedAt.getTime();
    if (now - lastUsedWrittenAt >= SESSION_LAST_USED_RESOLUTION_MS) {
      lastUsedWrittenAt = now;
      await touchSession(db, sessionId, now);
    }
    session = {
      kind: "session",
      sessionId,
      expiresAt: row.expiresAt,
      user: Object.freeze(row.user),
      company: Object.freeze(row.company),
      lastUsedWrittenAt,
    };
    cache.set(key, session, generation);
  } else if (session.expiresAt.getTime() <= Date.now()) {
    cache.forget(key);
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  } else if (now - session.lastUsedWrittenAt >= SESSION_LAST_USED_RESOLUTION_MS) {
    await touchSession(db, sessionId, now);
    session = { ...session, lastUsedWrittenAt: now };
    cache.update(key, session);
  }
  if (session.expiresAt.getTime() - Date.now() < SESSION_LIFETIME_MS / 2) {
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    session = { ...session, expiresAt };
    cache.update(key, session);
  }
  return { sessionId, expiresAt: session.expiresAt, user: session.user, company: session.company };
}

/**
 * Ends one session: this process forgets it at once, the others on the sessions trigger's NOTIFY,
 * which has reached this process when this resolves (AuthCache.barrier).
 */
export async function invalidateSession(db: Database, cache: AuthCache, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
  cache.forget(sessionCacheKey(sessionId));
  await cache.barrier();
}

/** Ends every session of a user; this process also forgets the user's cached API keys. */
export async function invalidateUserSessions(db: Database, cache: AuthCache, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  cache.forgetUser(userId);
  await cache.barrier();
}
