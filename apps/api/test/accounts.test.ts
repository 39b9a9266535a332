// Account recovery end to end: the real api queues emails, a real worker sends them to a real
// SMTP server on loopback, and the tests open the links from the received text.

import { accountTokens, auditLogs, createDb, sessions, users } from "@ampflux/db";
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSmtp, type TestSmtp } from "../../worker/test/smtp.ts";
import { PASSWORD_RESET_ANSWER_MS } from "../src/routers/account-recovery.ts";
import type { RunningApi } from "../src/server.ts";
import {
  addCompanyUser,
  expectTrpcError,
  PASSWORD,
  sameSession,
  signUpCompany,
  startTestApi,
  testClient,
  uniqueEmail,
} from "./helpers.ts";

const NEW_PASSWORD = "a brand new passphrase";
const databaseUrl = inject("databaseUrl");
const database = createDb(databaseUrl);
let smtp: TestSmtp;
let worker: RunningWorker;
/** Sends email; 3 reset requests per address and hour. */
let api: RunningApi;
/** No email (EMAIL_ENABLED off); 2 reset requests per IP and hour. */
let quietApi: RunningApi;

beforeAll(async () => {
  smtp = await startSmtp(0);
  const smtpEnv = {
    EMAIL_ENABLED: "true",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: "AmpFlux <noreply@ampflux.test>",
  };
  worker = await startWorker(
    loadWorkerSettings({
      DATABASE_URL: databaseUrl,
      WORKER_CONCURRENCY: "2",
      LOG_LEVEL: "error",
      APP_URL: "http://app.test",
      ...smtpEnv,
    }),
  );
  api = await startTestApi({
    ...smtpEnv,
    PASSWORD_RESET_MAX_PER_EMAIL: "3",
    PASSWORD_RESET_MAX_PER_IP: "1000",
    VERIFICATION_EMAIL_MAX_PER_USER: "2",
  });
  quietApi = await startTestApi({ PASSWORD_RESET_MAX_PER_IP: "2" });
}, 120_000);
afterAll(async () => {
  await quietApi?.close();
  await api?.close();
  await worker?.stop();
  await smtp?.close();
  await database.close();
});

/** The token of the newest link to `path` emailed to `address`. */
async function linkToken(address: string, path: string, count = 1): Promise<string> {
  const pattern = new RegExp(`http://app\\.test${path}\\?token=([a-z2-7]+)`);
  await smtp.waitForMail(address, pattern);
  for (;;) {
    const links = smtp.mailsTo(address).flatMap((m) => m.text.match(pattern)?.[1] ?? []);
    if (links.length >= count) return links[links.length - 1] as string;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const auditActions = async (userId: string) =>
  (await database.db.select().from(auditLogs).where(eq(auditLogs.userId, userId))).map((row) => row.action);

async function timed<T>(call: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call;
  return { value, ms: performance.now() - started };
}

describe("password reset", () => {
  it("emails a single-use link; the new password works and every old session ends", async () => {
    const { client: oldSession, user, email } = await signUpCompany(api.url, "forgetful");
    const anonymous = testClient(api.url);
    const answer = await anonymous.trpc.account.requestPasswordReset.mutate({ email });
    expect(answer.ok).toBe(true);
    const token = await linkToken(email, "/reset-password");
    const mail = smtp.mailsTo(email).find((m) => m.text.includes("/reset-password"));
    expect(mail?.headers.get("subject")).toBe("Reset your AmpFlux password");
    expect(mail?.text).toContain("30 minutes");
    // Only the hash is stored.
    const stored = await database.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(stored.some((row) => row.tokenHash.includes(token))).toBe(false);

    await anonymous.trpc.account.resetPassword.mutate({ token, newPassword: NEW_PASSWORD });
    expect(await oldSession.trpc.auth.me.query()).toBeNull();
    await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email, password: PASSWORD }),
      "UNAUTHORIZED",
    );
    await testClient(api.url).trpc.auth.logIn.mutate({ email, password: NEW_PASSWORD });
    // Used once: never again.
    await expectTrpcError(
      anonymous.trpc.account.resetPassword.mutate({ token, newPassword: "yet another passphrase" }),
      "BAD_REQUEST",
    );
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );
  });

  it("answers the same, as slowly, whether or not an account uses the address", async () => {
    const { email } = await signUpCompany(api.url, "known");
    const unknown = uniqueEmail("nobody");
    const client = testClient(api.url).trpc.account.requestPasswordReset;
    const known = await timed(client.mutate({ email }));
    const missing = await timed(client.mutate({ email: unknown }));
    expect(missing.value).toEqual(known.value);
    // Both wait out the same floor; no tight upper bound (CI load), only that neither is early.
    expect(known.ms).toBeGreaterThanOrEqual(PASSWORD_RESET_ANSWER_MS - 5);
    expect(missing.ms).toBeGreaterThanOrEqual(PASSWORD_RESET_ANSWER_MS - 5);
    await linkToken(email, "/reset-password");
    const queued = await database.sql`
      select 1 from graphile_worker._private_jobs where payload->'account'->>'to' = ${unknown}`;
    expect(queued).toHaveLength(0);
    expect(smtp.mailsTo(unknown)).toEqual([]);
  });

  it("refuses an expired link, and a link a newer one replaced", async () => {
    const { user, email } = await signUpCompany(api.url, "late");
    const anonymous = testClient(api.url).trpc.account;
    await anonymous.requestPasswordReset.mutate({ email });
    const first = await linkToken(email, "/reset-password");
    await anonymous.requestPasswordReset.mutate({ email });
    const second = await linkToken(email, "/reset-password", 2);
    expect(second).not.toBe(first);
    await expectTrpcError(
      anonymous.resetPassword.mutate({ token: first, newPassword: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    await database.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, "password_reset")));
    const expired = await expectTrpcError(
      anonymous.resetPassword.mutate({ token: second, newPassword: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    expect(expired.message).toMatch(/invalid, already used or expired/);
    await testClient(api.url).trpc.auth.logIn.mutate({ email, password: PASSWORD });
  });

  it("sends nothing for a deactivated account, with the same answer", async () => {
    const admin = await signUpCompany(api.url, "deact-admin");
    const member = await addCompanyUser(api.url, admin.client, "deact-member");
    await admin.client.trpc.users.deactivate.mutate({ userId: member.user.id });
    const answer = await testClient(api.url).trpc.account.requestPasswordReset.mutate({
      email: member.email,
    });
    expect(answer.ok).toBe(true);
    const queued = await database.sql`
      select 1 from graphile_worker._private_jobs
      where payload->'account'->>'to' = ${member.email} and payload->'account'->>'kind' = 'password_reset'`;
    expect(queued).toHaveLength(0);
  });

  it("names the field of a malformed token or a short password", async () => {
    const account = testClient(api.url).trpc.account;
    const badToken = await expectTrpcError(
      account.resetPassword.mutate({ token: "not a token!", newPassword: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    expect(badToken.data?.zodError?.fieldErrors.token).toBeDefined();
    const short = await expectTrpcError(
      account.resetPassword.mutate({ token: "a".repeat(32), newPassword: "short" }),
      "BAD_REQUEST",
    );
    expect(short.data?.zodError?.fieldErrors.newPassword).toBeDefined();
  });
});

describe("password reset rate limits", () => {
  it("limits requests per address, known or not (429 with Retry-After)", async () => {
    const { email } = await signUpCompany(api.url, "limited");
    for (const address of [email, uniqueEmail("limited-unknown")]) {
      const client = testClient(api.url).trpc.account.requestPasswordReset;
      for (let i = 0; i < 3; i += 1) await client.mutate({ email: address });
      const refused = await expectTrpcError(client.mutate({ email: address }), "TOO_MANY_REQUESTS");
      expect(refused.message).toMatch(/retry in \d+ s/);
    }
  });

  it("limits requests per client IP, whatever the address", async () => {
    const client = testClient(quietApi.url).trpc.account.requestPasswordReset;
    await client.mutate({ email: uniqueEmail("ip-a") });
    await client.mutate({ email: uniqueEmail("ip-b") });
    await expectTrpcError(client.mutate({ email: uniqueEmail("ip-c") }), "TOO_MANY_REQUESTS");
  });
});

describe("email verification", () => {
  it("emails a link at sign-up that verifies the address once", async () => {
    const { client, user, email } = await signUpCompany(api.url, "fresh");
    expect(user.emailVerifiedAt).toBeNull();
    const token = await linkToken(email, "/verify-email");
    expect((await client.trpc.auth.me.query())?.user.emailVerifiedAt).toBeNull();
    // Opened in a browser that is not logged in.
    const opened = await testClient(api.url).trpc.account.verifyEmail.mutate({ token });
    expect(opened).toEqual({ email, changed: false });
    expect((await client.trpc.auth.me.query())?.user.emailVerifiedAt).toBeInstanceOf(Date);
    await expectTrpcError(testClient(api.url).trpc.account.verifyEmail.mutate({ token }), "BAD_REQUEST");
    await expectTrpcError(client.trpc.account.resendVerification.mutate(), "PRECONDITION_FAILED");
    expect(await auditActions(user.id)).toContain("account.verify_email");
  });

  it("resends a link (the old one stops working), rate-limited per user", async () => {
    const { client, email } = await signUpCompany(api.url, "resend");
    const first = await linkToken(email, "/verify-email");
    await client.trpc.account.resendVerification.mutate();
    const second = await linkToken(email, "/verify-email", 2);
    await expectTrpcError(
      testClient(api.url).trpc.account.verifyEmail.mutate({ token: first }),
      "BAD_REQUEST",
    );
    await client.trpc.account.resendVerification.mutate();
    await expectTrpcError(client.trpc.account.resendVerification.mutate(), "TOO_MANY_REQUESTS");
    // The second link was replaced by the third.
    await expectTrpcError(
      testClient(api.url).trpc.account.verifyEmail.mutate({ token: second }),
      "BAD_REQUEST",
    );
  });

  it("changes the address only once the new one is verified, and tells the old one", async () => {
    const { client, user, email } = await signUpCompany(api.url, "mover");
    const newEmail = uniqueEmail("moved");
    const taken = (await signUpCompany(api.url, "occupant")).email;
    const wrong = await expectTrpcError(
      client.trpc.account.changeEmail.mutate({ newEmail, currentPassword: "not my password" }),
      "BAD_REQUEST",
    );
    expect(wrong.data?.zodError?.fieldErrors.currentPassword).toEqual(["is wrong"]);
    await expectTrpcError(
      client.trpc.account.changeEmail.mutate({ newEmail: taken, currentPassword: PASSWORD }),
      "CONFLICT",
    );
    await client.trpc.account.changeEmail.mutate({ newEmail, currentPassword: PASSWORD });
    const token = await linkToken(newEmail, "/verify-email");
    expect((await client.trpc.auth.me.query())?.user.email).toBe(email);

    const opened = await testClient(api.url).trpc.account.verifyEmail.mutate({ token });
    expect(opened).toEqual({ email: newEmail, changed: true });
    const me = await client.trpc.auth.me.query();
    expect(me?.user).toMatchObject({ email: newEmail, emailVerifiedAt: expect.any(Date) });
    const notice = await smtp.waitForMail(email, /no longer logs in/);
    expect(notice.text).toContain(newEmail);
    await testClient(api.url).trpc.auth.logIn.mutate({ email: newEmail, password: PASSWORD });
    await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email, password: PASSWORD }),
      "UNAUTHORIZED",
    );
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["account.change_email_requested", "account.change_email"]),
    );
  });

  it("a reset link sent to the old address stops working once the address changed", async () => {
    const { client, email } = await signUpCompany(api.url, "switcher");
    await testClient(api.url).trpc.account.requestPasswordReset.mutate({ email });
    const reset = await linkToken(email, "/reset-password");
    const newEmail = uniqueEmail("switched");
    await client.trpc.account.changeEmail.mutate({ newEmail, currentPassword: PASSWORD });
    await testClient(api.url).trpc.account.verifyEmail.mutate({
      token: await linkToken(newEmail, "/verify-email"),
    });
    await expectTrpcError(
      testClient(api.url).trpc.account.resetPassword.mutate({ token: reset, newPassword: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
  });
});

describe("what unverified accounts may do (company setting)", () => {
  async function companyWithUnverifiedMember(access: "read_only" | "none") {
    const admin = await signUpCompany(api.url, `access-${access}`);
    await testClient(api.url).trpc.account.verifyEmail.mutate({
      token: await linkToken(admin.email, "/verify-email"),
    });
    await admin.client.trpc.companyAccounts.setUnverifiedAccess.mutate({ unverifiedAccess: access });
    const member = await addCompanyUser(api.url, admin.client, `unverified-${access}`);
    return { admin, member };
  }

  it("read_only: queries work, changes are refused until the address is verified", async () => {
    const { admin, member } = await companyWithUnverifiedMember("read_only");
    expect(await admin.client.trpc.companyAccounts.settings.query()).toEqual({
      unverifiedAccess: "read_only",
      emailEnabled: true,
    });
    await member.client.trpc.projects.list.query({});
    const refused = await expectTrpcError(
      member.client.trpc.projects.create.mutate({ name: "not yet" }),
      "FORBIDDEN",
    );
    expect(refused.message).toMatch(/unverified email address only read/);
    // Their own account stays open: they can ask for the link again.
    await member.client.trpc.account.resendVerification.mutate();
    await testClient(api.url).trpc.account.verifyEmail.mutate({
      token: await linkToken(member.email, "/verify-email", 2),
    });
    await member.client.trpc.projects.create.mutate({ name: "verified now" });
  });

  it("none: everything but their own account is refused", async () => {
    const { member } = await companyWithUnverifiedMember("none");
    await expectTrpcError(member.client.trpc.projects.list.query({}), "FORBIDDEN");
    await expectTrpcError(member.client.trpc.apiKeys.create.mutate({ name: "k" }), "FORBIDDEN");
    expect((await member.client.trpc.account.sessions.query()).length).toBe(1);
    // Their own second factor stays theirs to manage.
    await member.client.trpc.twoFactor.status.query();
    expect(await member.client.trpc.auth.me.query()).not.toBeNull();
  });

  it("cannot be limited where no email is sent (EMAIL_ENABLED off)", async () => {
    const { client } = await signUpCompany(quietApi.url, "no-mail");
    const refused = await expectTrpcError(
      client.trpc.companyAccounts.setUnverifiedAccess.mutate({ unverifiedAccess: "none" }),
      "PRECONDITION_FAILED",
    );
    expect(refused.message).toMatch(/EMAIL_ENABLED/);
  });

  it("is for company admins only", async () => {
    const admin = await signUpCompany(api.url, "setting-admin");
    const member = await addCompanyUser(api.url, admin.client, "setting-member");
    await expectTrpcError(
      member.client.trpc.companyAccounts.setUnverifiedAccess.mutate({ unverifiedAccess: "none" }),
      "FORBIDDEN",
    );
  });
});

describe("sessions", () => {
  async function twoSessions(label: string) {
    const { client: first, user, email } = await signUpCompany(api.url, label);
    const second = testClient(api.url);
    await second.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    return { first, second, user, email };
  }

  it("lists the caller's sessions with device, IP and times, the current one marked", async () => {
    const { first } = await twoSessions("lister");
    const listed = await first.trpc.account.sessions.query();
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    for (const session of listed) {
      expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(session.ip).toBe("127.0.0.1");
      expect(session.userAgent).toBeTruthy();
      expect(session.lastUsedAt.getTime()).toBeGreaterThanOrEqual(session.createdAt.getTime());
      // Never the token's hash (the private id).
      expect(Object.keys(session).sort()).toEqual(
        ["createdAt", "current", "expiresAt", "id", "ip", "lastUsedAt", "userAgent"].sort(),
      );
    }
  });

  it("revokes one session, and all the others", async () => {
    const { first, second, email } = await twoSessions("revoker");
    const third = testClient(api.url);
    await third.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    const other = (await first.trpc.account.sessions.query()).find((s) => !s.current);
    await first.trpc.account.revokeSession.mutate({ sessionId: other?.id ?? "" });
    const alive = [await second.trpc.auth.me.query(), await third.trpc.auth.me.query()].filter(Boolean);
    expect(alive).toHaveLength(1);
    expect(await first.trpc.account.revokeOtherSessions.mutate()).toEqual({ ended: 1 });
    expect(await second.trpc.auth.me.query()).toBeNull();
    expect(await third.trpc.auth.me.query()).toBeNull();
    expect(await first.trpc.auth.me.query()).not.toBeNull();
    expect(await first.trpc.account.sessions.query()).toHaveLength(1);
  });

  it("records when a session was last used, on an instance that had not seen it", async () => {
    const { client, user } = await signUpCompany(api.url, "returning");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await database.db.update(sessions).set({ lastUsedAt: anHourAgo }).where(eq(sessions.userId, user.id));
    const elsewhere = sameSession(quietApi.url, client);
    const [session] = await elsewhere.trpc.account.sessions.query();
    expect(session?.current).toBe(true);
    expect(session?.lastUsedAt.getTime()).toBeGreaterThan(anHourAgo.getTime() + 3_000_000);
  });

  it("cannot revoke someone else's session", async () => {
    const victim = await twoSessions("victim");
    const [victimSession] = await victim.first.trpc.account.sessions.query();
    const { client: attacker } = await signUpCompany(api.url, "attacker");
    await expectTrpcError(
      attacker.trpc.account.revokeSession.mutate({ sessionId: victimSession?.id ?? "" }),
      "NOT_FOUND",
    );
    expect(await victim.first.trpc.auth.me.query()).not.toBeNull();
  });
});

describe("company admins over their users' sessions", () => {
  it("lists and ends a member's sessions; the member is logged out", async () => {
    const admin = await signUpCompany(api.url, "session-admin");
    const member = await addCompanyUser(api.url, admin.client, "session-member");
    const listed = await admin.client.trpc.companyAccounts.userSessions.query({ userId: member.user.id });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.current).toBe(false);
    await admin.client.trpc.companyAccounts.endUserSessions.mutate({ userId: member.user.id });
    expect(await member.client.trpc.auth.me.query()).toBeNull();
    expect(await admin.client.trpc.companyAccounts.userSessions.query({ userId: member.user.id })).toEqual(
      [],
    );
    expect(await auditActions(admin.user.id)).toContain("user.end_sessions");
  });

  it("refuses the users of another company, and non-admins", async () => {
    const companyA = await signUpCompany(api.url, "tenant-a");
    const memberA = await addCompanyUser(api.url, companyA.client, "tenant-a-member");
    const companyB = await signUpCompany(api.url, "tenant-b");
    const asB = companyB.client.trpc.companyAccounts;
    await expectTrpcError(asB.userSessions.query({ userId: memberA.user.id }), "NOT_FOUND");
    await expectTrpcError(asB.endUserSessions.mutate({ userId: memberA.user.id }), "NOT_FOUND");
    await expectTrpcError(
      companyB.client.trpc.users.deactivate.mutate({ userId: memberA.user.id }),
      "NOT_FOUND",
    );
    await expectTrpcError(
      memberA.client.trpc.companyAccounts.endUserSessions.mutate({ userId: companyA.user.id }),
      "FORBIDDEN",
    );
    expect(await memberA.client.trpc.auth.me.query()).not.toBeNull();
    const [row] = await database.db.select().from(users).where(eq(users.id, memberA.user.id));
    expect(row?.active).toBe(true);
  });
});
