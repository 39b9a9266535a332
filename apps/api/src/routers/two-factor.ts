import { recoveryCodeSchema, totpCodeSchema } from "@ampflux/contracts";
import { companies, twoFactorCredentials, twoFactorRecoveryCodes, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { acceptTotpCode, loadTotpKey, storePendingTotpKey } from "../auth/two-factor/credentials.ts";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "../auth/two-factor/recovery-codes.ts";
import { describeTotpKey, generateTotpKey } from "../auth/two-factor/totp.ts";
import { verifySecondFactor } from "../auth/two-factor/verify.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure, protectedProcedure } from "../trpc/procedures.ts";

/** Two-factor changes are the user's own: an API key (a script) may not make them. */
const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.via !== "session") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "two-factor settings need a logged-in browser session",
    });
  }
  return next();
});

const wrongCode = () =>
  new TRPCError({ code: "BAD_REQUEST", message: "code: wrong or expired; type the code your app shows now" });

/** TOTP enrolment, recovery codes, turning it off, and the company-wide requirement. */
export const twoFactorRouter = router({
  status: protectedProcedure.query(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    const [credential] = await db
      .select({ confirmedAt: twoFactorCredentials.confirmedAt })
      .from(twoFactorCredentials)
      .where(eq(twoFactorCredentials.userId, ctx.user.id));
    return {
      enabled: ctx.user.twoFactorEnabled,
      enrolmentPending: credential !== undefined && credential.confirmedAt === null,
      recoveryCodesLeft: ctx.user.twoFactorEnabled ? await countUnusedRecoveryCodes(db, ctx.user.id) : 0,
      companyRequires: ctx.auth.company.requireTwoFactor,
    };
  }),

  /** A new secret, shown once as text, otpauth URI and QR code; on after confirmEnrolment. */
  beginEnrolment: sessionProcedure.mutation(async ({ ctx }) => {
    if (ctx.user.twoFactorEnabled) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "two-factor authentication is already on: turn it off first to use another app",
      });
    }
    const key = generateTotpKey();
    await storePendingTotpKey(
      ctx.deps.database.db,
      ctx.deps.settings.SECRETS_ENCRYPTION_KEY,
      ctx.user.id,
      key,
    );
    return describeTotpKey(key, ctx.user.email);
  }),

  /** The first code proves the app has the secret: two-factor goes on, recovery codes are issued. */
  confirmEnrolment: sessionProcedure
    .input(z.object({ code: totpCodeSchema }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const key = await loadTotpKey(db, ctx.deps.settings.SECRETS_ENCRYPTION_KEY, ctx.user.id, false);
      if (!key) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "start the set-up first (no pending secret)",
        });
      }
      await ctx.deps.secondFactorLimiter.consume(ctx.user.id, ctx.setHeader);
      const recoveryCodes = await db.transaction(async (tx) => {
        if ((await acceptTotpCode(tx, ctx.user.id, key, input.code)) !== "accepted") throw wrongCode();
        const confirmed = await tx
          .update(twoFactorCredentials)
          .set({ confirmedAt: new Date() })
          .where(and(eq(twoFactorCredentials.userId, ctx.user.id), isNull(twoFactorCredentials.confirmedAt)))
          .returning({ userId: twoFactorCredentials.userId });
        if (confirmed.length === 0) throw wrongCode();
        await tx.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, ctx.user.id));
        await recordAudit(tx, ctx, {
          action: "two_factor.enable",
          targetType: "user",
          targetId: ctx.user.id,
        });
        return replaceRecoveryCodes(tx, ctx.user.id);
      });
      await ctx.deps.secondFactorLimiter.reset(ctx.user.id);
      // The users UPDATE NOTIFYs every api process; wait for it here so the next request sees it.
      await ctx.deps.authCache.barrier();
      return { recoveryCodes };
    }),

  /** Fresh recovery codes (the old ones stop working); needs a current code. */
  regenerateRecoveryCodes: sessionProcedure
    .input(z.object({ code: totpCodeSchema }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.user.twoFactorEnabled) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "two-factor authentication is off" });
      }
      await verifySecondFactor(ctx, ctx.user.id, { code: input.code });
      const recoveryCodes = await ctx.deps.database.db.transaction(async (tx) => {
        await recordAudit(tx, ctx, {
          action: "two_factor.recovery_codes_regenerate",
          targetType: "user",
          targetId: ctx.user.id,
        });
        return replaceRecoveryCodes(tx, ctx.user.id);
      });
      return { recoveryCodes };
    }),

  /** Needs the password and a current code (or a recovery code, for a lost phone). */
  disable: sessionProcedure
    .input(
      z
        .object({
          password: z.string().min(1, "is required").max(256),
          code: totpCodeSchema.optional(),
          recoveryCode: recoveryCodeSchema.optional(),
        })
        .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
          message: "give either code (from your authenticator app) or recoveryCode",
          path: ["code"],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!ctx.user.twoFactorEnabled) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "two-factor authentication is already off",
        });
      }
      if (ctx.auth.company.requireTwoFactor) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "your company requires two-factor authentication: it cannot be turned off",
        });
      }
      const db = ctx.deps.database.db;
      const [row] = await db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, ctx.user.id));
      if (!row || !(await verifyPassword(row.passwordHash, input.password))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "password: wrong password" });
      }
      const factor = await verifySecondFactor(ctx, ctx.user.id, input);
      await db.transaction(async (tx) => {
        await tx.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, ctx.user.id));
        await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, ctx.user.id));
        await tx.update(users).set({ twoFactorEnabled: false }).where(eq(users.id, ctx.user.id));
        await recordAudit(tx, ctx, {
          action: "two_factor.disable",
          targetType: "user",
          targetId: ctx.user.id,
          details: { secondFactor: factor },
        });
      });
      await ctx.deps.authCache.barrier();
      return { ok: true };
    }),

  /** Company admins: require two-factor for every user of the company (they must have it on). */
  setCompanyRequirement: companyAdminProcedure
    .input(z.object({ required: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (input.required && !ctx.user.twoFactorEnabled) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "turn on two-factor authentication for yourself before requiring it",
        });
      }
      await ctx.deps.database.db.transaction(async (tx) => {
        await tx
          .update(companies)
          .set({ requireTwoFactor: input.required })
          .where(eq(companies.id, ctx.user.companyId));
        await recordAudit(tx, ctx, {
          action: "company.require_two_factor",
          targetType: "company",
          targetId: ctx.user.companyId,
          details: { required: input.required },
        });
      });
      await ctx.deps.authCache.barrier();
      return { required: input.required };
    }),
});
