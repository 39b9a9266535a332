import { createDb, sessions } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashToken } from "../src/auth/tokens.ts";
import type { RunningApi } from "../src/server.ts";
import {
  expectTrpcError,
  PASSWORD,
  signUpCompany,
  startTestApi,
  testClient,
  uniqueEmail,
} from "./helpers.ts";

let api: RunningApi;
const database = createDb(inject("databaseUrl"));
beforeAll(async () => {
  api = await startTestApi({ LOGIN_MAX_PER_EMAIL: "3" });
});
afterAll(async () => {
  await api?.close();
  await database.close();
});

const sessionRow = async (token: string) =>
  (
    await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)))
  )[0];

describe("sign up and sessions", () => {
  it("creates a company with its admin and a Lucia-style session (only the token's hash stored)", async () => {
    const { client, user } = await signUpCompany(api.url, "founder");
    expect(user.role).toBe("company_admin");
    const me = await client.trpc.auth.me.query();
    expect(me).toMatchObject({ user: { id: user.id }, company: { name: "founder company" }, via: "session" });
    const token = client.cookie() ?? "";
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(await database.db.select().from(sessions).where(eq(sessions.id, token))).toEqual([]);
    const row = await sessionRow(token);
    expect(row?.userId).toBe(user.id);
    expect(row && row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("sets the cookie HttpOnly and SameSite=Lax", async () => {
    const res = await fetch(`${api.url}/trpc/auth.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        json: { email: uniqueEmail("cookie"), password: PASSWORD, name: "C", companyName: "Cookie Co" },
      }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/ampflux_session=\w+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("names the fields of invalid sign-up input", async () => {
    const error = await expectTrpcError(
      testClient(api.url).trpc.auth.signUp.mutate({
        email: "not-an-email",
        password: "short",
        name: "",
        companyName: "X",
      }),
      "BAD_REQUEST",
    );
    const fields = error.data?.zodError?.fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual(["email", "name", "password"]);
    expect(fields.password).toEqual(["must be at least 10 characters"]);
  });

  it("refuses a second account with the same email", async () => {
    const { email } = await signUpCompany(api.url, "dup");
    await expectTrpcError(
      testClient(api.url).trpc.auth.signUp.mutate({
        email,
        password: PASSWORD,
        name: "X",
        companyName: "Other",
      }),
      "CONFLICT",
    );
  });

  it("expires sessions, and slides the expiry of sessions in use", async () => {
    const { client } = await signUpCompany(api.url, "expiry");
    const token = client.cookie() ?? "";
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 10 * 86_400_000) })
      .where(eq(sessions.id, hashToken(token)));
    await api.deps.authCache.barrier();
    await client.trpc.auth.me.query();
    const slid = await sessionRow(token);
    expect(slid && slid.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, hashToken(token)));
    // A write behind the api's back reaches its session cache by NOTIFY (migration 0010): wait
    // until that has arrived, as the api's own logout and revoke do before they answer.
    await api.deps.authCache.barrier();
    expect(await client.trpc.auth.me.query()).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
  });
});

describe("log in and out", () => {
  it("logs in with the right password only, with one message for unknown email and wrong password", async () => {
    const { email } = await signUpCompany(api.url, "login");
    const wrong = await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email, password: "wrong password" }),
      "UNAUTHORIZED",
    );
    const unknown = await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email: uniqueEmail("nobody"), password: PASSWORD }),
      "UNAUTHORIZED",
    );
    expect(wrong.message).toBe(unknown.message);
    const client = testClient(api.url);
    await client.trpc.auth.logIn.mutate({ email: email.toUpperCase(), password: PASSWORD });
    expect((await client.trpc.auth.me.query())?.user.email).toBe(email);
  });

  it("rate-limits login attempts per email with 429 and Retry-After", async () => {
    const { email } = await signUpCompany(api.url, "limited");
    for (let i = 0; i < 3; i++) {
      await expectTrpcError(
        testClient(api.url).trpc.auth.logIn.mutate({ email, password: "nope nope" }),
        "UNAUTHORIZED",
      );
    }
    const res = await fetch(`${api.url}/trpc/auth.logIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email, password: PASSWORD } }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(800);
  });

  it("ends a session on logout: the old token is refused afterwards", async () => {
    const { client } = await signUpCompany(api.url, "logout");
    const token = client.cookie();
    await client.trpc.auth.logOut.mutate();
    expect(client.cookie()).toBeUndefined();
    const replay = testClient(api.url);
    replay.setCookie(token);
    expect(await replay.trpc.auth.me.query()).toBeNull();
  });

  it("logs out everywhere", async () => {
    const { client, email } = await signUpCompany(api.url, "everywhere");
    const laptop = testClient(api.url);
    await laptop.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    await client.trpc.auth.logOutEverywhere.mutate();
    expect(await laptop.trpc.auth.me.query()).toBeNull();
    await expectTrpcError(client.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("changes the password, ending other sessions but keeping this one", async () => {
    const { client, email } = await signUpCompany(api.url, "passwd");
    const other = testClient(api.url);
    await other.trpc.auth.logIn.mutate({ email, password: PASSWORD });
    await expectTrpcError(
      client.trpc.auth.changePassword.mutate({
        currentPassword: "wrong one!",
        newPassword: "new password 123",
      }),
      "BAD_REQUEST",
    );
    await client.trpc.auth.changePassword.mutate({
      currentPassword: PASSWORD,
      newPassword: "new password 123",
    });
    expect(await other.trpc.auth.me.query()).toBeNull();
    expect((await client.trpc.auth.me.query())?.user.email).toBe(email);
    await expectTrpcError(
      testClient(api.url).trpc.auth.logIn.mutate({ email, password: PASSWORD }),
      "UNAUTHORIZED",
    );
  });
});

describe("CSRF origin check", () => {
  it("refuses state-changing requests from a foreign origin", async () => {
    const { client } = await signUpCompany(api.url, "csrf");
    const res = await fetch(`${api.url}/trpc/projects.create`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://evil.example",
        cookie: `ampflux_session=${client.cookie()}`,
      },
      body: JSON.stringify({ json: { name: "forged" } }),
    });
    expect(res.status).toBe(403);
    expect((await client.trpc.projects.list.query({})).total).toBe(0);
  });
});

describe("API keys", () => {
  it("authenticates with a bearer key until it is revoked, and never shows the key again", async () => {
    const { client, user } = await signUpCompany(api.url, "keys");
    const created = await client.trpc.apiKeys.create.mutate({ name: "CI script" });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const tool = testClient(api.url, { apiKey: created.key });
    expect(await tool.trpc.auth.me.query()).toMatchObject({ user: { id: user.id }, via: "api_key" });
    const [listed] = await client.trpc.apiKeys.list.query();
    expect(listed).toMatchObject({ id: created.id, prefix: created.prefix, name: "CI script" });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);

    await client.trpc.apiKeys.revoke.mutate({ id: created.id });
    await expectTrpcError(tool.trpc.projects.list.query({}), "UNAUTHORIZED");
  });

  it("does not let another user revoke my key", async () => {
    const { client } = await signUpCompany(api.url, "keyowner");
    const { client: stranger } = await signUpCompany(api.url, "stranger");
    const created = await client.trpc.apiKeys.create.mutate({ name: "mine" });
    await expectTrpcError(stranger.trpc.apiKeys.revoke.mutate({ id: created.id }), "NOT_FOUND");
    expect(await stranger.trpc.apiKeys.list.query()).toEqual([]);
  });
});
