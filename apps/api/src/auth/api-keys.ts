import { apiKeys, companies, type Database, users } from "@ampflux/db";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { type AuthCache, type AuthCompany, apiKeyCacheKey } from "./auth-cache.ts";
import { authCompanyColumns, type SessionUser, sessionUserColumns } from "./sessions.ts";
import { generateSecretToken, hashToken } from "./tokens.ts";

/** Recognisable in logs and secret scanners; the part after it is the secret. */
export const API_KEY_PREFIX = "afx_";
/** How many characters of a key lists show, so users can tell keys apart. */
const VISIBLE_CHARS = 8;
/**
 * api_keys.last_used_at is written at most this often per key and process: a write per request
 * would cost a round trip and a row lock on every call of a busy script.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${API_KEY_PREFIX}${generateSecretToken()}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + VISIBLE_CHARS), keyHash: hashToken(key) };
}

/** Key, user and company in one round trip, prepared once per connection. */
function apiKeyQuery(db: Database) {
  return db
    .select({
      keyId: apiKeys.id,
      expiresAt: apiKeys.expiresAt,
      user: sessionUserColumns,
      company: authCompanyColumns,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(
      and(
        eq(apiKeys.keyHash, sql.placeholder("keyHash")),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
        eq(users.active, true),
      ),
    )
    .prepare("auth_api_key");
}
const preparedApiKeyQueries = new WeakMap<Database, ReturnType<typeof apiKeyQuery>>();
function preparedApiKeyQuery(db: Database) {
  let query = preparedApiKeyQueries.get(db);
  if (!query) {
    query = apiKeyQuery(db);
    preparedApiKeyQueries.set(db, query);
  }
  return query;
}

/**
 * The user (with company) a bearer key authenticates, or null when it is unknown, revoked or
 * expired. Answered from `cache` when this process validated the key before (auth-cache.ts).
 */
export async function authenticateApiKey(
  db: Database,
  cache: AuthCache,
  key: string,
): Promise<{ user: SessionUser; company: AuthCompany } | null> {
  const keyHash = hashToken(key);
  const cacheKey = apiKeyCacheKey(keyHash);
  const now = Date.now();
  const cached = await cache.lookup(cacheKey);
  if (cached?.kind === "api_key") {
    if (cached.expiresAt && cached.expiresAt.getTime() <= now) {
      cache.forget(cacheKey);
      return null;
    }
    if (now - cached.lastUsedWrittenAt >= LAST_USED_RESOLUTION_MS) {
      cached.lastUsedWrittenAt = now;
      await db
        .update(apiKeys)
        .set({ lastUsedAt: new Date(now) })
        .where(eq(apiKeys.id, cached.keyId));
    }
    return cached;
  }
  const generation = cache.generation();
  const query = preparedApiKeyQuery(db);
  const [row] = await query.execute({ keyHash });
  if (!row) return null;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(apiKeys.id, row.keyId));
  const entry = {
    kind: "api_key" as const,
    keyId: row.keyId,
    expiresAt: row.expiresAt,
    user: Object.freeze(row.user),
    company: Object.freeze(row.company),
    lastUsedWrittenAt: now,
  };
  cache.set(cacheKey, entry, generation);
  return entry;
}
