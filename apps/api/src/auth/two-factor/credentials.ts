import { type Executor, twoFactorCredentials } from "@ampflux/db";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { decryptSecret, encryptSecret } from "../secret-box.ts";
import { matchingTotpStep } from "./totp.ts";

/** Associated data of a user's encrypted TOTP key: it decrypts for this user only. */
const keyContext = (userId: string) => `totp:${userId}`;

/** Stores a new, unconfirmed key (replacing an earlier unconfirmed one). */
export async function storePendingTotpKey(
  db: Executor,
  encryptionKey: Buffer,
  userId: string,
  key: Uint8Array,
): Promise<void> {
  const secretEncrypted = encryptSecret(encryptionKey, key, keyContext(userId));
  await db
    .insert(twoFactorCredentials)
    .values({ userId, secretEncrypted })
    .onConflictDoUpdate({
      target: twoFactorCredentials.userId,
      set: { secretEncrypted, confirmedAt: null, lastUsedStep: null, createdAt: new Date() },
      // A confirmed credential is replaced only by disabling two-factor first.
      setWhere: isNull(twoFactorCredentials.confirmedAt),
    });
}

/** The user's TOTP key: the confirmed one, or (confirmed: false) the pending one; null if none. */
export async function loadTotpKey(
  db: Executor,
  encryptionKey: Buffer,
  userId: string,
  confirmed: boolean,
): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ secretEncrypted: twoFactorCredentials.secretEncrypted })
    .from(twoFactorCredentials)
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        confirmed ? isNotNull(twoFactorCredentials.confirmedAt) : isNull(twoFactorCredentials.confirmedAt),
      ),
    );
  return row ? decryptSecret(encryptionKey, row.secretEncrypted, keyContext(userId)) : null;
}

/**
 * True when `code` is valid now and its time step is later than the last one accepted; that step
 * is then recorded in the same UPDATE, so a code (even one seen over a shoulder, or sent twice
 * at once) is accepted only once.
 */
/** "replayed": valid for now, but its time step (or a later one) was used already. */
export type TotpCheck = "accepted" | "wrong" | "replayed";

export async function acceptTotpCode(
  db: Executor,
  userId: string,
  key: Uint8Array,
  code: string,
): Promise<TotpCheck> {
  const step = matchingTotpStep(key, code);
  if (step === null) return "wrong";
  const accepted = await db
    .update(twoFactorCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        or(isNull(twoFactorCredentials.lastUsedStep), lt(twoFactorCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ userId: twoFactorCredentials.userId });
  return accepted.length > 0 ? "accepted" : "replayed";
}
