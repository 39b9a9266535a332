import { SSO_CALLBACK_PATH, ssoConfigInputSchema } from "@ampflux/contracts";
import { companySsoProviders, ssoEmailDomains } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import {
  discoverProvider,
  encryptClientSecret,
  insecureIssuerProblem,
  loadSsoProvider,
} from "../auth/oidc/providers.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure } from "../trpc/procedures.ts";

/** Postgres unique_violation: here, an email domain another company already signs in. */
const isUniqueViolation = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  (error as { cause?: { code?: string } }).cause?.code === "23505";

/** A company admin's OpenID Connect provider: always the caller's own company. */
export const ssoRouter = router({
  /** The configuration without its secret; null when the company has none. */
  get: companyAdminProcedure.query(async ({ ctx }) => {
    const db = ctx.deps.database.db;
    const [row] = await db
      .select({
        issuerUrl: companySsoProviders.issuerUrl,
        clientId: companySsoProviders.clientId,
        ssoOnly: companySsoProviders.ssoOnly,
        updatedAt: companySsoProviders.updatedAt,
      })
      .from(companySsoProviders)
      .where(eq(companySsoProviders.companyId, ctx.user.companyId));
    const appUrl = ctx.deps.settings.APP_URL;
    const redirectUri = appUrl ? `${appUrl}${SSO_CALLBACK_PATH}` : null;
    if (!row) return { provider: null, redirectUri };
    const domains = await db
      .select({ domain: ssoEmailDomains.domain })
      .from(ssoEmailDomains)
      .where(eq(ssoEmailDomains.companyId, ctx.user.companyId));
    return { provider: { ...row, emailDomains: domains.map((d) => d.domain).sort() }, redirectUri };
  }),

  /**
   * Sets the provider after checking that the issuer answers OpenID Connect Discovery. The client
   * secret may be left out to keep the stored one.
   */
  configure: companyAdminProcedure.input(ssoConfigInputSchema).mutation(async ({ ctx, input }) => {
    const { settings, database } = ctx.deps;
    const companyId = ctx.user.companyId;
    const insecure = insecureIssuerProblem(settings, input.issuerUrl);
    if (insecure) throw new TRPCError({ code: "BAD_REQUEST", message: `issuerUrl: ${insecure}` });
    const clientSecret =
      input.clientSecret ?? (await loadSsoProvider(database.db, settings, companyId))?.clientSecret;
    if (clientSecret === undefined)
      throw new TRPCError({ code: "BAD_REQUEST", message: "clientSecret: is required for a new provider" });
    await discoverProvider(settings, { ...input, clientSecret }).catch((error: unknown) => {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `issuerUrl: no OpenID provider answers at ${input.issuerUrl} (${error instanceof Error ? error.message : "no answer"})`,
      });
    });
    const values = {
      issuerUrl: input.issuerUrl,
      clientId: input.clientId,
      clientSecretEncrypted: encryptClientSecret(settings, companyId, clientSecret),
      ssoOnly: input.ssoOnly,
    };
    try {
      await database.db.transaction(async (tx) => {
        await tx
          .insert(companySsoProviders)
          .values({ companyId, ...values })
          .onConflictDoUpdate({ target: companySsoProviders.companyId, set: values });
        await tx.delete(ssoEmailDomains).where(eq(ssoEmailDomains.companyId, companyId));
        await tx.insert(ssoEmailDomains).values(input.emailDomains.map((domain) => ({ domain, companyId })));
        await recordAudit(tx, ctx, {
          action: "sso.configure",
          targetType: "company",
          targetId: companyId,
          details: {
            issuerUrl: input.issuerUrl,
            clientId: input.clientId,
            emailDomains: input.emailDomains,
            ssoOnly: input.ssoOnly,
            clientSecretChanged: input.clientSecret !== undefined,
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TRPCError({
          code: "CONFLICT",
          message: "emailDomains: one of these domains already signs in at another company",
        });
      throw error;
    }
    return { ok: true };
  }),

  /** Removes the provider; password log-in works again for everyone. */
  remove: companyAdminProcedure.mutation(async ({ ctx }) => {
    await ctx.deps.database.db.transaction(async (tx) => {
      const removed = await tx
        .delete(companySsoProviders)
        .where(eq(companySsoProviders.companyId, ctx.user.companyId))
        .returning({ companyId: companySsoProviders.companyId });
      if (removed.length === 0)
        throw new TRPCError({ code: "NOT_FOUND", message: "the company has no SSO provider" });
      await recordAudit(tx, ctx, {
        action: "sso.remove",
        targetType: "company",
        targetId: ctx.user.companyId,
      });
    });
    return { ok: true };
  }),
});
