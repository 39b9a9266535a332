// Company admins over their users' accounts: what unverified accounts may do, and a user's
// sessions (list, end). Deactivating a user is users.deactivate.

import { unverifiedAccessSchema } from "@ampflux/contracts";
import { companies, type Database, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { listUserSessions } from "../auth/session-list.ts";
import { invalidateUserSessions } from "../auth/sessions.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure } from "../trpc/procedures.ts";

const userIdInput = z.object({ userId: z.uuid() });

/** A user of the admin's company; users of other companies do not exist for it (NOT_FOUND). */
async function companyUserId(db: Database, companyId: string, userId: string): Promise<string> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)));
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "user not found" });
  return user.id;
}

export const companyAccountsRouter = router({
  /** The company's account settings; `emailEnabled`: whether this deployment sends email at all. */
  settings: companyAdminProcedure.query(({ ctx }) => ({
    unverifiedAccess: ctx.auth.company.unverifiedAccess,
    emailEnabled: ctx.deps.settings.EMAIL_ENABLED,
  })),

  /** What accounts with an unverified email may do: full, read_only or none. */
  setUnverifiedAccess: companyAdminProcedure
    .input(z.object({ unverifiedAccess: unverifiedAccessSchema }))
    .mutation(async ({ ctx, input }) => {
      // Without email nobody could ever verify: a limit would lock accounts out for good.
      if (input.unverifiedAccess !== "full" && !ctx.deps.settings.EMAIL_ENABLED)
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "unverifiedAccess: this deployment sends no email (EMAIL_ENABLED), so nobody could verify",
        });
      const db = ctx.deps.database.db;
      await db.transaction(async (tx) => {
        await tx
          .update(companies)
          .set({ unverifiedAccess: input.unverifiedAccess })
          .where(eq(companies.id, ctx.user.companyId));
        await recordAudit(tx, ctx, {
          action: "company.set_unverified_access",
          targetType: "company",
          targetId: ctx.user.companyId,
          details: { from: ctx.auth.company.unverifiedAccess, to: input.unverifiedAccess },
        });
      });
      // Cached callers carry the setting; the companies trigger tells every process, this one included.
      await ctx.deps.authCache.barrier();
      return { unverifiedAccess: input.unverifiedAccess };
    }),

  /** A user's live sessions, for an admin deciding whether to end them. */
  userSessions: companyAdminProcedure.input(userIdInput).query(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    const userId = await companyUserId(db, ctx.user.companyId, input.userId);
    const current = ctx.auth.via === "session" ? ctx.auth.sessionId : undefined;
    return listUserSessions(db, userId, current);
  }),

  /** Ends every session of a user of the company (their API keys keep working: deactivate stops those). */
  endUserSessions: companyAdminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    const userId = await companyUserId(db, ctx.user.companyId, input.userId);
    await invalidateUserSessions(db, ctx.deps.authCache, userId);
    await recordAudit(db, ctx, { action: "user.end_sessions", targetType: "user", targetId: userId });
    if (userId === ctx.user.id) ctx.clearSessionCookie();
    return { ok: true };
  }),
});
