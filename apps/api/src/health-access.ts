import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

// /health/detailed names the database's latency, the queue's backlog and the worker's heartbeats:
// internal details for operators, not for anonymous visitors. It answers a bearer of HEALTH_TOKEN,
// or a direct request from this machine (a monitoring agent, `curl 127.0.0.1`). A request that
// came through a proxy on this machine (vite preview, Caddy) carries X-Forwarded-For or Forwarded
// and is the proxy's client's, not this machine's, so it needs the token.

const LOOPBACK_PEERS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request comes straight from this machine, through no proxy. */
export function isDirectLoopback(c: Context): boolean {
  const peer = getConnInfo(c).remote.address ?? "";
  const forwarded = c.req.header("x-forwarded-for") ?? c.req.header("forwarded");
  return LOOPBACK_PEERS.test(peer) && forwarded === undefined;
}

/** May this request see the detailed health report? */
export function mayReadDetailedHealth(c: Context, token: string | undefined): boolean {
  const given = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (token && given !== undefined) return sameToken(given, token);
  return isDirectLoopback(c);
}
