import { apiKeys, type Database, users } from "@ampflux/db";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { type SessionUser, sessionUserColumns } from "./sessions.ts";
import { generateSecretToken, hashToken } from "./tokens.ts";

/** Recognisable in logs and secret scanners; the part after it is the secret. */
export const API_KEY_PREFIX = "afx_";
/** How many characters of a key lists show, so users can tell keys apart. */
const VISIBLE_CHARS = 8;

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${API_KEY_PREFIX}${generateSecretToken()}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + VISIBLE_CHARS), keyHash: hashToken(key) };
}

/** The user a bearer key authenticates, or null when it is unknown, revoked or expired. */
export async function authenticateApiKey(db: Database, key: string): Promise<SessionUser | null> {
  const now = new Date();
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      user: sessionUserColumns,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashToken(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.keyId));
  return row.user;
}
