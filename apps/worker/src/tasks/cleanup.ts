import { accountTokens, type Database, expireExports, invitations, sessions } from "@ampflux/db";
import { and, isNull, lt } from "drizzle-orm";

export interface CleanupResult {
  sessions: number;
  invitations: number;
  accountTokens: number;
  /** Export archives whose download link expired (the rows stay as a record). */
  exportArchives: number;
}

/**
 * Deletes expired sessions, expired never-accepted invitations and expired account links (used or
 * not), and drops expired export archives.
 */
export async function cleanupExpired(db: Database, now = new Date()): Promise<CleanupResult> {
  const expiredSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const expiredInvitations = await db
    .delete(invitations)
    .where(and(lt(invitations.expiresAt, now), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  const expiredTokens = await db
    .delete(accountTokens)
    .where(lt(accountTokens.expiresAt, now))
    .returning({ id: accountTokens.id });
  return {
    sessions: expiredSessions.length,
    invitations: expiredInvitations.length,
    accountTokens: expiredTokens.length,
    exportArchives: await expireExports(db, now),
  };
}
