// The caller's own account: email verification and change of address, and their sessions.
// Logged-out recovery (forgot password, links) is in account-recovery.ts, mounted here too.

import { changeEmailInputSchema } from "@ampflux/contracts";
import { users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { enforceAccountEmailLimits } from "../auth/account-rate-limit.ts";
import { issueAccountToken } from "../auth/account-tokens.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { invalidateOtherSessions, listUserSessions, sessionOfUser } from "../auth/session-list.ts";
import { invalidateSession } from "../auth/sessions.ts";
import { validationError } from "../circuits/validate.ts";
import type { Context } from "../trpc/context.ts";
import { router } from "../trpc/init.ts";
import { protectedProcedure } from "../trpc/procedures.ts";
import { accountRecoveryProcedures } from "./account-recovery.ts";

type Caller = Context & { user: { id: string } };

function limitVerificationEmails(ctx: Caller) {
  return enforceAccountEmailLimits(ctx, "verification_email", [
    { limiter: ctx.deps.limits.verificationEmailPerUser, key: ctx.user.id },
  ]);
}

/** BAD_REQUEST naming the field, as the web shows it beside the input. */
const fieldRefusal = (field: string, message: string) =>
  validationError("the input", [], [{ path: [field], message }]);

const currentSessionId = (ctx: Context) => (ctx.auth?.via === "session" ? ctx.auth.sessionId : undefined);

export const accountRouter = router({
  ...accountRecoveryProcedures,

  /** Sends a fresh sign-up verification link (the previous one stops working). */
  resendVerification: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.user.emailVerifiedAt)
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "your email address is already verified" });
    await limitVerificationEmails(ctx);
    await ctx.deps.database.db.transaction(async (tx) => {
      await issueAccountToken(tx, ctx.user, "verify_email");
      await recordAudit(tx, ctx, {
        action: "account.resend_verification",
        targetType: "user",
        targetId: ctx.user.id,
      });
    });
    return { ok: true, email: ctx.user.email };
  }),

  /**
   * Asks to move the account to a new address: a link goes to the new address, and only opening
   * it makes the change (account.verifyEmail); the old address is told then.
   */
  changeEmail: protectedProcedure.input(changeEmailInputSchema).mutation(async ({ ctx, input }) => {
    if (input.newEmail === ctx.user.email) throw fieldRefusal("newEmail", "is already your address");
    const db = ctx.deps.database.db;
    const [row] = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, ctx.user.id));
    if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword)))
      throw fieldRefusal("currentPassword", "is wrong");
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.newEmail));
    if (taken)
      throw new TRPCError({ code: "CONFLICT", message: "an account with this email already exists" });
    await limitVerificationEmails(ctx);
    await db.transaction(async (tx) => {
      await issueAccountToken(tx, ctx.user, "change_email", input.newEmail);
      await recordAudit(tx, ctx, {
        action: "account.change_email_requested",
        targetType: "user",
        targetId: ctx.user.id,
        details: { to: input.newEmail },
      });
    });
    return { ok: true, pendingEmail: input.newEmail };
  }),

  /** The caller's live sessions: device, IP, created, last used; the current one marked. */
  sessions: protectedProcedure.query(({ ctx }) =>
    listUserSessions(ctx.deps.database.db, ctx.user.id, currentSessionId(ctx)),
  ),

  /** Ends one of the caller's sessions (their current one too: that logs this browser out). */
  revokeSession: protectedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const sessionId = await sessionOfUser(db, ctx.user.id, input.sessionId);
      if (!sessionId) throw new TRPCError({ code: "NOT_FOUND", message: "session not found" });
      await invalidateSession(db, ctx.deps.authCache, sessionId);
      await recordAudit(db, ctx, {
        action: "account.revoke_session",
        targetType: "session",
        targetId: input.sessionId,
      });
      if (sessionId === currentSessionId(ctx)) ctx.clearSessionCookie();
      return { ok: true };
    }),

  /** Ends every session of the caller but this one (all of them when called with an API key). */
  revokeOtherSessions: protectedProcedure.mutation(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    const ended = await invalidateOtherSessions(db, ctx.deps.authCache, ctx.user.id, currentSessionId(ctx));
    await recordAudit(db, ctx, {
      action: "account.revoke_other_sessions",
      targetType: "user",
      targetId: ctx.user.id,
      details: { ended },
    });
    return { ended };
  }),
});
