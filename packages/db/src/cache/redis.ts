import { Redis } from "ioredis";
import type { Cache } from "./types.ts";

export interface RedisCacheOptions {
  /** Prepended to every key so several deployments can share one Redis. */
  keyPrefix?: string;
}

export function createRedisCache(url: string, options: RedisCacheOptions = {}): Cache {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix ?? "ampflux:",
    // Fail fast while Redis is down instead of queueing commands forever.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // Connection errors surface through commands; without a listener ioredis would log each retry.
  redis.on("error", () => {});

  return {
    backend: "redis",
    redis,
    get: (key) => redis.get(key),
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, "EX", Math.max(1, Math.ceil(ttlSeconds)));
    },
    async delete(key) {
      await redis.del(key);
    },
    ttl: (key) => redis.ttl(key),
    async ping() {
      const started = performance.now();
      await redis.ping();
      return performance.now() - started;
    },
    async close() {
      redis.disconnect();
    },
  };
}
