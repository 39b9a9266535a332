import { type Database, sessions, users } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { generateSecretToken, hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "ampflux_session";
const DAY_MS = 86_400_000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;

export type SessionUser = Pick<typeof users.$inferSelect, "id" | "companyId" | "email" | "name" | "role">;

/** The user columns every authenticated request carries in its context. */
export const sessionUserColumns = {
  id: users.id,
  companyId: users.companyId,
  email: users.email,
  name: users.name,
  role: users.role,
};

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
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
 * The session a cookie token names, or null. Sliding expiry: a session used in the second half of
 * its life is extended to a full 30 days again. Deactivated users have no valid sessions.
 */
export async function validateSessionToken(db: Database, token: string): Promise<ValidSession | null> {
  const sessionId = hashToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      user: sessionUserColumns,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now() || !row.active) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - Date.now() < SESSION_LIFETIME_MS / 2) {
    expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
  }
  return { sessionId, expiresAt, user: row.user };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Database, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
