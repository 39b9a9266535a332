import type { Redis } from "ioredis";

/** A key-value cache with expiry; Redis in production, an in-process map when REDIS_URL is unset. */
export interface Cache {
  readonly backend: "redis" | "memory";
  /** The Redis connection (backend "redis"), for stores that share it, such as the api's rate limiters. */
  readonly redis?: Redis;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Adds one to a counter. The first increment opens a window of `windowSeconds`; the counter
   * disappears when the window ends (fixed-window rate limiting, as INCR + EXPIRE NX).
   */
  increment(key: string, windowSeconds: number): Promise<{ count: number; ttlSeconds: number }>;
  /** Seconds until `key` expires: -2 when missing, -1 when it never expires (Redis TTL semantics). */
  ttl(key: string): Promise<number>;
  /** Round-trip latency in milliseconds; throws when the backend is unreachable. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
