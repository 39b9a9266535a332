import { totpCodeSchema } from "@ampflux/contracts";
import { apiKeyPublicColumns, apiKeys } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { generateApiKey } from "../auth/api-keys.ts";
import { apiKeyCacheKey } from "../auth/auth-cache.ts";
import { requireCurrentCode } from "../auth/two-factor/verify.ts";
import { router } from "../trpc/init.ts";
import { protectedProcedure } from "../trpc/procedures.ts";

const DAY_MS = 86_400_000;

export const apiKeysRouter = router({
  /** Returns the key once; only its hash is stored. */
  create: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "is required").max(100),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
        /** Required when the caller has two-factor on: a stolen session alone mints no key. */
        twoFactorCode: totpCodeSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireCurrentCode(ctx, input.twoFactorCode);
      const { key, prefix, keyHash } = generateApiKey();
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
      const created = await ctx.deps.database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiKeys)
          .values({ userId: ctx.user.id, name: input.name, prefix, keyHash, expiresAt })
          .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
        if (!row) throw new Error("api key insert returned nothing");
        await recordAudit(tx, ctx, { action: "api_key.create", targetType: "api_key", targetId: row.id });
        return row;
      });
      return { ...created, key, prefix, name: input.name, expiresAt };
    }),

  list: protectedProcedure.query(({ ctx }) =>
    ctx.deps.database.db
      .select(apiKeyPublicColumns)
      .from(apiKeys)
      .where(eq(apiKeys.userId, ctx.user.id))
      .orderBy(desc(apiKeys.createdAt)),
  ),

  /** Takes effect at once: the next request with the key is refused. */
  revoke: protectedProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const revoked = await ctx.deps.database.db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, input.id), eq(apiKeys.userId, ctx.user.id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id, keyHash: apiKeys.keyHash });
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "no active API key with this id" });
      await recordAudit(tx, ctx, { action: "api_key.revoke", targetType: "api_key", targetId: row.id });
      return row;
    });
    // After the commit; other processes hear the api_keys trigger's NOTIFY.
    ctx.deps.authCache.forget(apiKeyCacheKey(revoked.keyHash));
    await ctx.deps.authCache.barrier();
    return { ok: true };
  }),
});
