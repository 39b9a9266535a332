import { verifyTwoFactorInputSchema } from "@ampflux/contracts";
import { users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import { sessionUserColumns } from "../auth/sessions.ts";
import { startSession } from "../auth/start-session.ts";
import { challengeUser, consumeLoginChallenge } from "../auth/two-factor/challenges.ts";
import { verifySecondFactor } from "../auth/two-factor/verify.ts";
import { publicProcedure } from "../trpc/init.ts";

/**
 * auth.verifyTwoFactor: the challenge logIn returned plus a TOTP or recovery code starts the
 * session. Wrong codes count against the user's guessing limit; the challenge is used up only
 * by a right one (then never again), and expires after 5 minutes either way.
 */
export const verifyTwoFactor = publicProcedure
  .input(verifyTwoFactorInputSchema)
  .mutation(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    const userId = await challengeUser(db, input.challenge);
    const factor = await verifySecondFactor(ctx, userId, input);
    await consumeLoginChallenge(db, input.challenge);
    const [user] = await db
      .select(sessionUserColumns)
      .from(users)
      .where(and(eq(users.id, userId), eq(users.active, true)));
    if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "this account is deactivated" });
    await startSession(ctx, user.id);
    const actor = { user, client: ctx.client };
    await db.transaction(async (tx) => {
      if (factor === "recovery_code")
        await recordAudit(tx, actor, {
          action: "two_factor.recovery_code_used",
          targetType: "user",
          targetId: user.id,
        });
      await recordAudit(tx, actor, {
        action: "auth.log_in",
        targetType: "user",
        targetId: user.id,
        details: { secondFactor: factor },
      });
    });
    return user;
  });
