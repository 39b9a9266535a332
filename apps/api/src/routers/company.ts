// The company's lifecycle (docs/accounts-lifecycle.md): whether a deletion is pending (every user
// sees the banner), and a company admin's request to delete it after the grace period
// (COMPANY_DELETION_GRACE_DAYS), with the password again and the company's name typed out, or
// the cancellation of that request. The worker's purge_companies task does the deleting.

import { companyDeletionRequestSchema, DAY_MS } from "@ampflux/contracts";
import { cancelCompanyDeletion, companies, scheduleCompanyDeletion, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { enforceLoginRateLimit } from "../auth/rate-limit.ts";
import { noticeCompanyUsers } from "../lifecycle/deletion-notices.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure, protectedProcedure } from "../trpc/procedures.ts";

export const companyRouter = router({
  /** The caller's company and its pending deletion, if any (null fields when none). */
  lifecycle: protectedProcedure.query(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    const [company] = await db.select().from(companies).where(eq(companies.id, ctx.user.companyId));
    if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "company not found" });
    const [requester] = company.deletionRequestedBy
      ? await db.select({ name: users.name }).from(users).where(eq(users.id, company.deletionRequestedBy))
      : [];
    return {
      name: company.name,
      deletionRequestedAt: company.deletionRequestedAt,
      deletionScheduledFor: company.deletionScheduledFor,
      deletionRequestedBy: requester?.name ?? null,
      graceDays: ctx.deps.settings.COMPANY_DELETION_GRACE_DAYS,
    };
  }),

  requestDeletion: companyAdminProcedure
    .input(companyDeletionRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      // The password check counts against the account's login attempts (no guessing through here).
      await enforceLoginRateLimit(ctx, ctx.user.email);
      const [row] = await db
        .select({ passwordHash: users.passwordHash, company: companies.name })
        .from(users)
        .innerJoin(companies, eq(companies.id, users.companyId))
        .where(eq(users.id, ctx.user.id));
      if (!row || !(await verifyPassword(row.passwordHash, input.password)))
        throw new TRPCError({ code: "BAD_REQUEST", message: "password: the password is wrong" });
      if (input.confirmName !== row.company)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `confirmName: type the company's name exactly ("${row.company}") to confirm`,
        });
      const now = new Date();
      const scheduledFor = new Date(now.getTime() + ctx.deps.settings.COMPANY_DELETION_GRACE_DAYS * DAY_MS);
      await db.transaction(async (tx) => {
        if (!(await scheduleCompanyDeletion(tx, ctx.user.companyId, ctx.user.id, scheduledFor, now)))
          throw new TRPCError({ code: "CONFLICT", message: "the company's deletion is already scheduled" });
        const notified = await noticeCompanyUsers(
          tx,
          ctx.user.companyId,
          { kind: "company_deletion_scheduled", company: row.company, by: ctx.user.name, scheduledFor },
          ctx.deps.settings.EMAIL_ENABLED,
        );
        await recordAudit(tx, ctx, {
          action: "company.deletion_request",
          targetType: "company",
          targetId: ctx.user.companyId,
          details: { scheduledFor: scheduledFor.toISOString(), notified },
        });
      });
      return { scheduledFor };
    }),

  cancelDeletion: companyAdminProcedure.mutation(async ({ ctx }) => {
    await ctx.deps.database.db.transaction(async (tx) => {
      if (!(await cancelCompanyDeletion(tx, ctx.user.companyId)))
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "no deletion of the company is pending",
        });
      const notified = await noticeCompanyUsers(
        tx,
        ctx.user.companyId,
        { kind: "company_deletion_cancelled", company: ctx.auth.company.name, by: ctx.user.name },
        ctx.deps.settings.EMAIL_ENABLED,
      );
      await recordAudit(tx, ctx, {
        action: "company.deletion_cancel",
        targetType: "company",
        targetId: ctx.user.companyId,
        details: { notified },
      });
    });
    return { ok: true };
  }),
});
