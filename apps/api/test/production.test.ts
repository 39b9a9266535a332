// Production mode (NODE_ENV=production) and the client IP behind trusted proxies.

import { SettingsError } from "@ampflux/contracts";
import { sessions } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../src/auth/tokens.ts";
import type { RunningApi } from "../src/server.ts";
import { loadApiSettings } from "../src/settings.ts";
import { PASSWORD, signUpCompany, startTestApi } from "./helpers.ts";

/** Settings a real deployment would give: every production rule satisfied. */
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://ampflux:Zq8-generated-Lk3@db.internal:5432/ampflux",
  METRICS_TOKEN: "0123456789abcdef0123",
  CORS_ORIGINS: "https://ampflux.example.com",
  SECRETS_ENCRYPTION_KEY: "q3J5Nq0sS0N2m1n6B9cQe4XvTt7yUo8pLk2HzGfRdWs=",
};

/** The problems a SettingsError names, one per setting. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadApiSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  return [];
}

describe("production mode settings", () => {
  it("accepts a complete production configuration and turns nothing else on", () => {
    expect(problemsOf(production)).toEqual([]);
    expect(loadApiSettings(production).TRUSTED_PROXIES).toEqual([]);
  });

  it("refuses the development defaults, naming each setting in one error", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://ampflux@127.0.0.1/ampflux",
    });
    expect(problems).toEqual([
      "DATABASE_URL: has no password (production needs a database password)",
      "METRICS_TOKEN: is required in production",
      "SECRETS_ENCRYPTION_KEY: is required in production (32 random bytes, base64: openssl rand -base64 32)",
      "CORS_ORIGINS: must list the web app's public origins in production, not http://localhost:5173, http://127.0.0.1:5173",
    ]);
    // One line for the operator, every problem in it.
    expect(() => loadApiSettings({ NODE_ENV: "production", DATABASE_URL: "postgres://a@h/d" })).toThrow(
      /^invalid configuration: DATABASE_URL: .+; METRICS_TOKEN: .+; SECRETS_ENCRYPTION_KEY: .+; CORS_ORIGINS: .+$/,
    );
  });

  it("needs a 32-byte secrets key, never the public development one", () => {
    expect(problemsOf({ ...production, SECRETS_ENCRYPTION_KEY: "c2hvcnQ=" })).toEqual([
      "SECRETS_ENCRYPTION_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)",
    ]);
    expect(problemsOf({ ...production, NODE_ENV: "development", SECRETS_ENCRYPTION_KEY: undefined })).toEqual(
      [],
    );
  });

  it("refuses well-known database passwords, also given as a query parameter or equal to the user", () => {
    for (const url of [
      "postgres://postgres:postgres@db/ampflux",
      "postgres://ampflux:ampflux-embedded@db/ampflux",
      "postgres://u:ChangeMe@db/ampflux",
      "postgres://ampflux:ampflux@db/ampflux",
      "postgres://ampflux@db/ampflux?password=password",
    ]) {
      expect(problemsOf({ ...production, DATABASE_URL: url }), url).toEqual([
        "DATABASE_URL: uses a well-known password (production needs a generated one)",
      ]);
    }
    expect(
      problemsOf({ ...production, DATABASE_URL: "postgres://ampflux@db/ampflux?password=Xy7-long" }),
    ).toEqual([]);
  });

  it("needs SMTP credentials in production when email is on", () => {
    const email = { ...production, EMAIL_ENABLED: "true", SMTP_HOST: "smtp.example.com", SMTP_FROM: "a@b.c" };
    expect(problemsOf(email)).toEqual([
      "SMTP_USER: is required in production when EMAIL_ENABLED",
      "SMTP_PASSWORD: is required in production when EMAIL_ENABLED",
    ]);
    expect(problemsOf({ ...email, SMTP_USER: "ampflux", SMTP_PASSWORD: "secret" })).toEqual([
      "SMTP_PASSWORD: is a well-known password (production needs the real one)",
    ]);
    expect(problemsOf({ ...email, SMTP_USER: "ampflux", SMTP_PASSWORD: "k8s-injected-9f" })).toEqual([]);
  });

  it("refuses a wildcard or loopback origin in production, not in development", () => {
    expect(problemsOf({ ...production, CORS_ORIGINS: "https://ampflux.example.com,*" })).toEqual([
      "CORS_ORIGINS: must list the web app's public origins in production, not *",
    ]);
    expect(problemsOf({ ...production, CORS_ORIGINS: "http://[::1]:5173" })).toHaveLength(1);
    expect(
      problemsOf({ ...production, NODE_ENV: "development", CORS_ORIGINS: "http://localhost:5173" }),
    ).toEqual([]);
  });

  it("names a TRUSTED_PROXIES entry that is no address, range or name", () => {
    expect(problemsOf({ ...production, TRUSTED_PROXIES: "10.0.0.0/8, loopback, 10.0.0.999" })).toEqual([
      'TRUSTED_PROXIES: "10.0.0.999" is not an IP address, CIDR range or proxy-addr name',
    ]);
    expect(
      loadApiSettings({ ...production, TRUSTED_PROXIES: "10.0.0.0/8, loopback" }).TRUSTED_PROXIES,
    ).toEqual(["10.0.0.0/8", "loopback"]);
  });
});

describe("client IP behind proxies", () => {
  let direct: RunningApi;
  let proxied: RunningApi;
  beforeAll(async () => {
    // The tests connect from 127.0.0.1: to `proxied` that is a trusted proxy, to `direct` a client.
    [direct, proxied] = await Promise.all([
      startTestApi({ LOGIN_MAX_PER_IP: "2" }),
      startTestApi({ LOGIN_MAX_PER_IP: "2", TRUSTED_PROXIES: "loopback" }),
    ]);
  });
  afterAll(() => Promise.all([direct?.close(), proxied?.close()]));

  /** Logs in with a X-Forwarded-For header; returns the HTTP status and the new session's IP. */
  async function logIn(api: RunningApi, email: string, forwardedFor: string) {
    const res = await fetch(`${api.url}/trpc/auth.logIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ json: { email, password: PASSWORD } }),
    });
    const token = res.headers.getSetCookie()[0]?.match(/^ampflux_session=([^;]+)/)?.[1];
    if (!token) return { status: res.status, ip: undefined };
    const [row] = await api.deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    return { status: res.status, ip: row?.ip ?? undefined };
  }

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    const { email } = await signUpCompany(direct.url, "xff-direct");
    expect(await logIn(direct, email, "203.0.113.7")).toEqual({ status: 200, ip: "127.0.0.1" });
    // The limit counts the peer: a client cannot spread its attempts by naming other addresses.
    expect((await logIn(direct, email, "203.0.113.8")).status).toBe(200);
    expect((await logIn(direct, email, "203.0.113.9")).status).toBe(429);
  });

  it("takes the client from X-Forwarded-For behind a trusted proxy, the last untrusted hop", async () => {
    const { email } = await signUpCompany(proxied.url, "xff-proxied");
    expect(await logIn(proxied, email, "203.0.113.7")).toEqual({ status: 200, ip: "203.0.113.7" });
    // A client's own X-Forwarded-For comes first; the proxy appends the address it saw.
    expect(await logIn(proxied, email, "198.51.100.1, 203.0.113.20")).toEqual({
      status: 200,
      ip: "203.0.113.20",
    });
    // Per client: 203.0.113.7 has one attempt left, then is limited; another client is not.
    expect((await logIn(proxied, email, "203.0.113.7")).status).toBe(200);
    expect((await logIn(proxied, email, "203.0.113.7")).status).toBe(429);
    expect((await logIn(proxied, email, "203.0.113.30")).status).toBe(200);
  });
});
