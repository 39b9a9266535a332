import { type Database, ssoEmailDomains, ssoIdentities, users } from "@ampflux/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../audit.ts";
import { type SessionUser, sessionUserColumns } from "../sessions.ts";

/** Why a sign-in was refused: the login page shows its own text for each (never a raw message). */
export type SsoErrorCode =
  | "no_email"
  | "email_unverified"
  | "domain_not_allowed"
  | "other_company"
  | "deactivated"
  | "no_provider"
  | "expired"
  | "provider_error";

/** A sign-in the api refuses; `code` goes to the login page, the message to the log. */
export class SsoSignInError extends Error {
  readonly code: SsoErrorCode;
  constructor(code: SsoErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface IdTokenClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/**
 * Stored instead of a password hash for users created by SSO: no argon2 hash has this form, so
 * password log-in fails for them (verifyPassword returns false) until they set a password.
 */
export const NO_PASSWORD = "!sso";

/**
 * The user an ID token signs in at `companyId`: the one linked to issuer + sub, else the
 * company's user with that (verified) email, linked now, else a new user with the default role
 * (just-in-time provisioning). The email's domain must be one the company configured.
 */
export async function resolveSsoUser(
  db: Database,
  companyId: string,
  issuer: string,
  claims: IdTokenClaims,
  client: { ip: string | undefined },
): Promise<{ user: SessionUser; created: boolean }> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email.includes("@"))
    throw new SsoSignInError("no_email", "the identity provider sent no email address");
  if (claims.email_verified === false)
    throw new SsoSignInError("email_unverified", "the identity provider has not verified this email address");
  return db.transaction(async (tx) => {
    const [domain] = await tx
      .select({ companyId: ssoEmailDomains.companyId })
      .from(ssoEmailDomains)
      .where(eq(ssoEmailDomains.domain, email.slice(email.lastIndexOf("@") + 1)));
    if (domain?.companyId !== companyId)
      throw new SsoSignInError(
        "domain_not_allowed",
        `${email} is not in an email domain this company signs in by SSO`,
      );
    const [linked] = await tx
      .select({ ...sessionUserColumns, active: users.active })
      .from(ssoIdentities)
      .innerJoin(users, eq(users.id, ssoIdentities.userId))
      .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, claims.sub)));
    const [byEmail] = linked
      ? [linked]
      : await tx
          .select({ ...sessionUserColumns, active: users.active })
          .from(users)
          .where(eq(users.email, email));
    if (byEmail) {
      if (byEmail.companyId !== companyId)
        throw new SsoSignInError("other_company", "an account with this email belongs to another company");
      if (!byEmail.active) throw new SsoSignInError("deactivated", "this account is deactivated");
      if (!linked) await tx.insert(ssoIdentities).values({ issuer, subject: claims.sub, userId: byEmail.id });
      const { active: _active, ...user } = byEmail;
      return { user, created: false };
    }
    const name =
      typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : email;
    const [user] = await tx
      .insert(users)
      .values({
        companyId,
        email,
        name,
        role: "user",
        passwordHash: NO_PASSWORD,
        // The company's own provider vouches for the address (docs/accounts.md: unverified access).
        emailVerifiedAt: claims.email_verified === true ? new Date() : null,
      })
      .returning(sessionUserColumns);
    if (!user) throw new Error("user insert returned nothing");
    await tx.insert(ssoIdentities).values({ issuer, subject: claims.sub, userId: user.id });
    await recordAudit(
      tx,
      { user, client },
      { action: "sso.user_created", targetType: "user", targetId: user.id, details: { issuer } },
    );
    return { user, created: true };
  });
}
