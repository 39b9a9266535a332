import type { Cache } from "./types.ts";

interface Entry {
  value: string;
  /** Epoch milliseconds; Infinity for no expiry. */
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 30_000;

/** In-process cache with Redis-like TTL semantics, for running without a Redis server. */
export function createMemoryCache(now: () => number = Date.now): Cache {
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const secondsLeft = (entry: Entry) =>
    entry.expiresAt === Number.POSITIVE_INFINITY ? -1 : Math.ceil((entry.expiresAt - now()) / 1000);

  // Expired entries are also dropped on read; the sweep bounds memory for keys never read again.
  const sweeper = setInterval(() => {
    for (const key of entries.keys()) live(key);
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    backend: "memory",
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    },
    async delete(key) {
      entries.delete(key);
    },
    async ttl(key) {
      const entry = live(key);
      return entry ? secondsLeft(entry) : -2;
    },
    async ping() {
      return 0;
    },
    async close() {
      clearInterval(sweeper);
      entries.clear();
    },
  };
}
