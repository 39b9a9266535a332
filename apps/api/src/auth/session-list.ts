import { type Database, sessions } from "@ampflux/db";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { AuthCache } from "./auth-cache.ts";

/** A session as the sessions page shows it; `id` is the public id, never the token's hash. */
export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  /** The session of the request that asked. */
  current: boolean;
}

/** A user's live sessions, most recently used first. */
export async function listUserSessions(
  db: Database,
  userId: string,
  currentSessionId: string | undefined,
): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      id: sessions.publicId,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastUsedAt), desc(sessions.createdAt));
  return rows.map(({ sessionId, ...row }) => ({ ...row, current: sessionId === currentSessionId }));
}

/** The private id (token hash) of one of the user's sessions, by its public id; undefined if not theirs. */
export async function sessionOfUser(
  db: Database,
  userId: string,
  publicId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)));
  return row?.id;
}

/**
 * Ends every session of the user but `keepSessionId` (all of them when it is undefined). The
 * sessions trigger NOTIFYs each one; the barrier waits until this process has dropped them.
 */
export async function invalidateOtherSessions(
  db: Database,
  cache: AuthCache,
  userId: string,
  keepSessionId: string | undefined,
): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  await cache.barrier();
  return ended.length;
}
