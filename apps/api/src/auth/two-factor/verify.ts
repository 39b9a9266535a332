import { TRPCError } from "@trpc/server";
import type { Context } from "../../trpc/context.ts";
import { acceptTotpCode, loadTotpKey } from "./credentials.ts";
import { useRecoveryCode } from "./recovery-codes.ts";

export interface SecondFactorInput {
  /** 6 digits from the authenticator app (totpCodeSchema's output). */
  code?: string | undefined;
  /** One unused recovery code (recoveryCodeSchema's output). */
  recoveryCode?: string | undefined;
}

export type SecondFactorKind = "totp" | "recovery_code";

/**
 * Checks a user's second factor against the confirmed TOTP key or the unused recovery codes,
 * counting the attempt against the guessing limit first. Throws BAD_REQUEST naming the field
 * when it is wrong, expired or already used; returns which factor it was.
 */
export async function verifySecondFactor(
  ctx: Pick<Context, "deps" | "setHeader">,
  userId: string,
  input: SecondFactorInput,
): Promise<SecondFactorKind> {
  const { database, settings, secondFactorLimiter } = ctx.deps;
  await secondFactorLimiter.consume(userId, ctx.setHeader);
  if (input.recoveryCode !== undefined) {
    if (!(await useRecoveryCode(database.db, userId, input.recoveryCode))) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "recoveryCode: not one of your unused recovery codes",
      });
    }
    await secondFactorLimiter.reset(userId);
    return "recovery_code";
  }
  if (input.code === undefined) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "code: the code from your authenticator app is required",
    });
  }
  const key = await loadTotpKey(database.db, settings.SECRETS_ENCRYPTION_KEY, userId, true);
  const check = key ? await acceptTotpCode(database.db, userId, key, input.code) : "wrong";
  // ASVS 2.8.5: a right code used twice may have been seen by someone else: operators hear of it.
  if (check === "replayed") ctx.deps.log.warn("two-factor code replayed", { user_id: userId });
  if (check !== "accepted") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "code: wrong, expired or already used; wait for the next code",
    });
  }
  await secondFactorLimiter.reset(userId);
  return "totp";
}

/**
 * For actions that need a fresh second factor when the caller has two-factor on (API-key
 * creation): a no-op for users without it.
 */
export async function requireCurrentCode(
  ctx: Pick<Context, "deps" | "setHeader"> & { user: { id: string; twoFactorEnabled: boolean } },
  code: string | undefined,
): Promise<void> {
  if (!ctx.user.twoFactorEnabled) return;
  if (code === undefined) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "twoFactorCode: you have two-factor authentication on: give the current code from your app",
    });
  }
  await verifySecondFactor(ctx, ctx.user.id, { code });
}
