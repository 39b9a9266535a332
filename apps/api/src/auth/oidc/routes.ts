import { SSO_CALLBACK_PATH, SSO_START_PATH } from "@ampflux/contracts";
import { companySsoProviders, type Database, ssoLoginAttempts } from "@ampflux/db";
import { and, eq, gt, lt } from "drizzle-orm";
import { Hono, type Context as HonoContext } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as client from "openid-client";
import { z } from "zod";
import { recordAudit } from "../../audit.ts";
import type { ApiDeps } from "../../deps.ts";
import { createContext } from "../../trpc/context.ts";
import { startSession } from "../start-session.ts";
import { generateSecretToken, hashToken } from "../tokens.ts";
import { type IdTokenClaims, resolveSsoUser, type SsoErrorCode, SsoSignInError } from "./jit-users.ts";
import { companyForEmail, discoverProvider, loadSsoProvider } from "./providers.ts";

/**
 * The ID token's claims (signature, issuer, audience, nonce checked by openid-client), with email
 * and name from the UserInfo endpoint when the ID token leaves them out (OIDC Core §5.4: scope
 * claims may be returned from UserInfo only).
 */
async function exchangeCodeForClaims(
  config: client.Configuration,
  currentUrl: URL,
  checks: client.AuthorizationCodeGrantChecks,
): Promise<IdTokenClaims & { iss: string }> {
  const tokens = await client.authorizationCodeGrant(config, currentUrl, checks);
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("no ID token");
  if (idClaims.email !== undefined) return idClaims;
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...userInfo, ...idClaims, email: userInfo.email, email_verified: userInfo.email_verified };
}

/** Binds an authorization request to the browser that started it (login CSRF defence). */
const ATTEMPT_COOKIE = "ampflux_sso";
const ATTEMPT_LIFETIME_S = 10 * 60;

/** The web app's origin: APP_URL, else the address the browser used (through the web proxy). */
const appBase = (c: HonoContext, deps: ApiDeps) => deps.settings.APP_URL ?? new URL(c.req.url).origin;

const startQuerySchema = z.union([z.object({ email: z.email().max(254) }), z.object({ company: z.uuid() })]);

/** The company a sign-in is for: by the email's domain, or named by id (a link from its admin). */
async function startingCompany(db: Database, query: Record<string, string>): Promise<string> {
  const parsed = startQuerySchema.safeParse(query);
  if (!parsed.success) throw new SsoSignInError("no_provider", "give ?email= or ?company=");
  if ("email" in parsed.data) {
    const companyId = await companyForEmail(db, parsed.data.email);
    if (companyId) return companyId;
  } else {
    const [row] = await db
      .select({ companyId: companySsoProviders.companyId })
      .from(companySsoProviders)
      .where(eq(companySsoProviders.companyId, parsed.data.company));
    if (row) return row.companyId;
  }
  throw new SsoSignInError("no_provider", "no company signs in this email or id by SSO");
}

/**
 * GET /auth/sso/start and /auth/sso/callback: the OpenID Connect authorization code flow with
 * PKCE (S256), state and nonce (openid-client). The browser reaches them through the web app's
 * origin (the web server forwards /auth/sso), so the session cookie is set on that origin.
 */
export function ssoRoutes(deps: ApiDeps) {
  const app = new Hono();
  const db = deps.database.db;
  const secure = deps.settings.NODE_ENV === "production";
  const refuse = (c: HonoContext, code: SsoErrorCode, error: unknown) => {
    deps.log.warn("sso sign-in refused", {
      code,
      error: error instanceof Error ? error.message : String(error),
    });
    return c.redirect(`${appBase(c, deps)}/login?sso_error=${code}`, 302);
  };

  app.get(SSO_START_PATH, async (c) => {
    try {
      const companyId = await startingCompany(db, c.req.query());
      const provider = await loadSsoProvider(db, deps.settings, companyId);
      if (!provider) throw new SsoSignInError("no_provider", "the company has no provider");
      const config = await discoverProvider(deps.settings, provider).catch((error: unknown) => {
        throw new SsoSignInError("provider_error", `discovery failed: ${String(error)}`);
      });
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const redirectUri = `${appBase(c, deps)}${SSO_CALLBACK_PATH}`;
      const binding = generateSecretToken();
      await db.delete(ssoLoginAttempts).where(lt(ssoLoginAttempts.expiresAt, new Date()));
      await db.insert(ssoLoginAttempts).values({
        id: hashToken(binding),
        companyId,
        state,
        nonce,
        codeVerifier,
        redirectUri,
        expiresAt: new Date(Date.now() + ATTEMPT_LIFETIME_S * 1000),
      });
      setCookie(c, ATTEMPT_COOKIE, binding, {
        httpOnly: true,
        secure,
        // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
        sameSite: "Lax",
        path: "/auth/sso",
        maxAge: ATTEMPT_LIFETIME_S,
      });
      const email = c.req.query("email");
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
        ...(email ? { login_hint: email } : {}),
      });
      return c.redirect(url.href, 302);
    } catch (error) {
      return refuse(c, error instanceof SsoSignInError ? error.code : "provider_error", error);
    }
  });

  app.get(SSO_CALLBACK_PATH, async (c) => {
    const binding = getCookie(c, ATTEMPT_COOKIE);
    deleteCookie(c, ATTEMPT_COOKIE, { path: "/auth/sso", secure });
    try {
      // Single use: the attempt row goes with its first callback.
      const [attempt] = binding
        ? await db
            .delete(ssoLoginAttempts)
            .where(
              and(eq(ssoLoginAttempts.id, hashToken(binding)), gt(ssoLoginAttempts.expiresAt, new Date())),
            )
            .returning()
        : [];
      if (!attempt) throw new SsoSignInError("expired", "no live sign-in for this browser");
      const provider = await loadSsoProvider(db, deps.settings, attempt.companyId);
      if (!provider) throw new SsoSignInError("no_provider", "the provider was removed meanwhile");
      const claims = await discoverProvider(deps.settings, provider)
        .then((config) =>
          exchangeCodeForClaims(
            config,
            new URL(`${attempt.redirectUri}?${new URL(c.req.url).search.slice(1)}`),
            {
              pkceCodeVerifier: attempt.codeVerifier,
              expectedState: attempt.state,
              expectedNonce: attempt.nonce,
              idTokenExpected: true,
            },
          ),
        )
        .catch((error: unknown) => {
          throw new SsoSignInError("provider_error", `code exchange failed: ${String(error)}`);
        });
      const ctx = await createContext(c, deps);
      const { user, created } = await resolveSsoUser(
        db,
        attempt.companyId,
        String(claims.iss),
        claims,
        ctx.client,
      );
      await startSession(ctx, user.id);
      await recordAudit(
        db,
        { user, client: ctx.client },
        {
          action: "sso.sign_in",
          targetType: "user",
          targetId: user.id,
          details: { issuer: claims.iss, created },
        },
      );
      return c.redirect(`${appBase(c, deps)}/projects`, 302);
    } catch (error) {
      return refuse(c, error instanceof SsoSignInError ? error.code : "provider_error", error);
    }
  });
  return app;
}
