import { auditLogs, createDb, twoFactorCredentials } from "@ampflux/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decryptSecret } from "../src/auth/secret-box.ts";
import type { RunningApi } from "../src/server.ts";
import { TestAuthenticator } from "./authenticator.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  signUpCompany,
  startTestApi,
  type TestClient,
  testClient,
} from "./helpers.ts";

let api: RunningApi;
const database = createDb(inject("databaseUrl"));
beforeAll(async () => {
  api = await startTestApi({ TWO_FACTOR_MAX_ATTEMPTS: "3" });
});
afterAll(async () => {
  await api?.close();
  await database.close();
});

/** Turns two-factor on for a logged-in client; returns its authenticator and recovery codes. */
async function enrol(client: TestClient) {
  const enrolment = await client.trpc.twoFactor.beginEnrolment.mutate();
  const authenticator = new TestAuthenticator(enrolment.secret);
  const { recoveryCodes } = await client.trpc.twoFactor.confirmEnrolment.mutate({
    code: await authenticator.nextCode(),
  });
  return { enrolment, authenticator, recoveryCodes };
}

/** Password step of a log-in that must ask for the second factor; returns the challenge. */
async function passwordStep(email: string) {
  const client = testClient(api.url);
  const result = await client.trpc.auth.logIn.mutate({ email, password: PASSWORD });
  if (!("twoFactorRequired" in result)) throw new Error("log-in did not ask for a second factor");
  expect(client.cookie()).toBeUndefined();
  return { client, challenge: result.challenge };
}

const auditActions = async (userId: string) =>
  (await database.db.select().from(auditLogs).where(eq(auditLogs.userId, userId))).map((row) => row.action);

describe("TOTP enrolment", () => {
  it("shows the secret as otpauth URI and QR code, stores it encrypted, and confirms with a code", async () => {
    const { client, user, email } = await signUpCompany(api.url, "enrol");
    const enrolment = await client.trpc.twoFactor.beginEnrolment.mutate();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toMatch(
      new RegExp(`^otpauth://totp/AmpFlux:${encodeURIComponent(email)}\\?.*secret=${enrolment.secret}`),
    );
    expect(enrolment.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const [stored] = await database.db
      .select()
      .from(twoFactorCredentials)
      .where(eq(twoFactorCredentials.userId, user.id));
    expect(stored?.secretEncrypted).toMatch(/^v1:/);
    expect(stored?.secretEncrypted).not.toContain(enrolment.secret);
    expect(stored?.confirmedAt).toBeNull();
    // The dev key decrypts it, bound to this user only.
    const key = api.deps.settings.SECRETS_ENCRYPTION_KEY;
    expect(decryptSecret(key, stored?.secretEncrypted ?? "", `totp:${user.id}`).length).toBe(20);
    expect(() => decryptSecret(key, stored?.secretEncrypted ?? "", "totp:someone-else")).toThrow();

    const wrong = await expectTrpcError(
      client.trpc.twoFactor.confirmEnrolment.mutate({ code: "000000" }),
      "BAD_REQUEST",
    );
    expect(wrong.message).toMatch(/^code: /);
    const malformed = await expectTrpcError(
      client.trpc.twoFactor.confirmEnrolment.mutate({ code: "12ab" }),
      "BAD_REQUEST",
    );
    expect(malformed.data?.zodError?.fieldErrors.code?.[0]).toMatch(/6-digit/);
    expect((await client.trpc.twoFactor.status.query()).enabled).toBe(false);

    const authenticator = new TestAuthenticator(enrolment.secret);
    const { recoveryCodes } = await client.trpc.twoFactor.confirmEnrolment.mutate({
      code: await authenticator.nextCode(),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){5}$/);
    expect(await client.trpc.twoFactor.status.query()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    expect((await client.trpc.auth.me.query())?.user.twoFactorEnabled).toBe(true);
    await expectTrpcError(client.trpc.twoFactor.beginEnrolment.mutate(), "PRECONDITION_FAILED");
    expect(await auditActions(user.id)).toContain("two_factor.enable");
  });
});

describe("log-in with a second factor", () => {
  it("asks for the code, refuses a replayed code and a used challenge, and starts the session", async () => {
    const { client: admin, email, user } = await signUpCompany(api.url, "login2fa");
    const { authenticator } = await enrol(admin);
    const { client, challenge } = await passwordStep(email);
    await expectTrpcError(client.trpc.projects.list.query({}), "UNAUTHORIZED");
    // The code the enrolment used is spent.
    await expectTrpcError(
      client.trpc.auth.verifyTwoFactor.mutate({ challenge, code: authenticator.lastCode() }),
      "BAD_REQUEST",
    );
    const me = await client.trpc.auth.verifyTwoFactor.mutate({
      challenge,
      code: await authenticator.nextCode(),
    });
    expect(me.id).toBe(user.id);
    expect(client.cookie()).toMatch(/^[a-z2-7]{32}$/);
    expect((await client.trpc.auth.me.query())?.user.id).toBe(user.id);
    // The challenge is single-use.
    await expectTrpcError(
      testClient(api.url).trpc.auth.verifyTwoFactor.mutate({ challenge, code: "000000" }),
      "UNAUTHORIZED",
    );
    // A right code from another log-in cannot be replayed either.
    const second = await passwordStep(email);
    await expectTrpcError(
      second.client.trpc.auth.verifyTwoFactor.mutate({
        challenge: second.challenge,
        code: authenticator.lastCode(),
      }),
      "BAD_REQUEST",
    );
    const rows = await database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.userId, user.id), eq(auditLogs.action, "auth.log_in")));
    expect(rows.map((row) => row.details)).toContainEqual({ secondFactor: "totp" });
  });

  it("accepts each recovery code once", async () => {
    const { client: admin, email, user } = await signUpCompany(api.url, "recovery");
    const { recoveryCodes } = await enrol(admin);
    const code = recoveryCodes[3] ?? "";
    const first = await passwordStep(email);
    // Case and dashes do not matter.
    await first.client.trpc.auth.verifyTwoFactor.mutate({
      challenge: first.challenge,
      recoveryCode: code.toUpperCase().replaceAll("-", " "),
    });
    expect((await first.client.trpc.auth.me.query())?.user.id).toBe(user.id);
    const again = await passwordStep(email);
    const refused = await expectTrpcError(
      again.client.trpc.auth.verifyTwoFactor.mutate({ challenge: again.challenge, recoveryCode: code }),
      "BAD_REQUEST",
    );
    expect(refused.message).toMatch(/^recoveryCode: /);
    expect((await first.client.trpc.twoFactor.status.query()).recoveryCodesLeft).toBe(9);
    expect(await auditActions(user.id)).toContain("two_factor.recovery_code_used");
  });

  it("limits wrong codes per user (rate-limiter-flexible in Redis)", async () => {
    const { client: admin, email } = await signUpCompany(api.url, "guess");
    const { authenticator } = await enrol(admin);
    const { client, challenge } = await passwordStep(email);
    for (let i = 0; i < 3; i += 1)
      await expectTrpcError(
        client.trpc.auth.verifyTwoFactor.mutate({ challenge, code: "000000" }),
        "BAD_REQUEST",
      );
    const limited = await expectTrpcError(
      client.trpc.auth.verifyTwoFactor.mutate({ challenge, code: await authenticator.nextCode() }),
      "TOO_MANY_REQUESTS",
    );
    expect(limited.message).toMatch(/too many wrong codes/);
  });

  it("refuses a log-in challenge given with both or neither factor, naming the field", async () => {
    const error = await expectTrpcError(
      testClient(api.url).trpc.auth.verifyTwoFactor.mutate({ challenge: "x" }),
      "BAD_REQUEST",
    );
    expect(error.data?.zodError?.fieldErrors.code?.[0]).toMatch(/either code/);
  });
});

describe("actions that need a code", () => {
  it("API-key creation asks for a current code when two-factor is on", async () => {
    const { client } = await signUpCompany(api.url, "apikey2fa");
    await client.trpc.apiKeys.create.mutate({ name: "before two-factor" });
    const { authenticator } = await enrol(client);
    const missing = await expectTrpcError(client.trpc.apiKeys.create.mutate({ name: "ci" }), "BAD_REQUEST");
    expect(missing.message).toMatch(/^twoFactorCode: /);
    await expectTrpcError(
      client.trpc.apiKeys.create.mutate({ name: "ci", twoFactorCode: authenticator.lastCode() }),
      "BAD_REQUEST",
    );
    const created = await client.trpc.apiKeys.create.mutate({
      name: "ci",
      twoFactorCode: await authenticator.nextCode(),
    });
    expect(created.key).toMatch(/^afx_/);
  });

  it("disabling needs the password and a code, then log-in asks for no code", async () => {
    const { client, email, user } = await signUpCompany(api.url, "disable");
    const { authenticator } = await enrol(client);
    const wrongPassword = await expectTrpcError(
      client.trpc.twoFactor.disable.mutate({
        password: "not the password",
        // The password is checked first: this code is never looked at.
        code: "000000",
      }),
      "BAD_REQUEST",
    );
    expect(wrongPassword.message).toMatch(/^password: /);
    await client.trpc.twoFactor.disable.mutate({ password: PASSWORD, code: await authenticator.nextCode() });
    expect((await client.trpc.twoFactor.status.query()).enabled).toBe(false);
    const fresh = testClient(api.url);
    const result = await fresh.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    expect(result).toMatchObject({ id: user.id });
    expect(await auditActions(user.id)).toContain("two_factor.disable");
  });

  it("API keys cannot change two-factor settings", async () => {
    const { client } = await signUpCompany(api.url, "keyenrol");
    const { key } = await client.trpc.apiKeys.create.mutate({ name: "script" });
    await expectTrpcError(
      testClient(api.url, { apiKey: key }).trpc.twoFactor.beginEnrolment.mutate(),
      "FORBIDDEN",
    );
  });
});

describe("company requirement", () => {
  it("sends users without two-factor to enrolment only, in their own company only", async () => {
    const { client: admin, user: adminUser } = await signUpCompany(api.url, "require");
    const member = await addCompanyUser(api.url, admin, "require-member");
    const other = await signUpCompany(api.url, "other-tenant");
    // Only admins, and only with two-factor themselves.
    await expectTrpcError(
      member.client.trpc.twoFactor.setCompanyRequirement.mutate({ required: true }),
      "FORBIDDEN",
    );
    await expectTrpcError(
      admin.trpc.twoFactor.setCompanyRequirement.mutate({ required: true }),
      "PRECONDITION_FAILED",
    );
    const { authenticator } = await enrol(admin);
    await admin.trpc.twoFactor.setCompanyRequirement.mutate({ required: true });

    const refused = await expectTrpcError(member.client.trpc.projects.list.query({}), "FORBIDDEN");
    expect(refused.message).toMatch(/requires two-factor/);
    expect((await member.client.trpc.twoFactor.status.query()).companyRequires).toBe(true);
    // Another company is not affected.
    await other.client.trpc.projects.list.query({});
    expect((await other.client.trpc.twoFactor.status.query()).companyRequires).toBe(false);

    await enrol(member.client);
    await member.client.trpc.projects.list.query({});
    // With the requirement on, two-factor cannot be turned off.
    await expectTrpcError(
      admin.trpc.twoFactor.disable.mutate({ password: PASSWORD, code: await authenticator.nextCode() }),
      "PRECONDITION_FAILED",
    );
    const [row] = await database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.userId, adminUser.id), eq(auditLogs.action, "company.require_two_factor")));
    expect(row?.details).toEqual({ required: true });
  });
});
