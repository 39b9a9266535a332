import { createMemoryCache } from "./memory.ts";
import { createRedisCache } from "./redis.ts";
import type { Cache } from "./types.ts";

export { createMemoryCache } from "./memory.ts";
export { createRedisCache } from "./redis.ts";
export type { Cache } from "./types.ts";

/** Redis when a URL is given, else the in-process store with the same TTL semantics. */
export function createCache(redisUrl: string | undefined, keyPrefix?: string): Cache {
  return redisUrl ? createRedisCache(redisUrl, keyPrefix ? { keyPrefix } : {}) : createMemoryCache();
}
