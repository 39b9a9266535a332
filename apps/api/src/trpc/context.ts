import type { Context as HonoContext } from "hono";
import { generateCookie, getCookie } from "hono/cookie";
import { authenticateApiKey } from "../auth/api-keys.ts";
import type { AuthCompany } from "../auth/auth-cache.ts";
import { SESSION_COOKIE, type SessionUser, validateSessionToken } from "../auth/sessions.ts";
import { clientIp } from "../client-ip.ts";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { ApiDeps } from "../deps.ts";
import { answerHeaders } from "../middleware/response-headers.ts";

export type Auth =
  | { via: "session"; sessionId: string; user: SessionUser; company: AuthCompany }
  | { via: "api_key"; user: SessionUser; company: AuthCompany };

// A type alias, not an interface: the Hono adapter wants a Record-compatible context.
export type Context = {
  deps: ApiDeps;
  requestId: string;
  client: { ip: string | undefined; userAgent: string | undefined };
  auth: Auth | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  setHeader(name: string, value: string): void;
  /**
   * Set by trpc/single-query.ts, which writes the answer's JSON itself: a procedure may return a
   * stored result as its text (StoredJsonText, trpc/stored-json.ts). Middlewares' next({ ctx })
   * copies it into the procedure's context.
   */
  storedTextAnswers?: boolean;
};

/**
 * Who is calling: a bearer API key, else the session cookie (refreshed when its expiry slid).
 * Usually no database round trip: validations are cached per process (auth/auth-cache.ts).
 */
async function resolveAuth(
  c: HonoContext,
  deps: ApiDeps,
  ctx: Pick<Context, "setSessionCookie" | "clearSessionCookie">,
) {
  const db = deps.database.db;
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const caller = await authenticateApiKey(db, deps.authCache, bearer);
    return caller ? ({ via: "api_key", user: caller.user, company: caller.company } as const) : null;
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const session = await validateSessionToken(db, deps.authCache, token);
  if (!session) {
    ctx.clearSessionCookie();
    return null;
  }
  ctx.setSessionCookie(token, session.expiresAt);
  return {
    via: "session",
    sessionId: session.sessionId,
    user: session.user,
    company: session.company,
  } as const;
}

export async function createContext(c: HonoContext, deps: ApiDeps): Promise<Context> {
  const secure = deps.settings.NODE_ENV === "production";
  // Headers for the answer go to the request's own list, which middleware/response-headers.ts
  // writes onto tRPC's response (Hono's c.header() would be lost or cost a response rebuild).
  const cookies = {
    setSessionCookie(token: string, expiresAt: Date) {
      answerHeaders(c).append(
        "set-cookie",
        generateCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          secure,
          sameSite: "Lax",
          path: "/",
          expires: expiresAt,
        }),
      );
    },
    clearSessionCookie() {
      answerHeaders(c).append(
        "set-cookie",
        generateCookie(SESSION_COOKIE, "", { path: "/", secure, maxAge: 0 }),
      );
    },
  };
  const auth = await resolveAuth(c, deps, cookies).catch((error: unknown) => {
    throw isDatabaseOutage(error) ? databaseUnavailable(error) : error;
  });
  // For the request's log line (middleware/request-log.ts).
  c.set("userId", auth?.user.id);
  c.set("companyId", auth?.user.companyId);
  return {
    deps,
    requestId: c.get("requestId"),
    client: { ip: clientIp(c, deps.settings.TRUSTED_PROXIES), userAgent: c.req.header("user-agent") },
    auth,
    ...cookies,
    setHeader: (name, value) => answerHeaders(c).set(name, value),
  };
}
