import { isLoopbackUrl } from "@ampflux/contracts";
import { companySsoProviders, type Executor, ssoEmailDomains } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import type { ApiSettings } from "../../settings.ts";
import { decryptSecret, encryptSecret } from "../secret-box.ts";

/** Associated data of a company's encrypted client secret: it decrypts for that company only. */
const secretContext = (companyId: string) => `oidc-client-secret:${companyId}`;

export const encryptClientSecret = (settings: ApiSettings, companyId: string, secret: string) =>
  encryptSecret(settings.SECRETS_ENCRYPTION_KEY, Buffer.from(secret), secretContext(companyId));

export interface SsoProvider {
  companyId: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  ssoOnly: boolean;
}

/** The company's provider with its secret decrypted, or null when it has none. */
export async function loadSsoProvider(
  db: Executor,
  settings: ApiSettings,
  companyId: string,
): Promise<SsoProvider | null> {
  const [row] = await db
    .select()
    .from(companySsoProviders)
    .where(eq(companySsoProviders.companyId, companyId));
  if (!row) return null;
  const clientSecret = decryptSecret(
    settings.SECRETS_ENCRYPTION_KEY,
    row.clientSecretEncrypted,
    secretContext(companyId),
  ).toString();
  return { ...row, clientSecret };
}

/** The company whose provider signs in this email's domain, or null. */
export async function companyForEmail(db: Executor, email: string): Promise<string | null> {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const [row] = await db
    .select({ companyId: ssoEmailDomains.companyId })
    .from(ssoEmailDomains)
    .where(eq(ssoEmailDomains.domain, domain));
  return row?.companyId ?? null;
}

/** Plain http only for a provider on this machine outside production (development, tests). */
export function insecureIssuerProblem(settings: ApiSettings, issuerUrl: string): string | null {
  if (issuerUrl.startsWith("https://")) return null;
  if (settings.NODE_ENV !== "production" && isLoopbackUrl(issuerUrl)) return null;
  return "must be an https:// URL (plain http only for a provider on loopback outside production)";
}

/**
 * The provider's metadata (OpenID Connect Discovery) as openid-client's configuration, with
 * client_secret_basic authentication. Throws when the issuer does not answer as one.
 */
export function discoverProvider(
  settings: ApiSettings,
  provider: Pick<SsoProvider, "issuerUrl" | "clientId" | "clientSecret">,
): Promise<client.Configuration> {
  const insecure =
    insecureIssuerProblem(settings, provider.issuerUrl) === null && provider.issuerUrl.startsWith("http:");
  return client.discovery(
    new URL(provider.issuerUrl),
    provider.clientId,
    undefined,
    client.ClientSecretBasic(provider.clientSecret),
    { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
  );
}

/**
 * Password log-in is refused for users of a company that signs in by SSO only. Company admins
 * keep their password: the way back in when the identity provider is down or misconfigured.
 */
export async function refuseIfSsoOnly(
  db: Executor,
  user: { companyId: string; role: string },
): Promise<void> {
  if (user.role === "company_admin") return;
  const [row] = await db
    .select({ ssoOnly: companySsoProviders.ssoOnly })
    .from(companySsoProviders)
    .where(eq(companySsoProviders.companyId, user.companyId));
  if (row?.ssoOnly) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "your company signs in with single sign-on only: use “Sign in with SSO”",
    });
  }
}
