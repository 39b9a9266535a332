// Logged-out account procedures: forgot password, reset password, open a verification link.

import { setTimeout as sleep } from "node:timers/promises";
import {
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  verifyEmailInputSchema,
} from "@ampflux/contracts";
import { enqueueAccountEmail, type Transaction, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import { enforceAccountEmailLimits } from "../auth/account-rate-limit.ts";
import {
  consumeAccountToken,
  invalidLink,
  issueAccountToken,
  revokeAccountTokens,
} from "../auth/account-tokens.ts";
import { hashPassword } from "../auth/passwords.ts";
import { invalidateUserSessions } from "../auth/sessions.ts";
import type { Context } from "../trpc/context.ts";
import { publicProcedure } from "../trpc/init.ts";

/**
 * requestPasswordReset answers no sooner than this, known address or not: the extra work for a
 * known one (a token, a queued email) must not show in the response time.
 */
export const PASSWORD_RESET_ANSWER_MS = 400;
const RESET_REQUESTED = {
  ok: true,
  message: "If an account uses this address, we have emailed it a link to choose a new password.",
} as const;

/** The user row a link acts on, locked; a deactivated account cannot be recovered by email. */
async function linkUser(tx: Transaction, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user?.active) throw invalidLink();
  return user;
}

const actor = (ctx: Context, user: { id: string; companyId: string }) => ({ user, client: ctx.client });

/** The new address takes effect; the old one is told, and its pending links stop working. */
async function applyEmailChange(
  ctx: Context,
  tx: Transaction,
  user: typeof users.$inferSelect,
  newEmail: string,
) {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, newEmail), ne(users.id, user.id)));
  if (taken)
    throw new TRPCError({ code: "CONFLICT", message: "another account now uses this email address" });
  await tx.update(users).set({ email: newEmail, emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  await revokeAccountTokens(tx, user.id, ["password_reset", "verify_email", "change_email"]);
  await enqueueAccountEmail(tx, { kind: "email_changed", to: user.email, name: user.name, newEmail });
  await recordAudit(tx, actor(ctx, user), {
    action: "account.change_email",
    targetType: "user",
    targetId: user.id,
    details: { from: user.email, to: newEmail },
  });
}

export const accountRecoveryProcedures = {
  /**
   * Emails a single-use reset link when an active account uses the address. The answer is the
   * same either way, and takes as long (PASSWORD_RESET_ANSWER_MS): nobody learns who has an account.
   */
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInputSchema)
    .mutation(async ({ ctx, input }) => {
      const started = Date.now();
      const { limits } = ctx.deps;
      await enforceAccountEmailLimits(ctx, "password_reset", [
        { limiter: limits.passwordResetPerIp, key: ctx.client.ip ?? "unknown" },
        { limiter: limits.passwordResetPerEmail, key: input.email },
      ]);
      await ctx.deps.database.db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.email, input.email));
        if (!user?.active) return;
        await issueAccountToken(tx, user, "password_reset");
        await recordAudit(tx, actor(ctx, user), {
          action: "auth.password_reset_requested",
          targetType: "user",
          targetId: user.id,
        });
      });
      await sleep(Math.max(0, started + PASSWORD_RESET_ANSWER_MS - Date.now()));
      return RESET_REQUESTED;
    }),

  /**
   * Sets a new password with a reset link and ends every session of the account (the browser
   * that asked logs in afresh). The link proves the mailbox, so it also verifies the address.
   */
  resetPassword: publicProcedure.input(resetPasswordInputSchema).mutation(async ({ ctx, input }) => {
    const passwordHash = await hashPassword(input.newPassword);
    const db = ctx.deps.database.db;
    const userId = await db.transaction(async (tx) => {
      const link = await consumeAccountToken(tx, input.token, ["password_reset"]);
      const user = await linkUser(tx, link.userId);
      // Sent to an address the account no longer uses: that mailbox must not control it.
      if (link.email !== user.email) throw invalidLink();
      await tx
        .update(users)
        .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() })
        .where(eq(users.id, user.id));
      await revokeAccountTokens(tx, user.id, ["password_reset"]);
      await recordAudit(tx, actor(ctx, user), {
        action: "auth.password_reset",
        targetType: "user",
        targetId: user.id,
      });
      return user.id;
    });
    await invalidateUserSessions(db, ctx.deps.authCache, userId);
    ctx.clearSessionCookie();
    return { ok: true };
  }),

  /** Opens a verification link: of sign-up (verifies the address) or of a change (switches to the new one). */
  verifyEmail: publicProcedure.input(verifyEmailInputSchema).mutation(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    const result = await db.transaction(async (tx) => {
      const link = await consumeAccountToken(tx, input.token, ["verify_email", "change_email"]);
      const user = await linkUser(tx, link.userId);
      if (link.purpose === "change_email") {
        await applyEmailChange(ctx, tx, user, link.email);
        return { userId: user.id, email: link.email, changed: true };
      }
      if (link.email !== user.email) throw invalidLink();
      await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
      await recordAudit(tx, actor(ctx, user), {
        action: "account.verify_email",
        targetType: "user",
        targetId: user.id,
      });
      return { userId: user.id, email: user.email, changed: false };
    });
    // Cached callers carry the address and its verification (other processes hear the users trigger).
    ctx.deps.authCache.forgetUser(result.userId);
    await ctx.deps.authCache.barrier();
    return { email: result.email, changed: result.changed };
  }),
};
