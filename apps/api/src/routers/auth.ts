import { logInInputSchema, passwordSchema, signUpInputSchema } from "@ampflux/contracts";
import { companies, type Executor, invitations, licenses, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { issueAccountToken } from "../auth/account-tokens.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/passwords.ts";
import { enforceLoginRateLimit } from "../auth/rate-limit.ts";
import { invalidateSession, invalidateUserSessions, sessionUserColumns } from "../auth/sessions.ts";
import { startSession } from "../auth/start-session.ts";
import { hashToken } from "../auth/tokens.ts";
import { nextStepAfterPassword } from "../auth/two-factor/after-password.ts";
import { publicProcedure, router } from "../trpc/init.ts";
import { protectedProcedure } from "../trpc/procedures.ts";
import { verifyTwoFactor } from "./two-factor-login.ts";

async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(row);
}

/** Joins the company of a valid, unexpired invitation for this email, marking it accepted. */
async function acceptInvitation(db: Executor, token: string, email: string) {
  const [invitation] = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!invitation) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "the invitation is invalid, used, expired or for another email",
    });
  }
  return { companyId: invitation.companyId, role: invitation.role };
}

export const authRouter = router({
  /** Creates a company with its first admin, or joins a company by invitation. */
  signUp: publicProcedure.input(signUpInputSchema).mutation(async ({ ctx, input }) => {
    const passwordHash = await hashPassword(input.password);
    const user = await ctx.deps.database.db.transaction(async (tx) => {
      if (await emailTaken(tx, input.email)) {
        throw new TRPCError({ code: "CONFLICT", message: "an account with this email already exists" });
      }
      let membership: { companyId: string; role: "company_admin" | "user" };
      if (input.companyName !== undefined) {
        const [company] = await tx.insert(companies).values({ name: input.companyName }).returning();
        if (!company) throw new Error("company insert returned nothing");
        await tx.insert(licenses).values({ companyId: company.id });
        membership = { companyId: company.id, role: "company_admin" };
      } else {
        membership = await acceptInvitation(tx, input.invitationToken ?? "", input.email);
      }
      const [created] = await tx
        .insert(users)
        .values({ ...membership, email: input.email, name: input.name, passwordHash })
        .returning(sessionUserColumns);
      if (!created) throw new Error("user insert returned nothing");
      await issueAccountToken(tx, created, "verify_email");
      await recordAudit(
        tx,
        { user: created, client: ctx.client },
        { action: "auth.sign_up", targetType: "user", targetId: created.id },
      );
      return created;
    });
    await startSession(ctx, user.id);
    return user;
  }),

  logIn: publicProcedure.input(logInInputSchema).mutation(async ({ ctx, input }) => {
    await enforceLoginRateLimit(ctx, input.email);
    const db = ctx.deps.database.db;
    const [user] = await db
      .select({ ...sessionUserColumns, passwordHash: users.passwordHash, active: users.active })
      .from(users)
      .where(eq(users.email, input.email));
    // Verify against a dummy hash for unknown emails: the answer takes as long either way.
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash), input.password);
    if (!user || !valid || !user.active) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "wrong email or password" });
    }
    const nextStep = await nextStepAfterPassword(db, user);
    if (nextStep) return nextStep;
    await startSession(ctx, user.id);
    await recordAudit(
      db,
      { user, client: ctx.client },
      { action: "auth.log_in", targetType: "user", targetId: user.id },
    );
    const { passwordHash: _hash, active: _active, ...publicUser } = user;
    return publicUser;
  }),

  /** The second step of a log-in with two-factor on (two-factor-login.ts). */
  verifyTwoFactor,

  logOut: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth.via === "session")
      await invalidateSession(ctx.deps.database.db, ctx.deps.authCache, ctx.auth.sessionId);
    ctx.clearSessionCookie();
    return { ok: true };
  }),

  /** Ends every session of the caller, on every device. */
  logOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    await invalidateUserSessions(db, ctx.deps.authCache, ctx.user.id);
    await recordAudit(db, ctx, {
      action: "auth.log_out_everywhere",
      targetType: "user",
      targetId: ctx.user.id,
    });
    ctx.clearSessionCookie();
    return { ok: true };
  }),

  /** The logged-in user with their company, or null (from the context: no round trip). */
  me: publicProcedure.query(({ ctx }) =>
    ctx.auth ? { user: ctx.auth.user, company: ctx.auth.company, via: ctx.auth.via } : null,
  ),

  /** Changes the password, ends all other sessions and starts a fresh one for this client. */
  changePassword: protectedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const [row] = await db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, ctx.user.id));
      if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "the current password is wrong" });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.user.id));
        await recordAudit(tx, ctx, {
          action: "auth.change_password",
          targetType: "user",
          targetId: ctx.user.id,
        });
      });
      await invalidateUserSessions(db, ctx.deps.authCache, ctx.user.id);
      await startSession(ctx, ctx.user.id);
      return { ok: true };
    }),
});
