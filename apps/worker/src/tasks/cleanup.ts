import { type Database, expireExports, invitations, sessions } from "@ampflux/db";
import { and, isNull, lt } from "drizzle-orm";

export interface CleanupResult {
  sessions: number;
  invitations: number;
  /** Export archives whose download link expired (the rows stay as a record). */
  exportArchives: number;
}

/** Deletes expired sessions, expired never-accepted invitations and expired export archives. */
export async function cleanupExpired(db: Database, now = new Date()): Promise<CleanupResult> {
  const expiredSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const expiredInvitations = await db
    .delete(invitations)
    .where(and(lt(invitations.expiresAt, now), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return {
    sessions: expiredSessions.length,
    invitations: expiredInvitations.length,
    exportArchives: await expireExports(db, now),
  };
}
