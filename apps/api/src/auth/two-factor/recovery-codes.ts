import { RECOVERY_CODE_COUNT } from "@ampflux/contracts";
import { type Executor, twoFactorRecoveryCodes } from "@ampflux/db";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, count, eq, isNull } from "drizzle-orm";
import { hashToken } from "../tokens.ts";

/**
 * 120 random bits (ASVS 2.6.2 asks for at least 112 when stored as a plain hash) as 24 base32
 * characters, shown as xxxx-xxxx-xxxx-xxxx-xxxx-xxxx.
 */
function generateRecoveryCode(): string {
  const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
  return raw.match(/.{4}/g)?.join("-") ?? raw;
}

/** Replaces a user's recovery codes with fresh ones; returns them (the only time they are seen). */
export async function replaceRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await tx
    .insert(twoFactorRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(code.replaceAll("-", "")) })));
  return codes;
}

/**
 * Marks the code used if it is one of the user's unused codes: true then. One UPDATE, so two
 * requests racing with the same code cannot both succeed. `normalized`: recoveryCodeSchema's output.
 */
export async function useRecoveryCode(db: Executor, userId: string, normalized: string): Promise<boolean> {
  const used = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(twoFactorRecoveryCodes.userId, userId),
        eq(twoFactorRecoveryCodes.codeHash, hashToken(normalized)),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: twoFactorRecoveryCodes.id });
  return used.length > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
