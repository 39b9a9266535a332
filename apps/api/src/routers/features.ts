import { featureFlagSchema } from "@ampflux/contracts";
import { companyFeatureFlags } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { featuresOf } from "../features.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure, protectedProcedure } from "../trpc/procedures.ts";

export const featuresRouter = router({
  /** The caller's company's flags: what the web shows or hides, and what an admin may change. */
  list: protectedProcedure.query(({ ctx }) => featuresOf(ctx.deps, ctx.user.companyId)),

  /** A company admin turns a flag on or off for the company, or back to the default (null). */
  set: companyAdminProcedure
    .input(z.object({ flag: featureFlagSchema, enabled: z.boolean().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { companyId } = ctx.user;
      const state = (await featuresOf(ctx.deps, companyId)).find((s) => s.flag === input.flag);
      if (input.enabled && !state?.licensed) {
        throw new TRPCError({ code: "FORBIDDEN", message: `your licence does not include ${input.flag}` });
      }
      await ctx.deps.database.db.transaction(async (tx) => {
        const row = and(
          eq(companyFeatureFlags.companyId, companyId),
          eq(companyFeatureFlags.flag, input.flag),
        );
        if (input.enabled === null) await tx.delete(companyFeatureFlags).where(row);
        else
          await tx
            .insert(companyFeatureFlags)
            .values({ companyId, flag: input.flag, enabled: input.enabled, updatedBy: ctx.user.id })
            .onConflictDoUpdate({
              target: [companyFeatureFlags.companyId, companyFeatureFlags.flag],
              set: { enabled: input.enabled, updatedBy: ctx.user.id },
            });
        await recordAudit(tx, ctx, {
          action: "feature.set",
          targetType: "feature_flag",
          targetId: input.flag,
          details: { enabled: input.enabled },
        });
      });
      return featuresOf(ctx.deps, companyId);
    }),
});
