import { auditLogs, companySsoProviders, createDb, users } from "@ampflux/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  signUpCompany,
  startTestApi,
  testClient,
  uniqueEmail,
} from "./helpers.ts";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "./oidc-provider.ts";

let api: RunningApi;
let idp: TestOpenIdProvider;
const database = createDb(inject("databaseUrl"));
beforeAll(async () => {
  api = await startTestApi();
  idp = await startTestOpenIdProvider([`${api.url}/auth/sso/callback`]);
});
afterAll(async () => {
  await idp?.close();
  await api?.close();
  await database.close();
});

/**
 * A browser without JavaScript: follows redirects across the api and the provider, keeping each
 * origin's cookies. Returns where it ended and the api's session cookie.
 */
async function browse(startUrl: string) {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(startUrl);
  for (let hop = 0; hop < 20; hop += 1) {
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === "") cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
    jar.set(url.origin, cookies);
    const location = response.headers.get("location");
    await response.body?.cancel();
    if (!location || response.status < 300 || response.status >= 400)
      return {
        url,
        status: response.status,
        session: jar.get(new URL(api.url).origin)?.get("ampflux_session"),
      };
    url = new URL(location, url);
  }
  throw new Error("too many redirects");
}

async function companyWithSso(label: string, options: { ssoOnly?: boolean } = {}) {
  const admin = await signUpCompany(api.url, label);
  const domain = `${label}-${Math.random().toString(36).slice(2, 8)}.example.com`;
  await admin.client.trpc.sso.configure.mutate({
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    emailDomains: [domain],
    ssoOnly: options.ssoOnly ?? false,
  });
  return { admin, domain };
}

describe("SSO configuration", () => {
  it("stores the client secret encrypted, shows no secret, and audits changes", async () => {
    const { admin, domain } = await companyWithSso("ssoconfig");
    const config = await admin.client.trpc.sso.get.query();
    expect(config.provider).toMatchObject({
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      emailDomains: [domain],
    });
    expect(JSON.stringify(config)).not.toContain(idp.clientSecret);
    const [row] = await database.db
      .select()
      .from(companySsoProviders)
      .where(eq(companySsoProviders.companyId, admin.user.companyId));
    expect(row?.clientSecretEncrypted).toMatch(/^v1:/);
    expect(row?.clientSecretEncrypted).not.toContain(idp.clientSecret);
    // Changing other fields keeps the stored secret.
    await admin.client.trpc.sso.configure.mutate({
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      emailDomains: [domain],
      ssoOnly: true,
    });
    expect((await admin.client.trpc.sso.get.query()).provider?.ssoOnly).toBe(true);
    const audits = await database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.companyId, admin.user.companyId), eq(auditLogs.action, "sso.configure")));
    expect(audits.map((a) => (a.details as { clientSecretChanged: boolean }).clientSecretChanged)).toEqual([
      true,
      false,
    ]);
  });

  it("refuses bad input with the field named, and an issuer that is no OpenID provider", async () => {
    const { client } = await signUpCompany(api.url, "ssobad");
    const invalid = await expectTrpcError(
      client.trpc.sso.configure.mutate({
        issuerUrl: "not a url",
        clientId: "x",
        clientSecret: "y",
        emailDomains: ["nodot"],
      }),
      "BAD_REQUEST",
    );
    expect(Object.keys(invalid.data?.zodError?.fieldErrors ?? {}).sort()).toEqual([
      "emailDomains",
      "issuerUrl",
    ]);
    const unreachable = await expectTrpcError(
      client.trpc.sso.configure.mutate({
        issuerUrl: `${api.url}/nothing-here`,
        clientId: "x",
        clientSecret: "y",
        emailDomains: ["bad-issuer.example.com"],
      }),
      "BAD_REQUEST",
    );
    expect(unreachable.message).toMatch(/^issuerUrl: no OpenID provider answers/);
    const noSecret = await expectTrpcError(
      client.trpc.sso.configure.mutate({
        issuerUrl: idp.issuer,
        clientId: "x",
        emailDomains: ["a.example.com"],
      }),
      "BAD_REQUEST",
    );
    expect(noSecret.message).toMatch(/^clientSecret: /);
  });

  it("is for company admins of their own company only; a domain signs in at one company", async () => {
    const { admin, domain } = await companyWithSso("ssotenant");
    const member = await addCompanyUser(api.url, admin.client, "ssotenant-member");
    await expectTrpcError(member.client.trpc.sso.get.query(), "FORBIDDEN");
    await expectTrpcError(member.client.trpc.sso.remove.mutate(), "FORBIDDEN");
    const other = await signUpCompany(api.url, "ssotenant-other");
    expect((await other.client.trpc.sso.get.query()).provider).toBeNull();
    const taken = await expectTrpcError(
      other.client.trpc.sso.configure.mutate({
        issuerUrl: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: [domain],
      }),
      "CONFLICT",
    );
    expect(taken.message).toMatch(/^emailDomains: /);
    // The first company's provider is untouched by the other company's attempts.
    expect((await admin.client.trpc.sso.get.query()).provider?.emailDomains).toEqual([domain]);
  });
});

describe("SSO sign-in against a real OpenID provider", () => {
  it("creates the user just in time with the default role, in that company, and starts a session", async () => {
    const { admin, domain } = await companyWithSso("ssojit");
    const email = `new.engineer@${domain}`;
    idp.signInAs({ sub: `sub-${email}`, email, name: "New Engineer" });
    const end = await browse(`${api.url}/auth/sso/start?email=${encodeURIComponent(email)}`);
    expect(end.url.pathname).toBe("/projects");
    expect(end.session).toMatch(/^[a-z2-7]{32}$/);
    const client = testClient(api.url);
    client.setCookie(end.session);
    const me = await client.trpc.auth.me.query();
    expect(me?.user).toMatchObject({
      email,
      name: "New Engineer",
      role: "user",
      companyId: admin.user.companyId,
    });
    // Signing in again finds the same user by issuer + subject.
    const again = await browse(`${api.url}/auth/sso/start?company=${admin.user.companyId}`);
    expect(again.session).toBeDefined();
    expect(await database.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    const actions = (
      await database.db
        .select()
        .from(auditLogs)
        .where(eq(auditLogs.userId, me?.user.id ?? ""))
    ).map((a) => a.action);
    expect(actions.filter((a) => a === "sso.sign_in")).toHaveLength(2);
    expect(actions).toContain("sso.user_created");
  });

  it("refuses emails outside the company's domains, unverified emails and unknown domains", async () => {
    const { domain } = await companyWithSso("ssorefuse");
    idp.signInAs({ sub: "outsider", email: "someone@elsewhere.example.org", name: "Outsider" });
    const outside = await browse(`${api.url}/auth/sso/start?email=someone@${domain}`);
    expect(outside.url.pathname).toBe("/login");
    expect(outside.url.searchParams.get("sso_error")).toBe("domain_not_allowed");
    expect(outside.session).toBeUndefined();

    idp.signInAs({ sub: "unverified", email: `unverified@${domain}`, name: "U", emailVerified: false });
    const unverified = await browse(`${api.url}/auth/sso/start?email=unverified@${domain}`);
    expect(unverified.url.searchParams.get("sso_error")).toBe("email_unverified");

    const unknown = await browse(`${api.url}/auth/sso/start?email=${uniqueEmail("nosso")}`);
    expect(unknown.url.searchParams.get("sso_error")).toBe("no_provider");
  });

  it("refuses a callback without the browser's sign-in cookie (state bound to the browser)", async () => {
    const forged = await browse(`${api.url}/auth/sso/callback?code=abc&state=xyz`);
    expect(forged.url.searchParams.get("sso_error")).toBe("expired");
    expect(forged.session).toBeUndefined();
  });

  it("SSO only: password log-in is refused for the company's users, admins keep theirs", async () => {
    const { admin, domain } = await companyWithSso("ssoonly", { ssoOnly: true });
    const member = await addCompanyUser(api.url, admin.client, "ssoonly-member");
    const refused = await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: member.email, password: PASSWORD }),
      "FORBIDDEN",
    );
    expect(refused.message).toMatch(/single sign-on only/);
    await testClient(api.url).trpc.auth.logIn.mutate({ email: admin.email, password: PASSWORD });
    // A wrong password still says only that (no hint that the account exists or uses SSO).
    const wrong = await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: member.email, password: "wrong password!" }),
      "UNAUTHORIZED",
    );
    expect(wrong.message).toBe("wrong email or password");
    expect(domain).toBeTruthy();
  });
});
