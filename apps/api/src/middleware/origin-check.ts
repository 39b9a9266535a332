import { createMiddleware } from "hono/factory";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence (OWASP "verifying origin with standard headers"): a state-changing request that
 * carries an Origin header must come from the api itself or an allowed web origin. Browsers send
 * Origin on every cross-site POST; clients without one (CLI, API keys) carry no cookies to abuse.
 */
export const originCheck = (allowedOrigins: string[]) =>
  createMiddleware(async (c, next) => {
    const origin = c.req.header("origin");
    if (SAFE_METHODS.has(c.req.method) || !origin) return next();
    if (origin === new URL(c.req.url).origin || allowedOrigins.includes(origin)) return next();
    return c.json({ error: `requests from ${origin} are not allowed` }, 403);
  });
