// The headers every answer carries: request id, CORS for the allowed web origins and Hono's
// secure headers, written onto the finished response's own headers after the handler ran.
//
// Why not Hono's cors() and secureHeaders() in the chain (profiled under autocannon, see
// docs/performance.md): cors() touches `c.res` before the handler, so Hono later merges the
// handler's response into a new one, and its `c.header("Vary", …)` after the handler does the
// same again; each merge turns @hono/node-server's light response into a web-stream Response
// (undici copies the body, the adapter reads it back as a stream): about a tenth of auth.me's CPU.
// Setting the headers in place keeps the light response, and the same header list serves
// circuits.get's direct write to the socket (circuits/get-fast-path.ts). Preflight (OPTIONS)
// requests still go through Hono's cors(), mounted for OPTIONS only in app.ts.

import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { MiddlewareHandler } from "hono/types";

/** Headers exposed to browser scripts on cross-origin answers. */
export const EXPOSED_HEADERS = ["X-Request-Id"];

export type HeaderList = Array<[string, string]>;

/** What Hono's secureHeaders() (defaults) sets, asked of it once on a throwaway app. */
async function secureHeaderList(): Promise<HeaderList> {
  const probe = new Hono().use(secureHeaders()).get("/", (c) => c.body(null));
  const res = await probe.request("/");
  const list: HeaderList = [];
  res.headers.forEach((value, name) => {
    list.push([name, value]);
  });
  return list;
}

/**
 * Headers a handler adds to its answer (session cookie, Retry-After…) when the answer is built by
 * someone else (tRPC's handler): kept in the request's variables and written with the others.
 */
export function answerHeaders(c: Context): Headers {
  let headers = c.get("answerHeaders") as Headers | undefined;
  if (!headers) {
    headers = new Headers();
    c.set("answerHeaders", headers);
  }
  return headers;
}

export interface ResponseHeaders {
  middleware: MiddlewareHandler;
  /** The headers the answer to `c` gets, for a handler that writes to the socket itself. */
  forRequest(c: Context): Promise<HeaderList>;
}

export function responseHeaders(allowedOrigins: readonly string[]): ResponseHeaders {
  const secure = secureHeaderList();
  const exposed = EXPOSED_HEADERS.join(",");
  const forRequest = async (c: Context): Promise<HeaderList> => {
    const list: HeaderList = [...(await secure), ["Vary", "Origin"]];
    const added = c.get("answerHeaders") as Headers | undefined;
    if (added) {
      added.forEach((value, name) => {
        if (name !== "set-cookie") list.push([name, value]);
      });
      for (const cookie of added.getSetCookie()) list.push(["set-cookie", cookie]);
    }
    const requestId = c.get("requestId") as string | undefined;
    if (requestId) list.push(["X-Request-Id", requestId]);
    const origin = c.req.header("origin");
    if (origin && allowedOrigins.includes(origin)) {
      list.push(
        ["Access-Control-Allow-Origin", origin],
        ["Access-Control-Allow-Credentials", "true"],
        ["Access-Control-Expose-Headers", exposed],
      );
    }
    return list;
  };
  const middleware = createMiddleware(async (c, next) => {
    await next();
    // Written to the socket by the handler itself, with forRequest's headers; the marker
    // response is shared and must stay as it is.
    if (c.res === RESPONSE_ALREADY_SENT) return;
    const headers = c.res.headers;
    // A preflight's CORS headers are cors()'s own; it gets the secure headers only.
    const list = c.req.method === "OPTIONS" ? await secure : await forRequest(c);
    for (const [name, value] of list) {
      if (name === "Vary" || name === "set-cookie") headers.append(name, value);
      // A header the handler set itself is kept.
      else if (!headers.has(name)) headers.set(name, value);
    }
  });
  return { middleware, forRequest };
}
