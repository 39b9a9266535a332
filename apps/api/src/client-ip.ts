// The client's IP for rate limits, sessions and audit rows. Behind a load balancer the peer is the
// proxy; its X-Forwarded-For is believed only when the peer is one of TRUSTED_PROXIES, walking
// the header from the right past trusted hops (proxy-addr, the algorithm Express uses), so a
// client cannot name itself an address by sending the header directly.

import type { HttpBindings } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context as HonoContext } from "hono";
import proxyaddr from "proxy-addr";

type Trust = ReturnType<typeof proxyaddr.compile>;

/** Compiled once per list: settings are parsed once per process. */
const compiled = new WeakMap<readonly string[], Trust>();

function trustOf(trustedProxies: readonly string[]): Trust {
  let trust = compiled.get(trustedProxies);
  if (!trust) {
    trust = proxyaddr.compile([...trustedProxies]);
    compiled.set(trustedProxies, trust);
  }
  return trust;
}

/** The client's address: the peer's, or with a trusted peer the one its proxies forwarded. */
export function clientIp(c: HonoContext, trustedProxies: readonly string[]): string | undefined {
  const peer = getConnInfo(c).remote.address;
  if (!peer || trustedProxies.length === 0) return peer;
  const incoming = (c.env as HttpBindings).incoming;
  return proxyaddr(incoming, trustOf(trustedProxies));
}
