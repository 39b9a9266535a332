import { type Database, invitations, sessions } from "@ampflux/db";
import { and, isNull, lt } from "drizzle-orm";

export interface CleanupResult {
  sessions: number;
  invitations: number;
}

/** Deletes expired sessions and expired, never-accepted invitations. */
export async function cleanupExpired(db: Database, now = new Date()): Promise<CleanupResult> {
  const expiredSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const expiredInvitations = await db
    .delete(invitations)
    .where(and(lt(invitations.expiresAt, now), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return { sessions: expiredSessions.length, invitations: expiredInvitations.length };
}
