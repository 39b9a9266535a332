import type { Redis } from "ioredis";

/** A key-value cache with expiry; Redis in production, an in-process map when REDIS_URL is unset. */
export interface Cache {
  readonly backend: "redis" | "memory";
  /** The Redis connection (backend "redis"), for stores that share it, such as the api's rate limiters. */
  readonly redis?: Redis;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Seconds until `key` expires: -2 when missing, -1 when it never expires (Redis TTL semantics). */
  ttl(key: string): Promise<number>;
  /** Round-trip latency in milliseconds; throws when the backend is unreachable. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
