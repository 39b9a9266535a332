import { companyRoleSchema, emailSchema, INVITATION_LIFETIME_MS } from "@ampflux/contracts";
import { invitations, type Transaction, userPublicColumns, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, asc, count, eq, gt, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { invalidateUserSessions } from "../auth/sessions.ts";
import { generateSecretToken, hashToken } from "../auth/tokens.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure } from "../trpc/procedures.ts";

const userIdInput = z.object({ userId: z.uuid() });

/** A user of the admin's own company; users of other companies do not exist for it. */
async function companyUser(tx: Transaction, companyId: string, userId: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId)))
    .for("update");
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "user not found" });
  return user;
}

/** Refuses a change that would leave the company without an active admin. */
async function keepAnAdmin(tx: Transaction, companyId: string, exceptUserId: string) {
  const [row] = await tx
    .select({ admins: count() })
    .from(users)
    .where(
      and(
        eq(users.companyId, companyId),
        eq(users.role, "company_admin"),
        eq(users.active, true),
        ne(users.id, exceptUserId),
      ),
    );
  if (!row?.admins) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "the company must keep at least one active admin",
    });
  }
}

export const usersRouter = router({
  /** Returns the invitation token once (the link to send); it expires after 7 days. */
  invite: companyAdminProcedure
    .input(z.object({ email: emailSchema, role: companyRoleSchema.default("user") }))
    .mutation(async ({ ctx, input }) => {
      const token = generateSecretToken();
      const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
      const db = ctx.deps.database.db;
      const invitation = await db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
        if (existing)
          throw new TRPCError({ code: "CONFLICT", message: "an account with this email already exists" });
        // A new invitation replaces a pending one for the same email.
        await tx
          .delete(invitations)
          .where(
            and(
              eq(invitations.companyId, ctx.user.companyId),
              eq(invitations.email, input.email),
              isNull(invitations.acceptedAt),
            ),
          );
        const [row] = await tx
          .insert(invitations)
          .values({
            companyId: ctx.user.companyId,
            email: input.email,
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: ctx.user.id,
            expiresAt,
          })
          .returning({ id: invitations.id });
        if (!row) throw new Error("invitation insert returned nothing");
        await recordAudit(tx, ctx, {
          action: "user.invite",
          targetType: "invitation",
          targetId: row.id,
          details: { email: input.email, role: input.role },
        });
        return row;
      });
      return { id: invitation.id, email: input.email, role: input.role, token, expiresAt };
    }),

  list: companyAdminProcedure.query(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    const [members, pending] = await Promise.all([
      db
        .select(userPublicColumns)
        .from(users)
        .where(eq(users.companyId, ctx.user.companyId))
        .orderBy(asc(users.name)),
      db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .where(
          and(
            eq(invitations.companyId, ctx.user.companyId),
            isNull(invitations.acceptedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        ),
    ]);
    return { users: members, invitations: pending };
  }),

  changeRole: companyAdminProcedure
    .input(userIdInput.extend({ role: companyRoleSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.deps.database.db.transaction(async (tx) => {
        const user = await companyUser(tx, ctx.user.companyId, input.userId);
        if (input.role !== "company_admin") await keepAnAdmin(tx, ctx.user.companyId, user.id);
        await tx.update(users).set({ role: input.role }).where(eq(users.id, user.id));
        await recordAudit(tx, ctx, {
          action: "user.change_role",
          targetType: "user",
          targetId: user.id,
          details: { from: user.role, to: input.role },
        });
      });
      // The cached caller carries the role (other processes hear the users trigger's NOTIFY).
      ctx.deps.authCache.forgetUser(input.userId);
      await ctx.deps.authCache.barrier();
      return { ok: true };
    }),

  /** Blocks the account at once: its sessions end and its API keys stop working. */
  deactivate: companyAdminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    await db.transaction(async (tx) => {
      const user = await companyUser(tx, ctx.user.companyId, input.userId);
      await keepAnAdmin(tx, ctx.user.companyId, user.id);
      await tx.update(users).set({ active: false }).where(eq(users.id, user.id));
      await recordAudit(tx, ctx, { action: "user.deactivate", targetType: "user", targetId: user.id });
    });
    await invalidateUserSessions(db, ctx.deps.authCache, input.userId);
    return { ok: true };
  }),
});
