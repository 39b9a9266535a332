// Counters of the abuse limits, on rate-limiter-flexible: in the cache's Redis when REDIS_URL is
// set (the limits then hold across api instances), else in this process's memory.

import type { Cache } from "@ampflux/db/cache";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

/**
 * What a limit does while Redis is unreachable: "refuse" (login: an outage must not lift
 * brute-force limits) or "local" (heavy work, streams: counted in this process meanwhile, so the
 * product keeps working with per-instance limits).
 */
export type OnOutage = "refuse" | "local";

export interface LimiterOptions {
  /** Distinguishes the limit's keys in the shared store. */
  name: string;
  points: number;
  durationSeconds: number;
  onOutage: OnOutage;
}

function createLimiter(cache: Cache, options: LimiterOptions, blockInMemory: boolean): RateLimiterAbstract {
  const opts = {
    keyPrefix: `limit:${options.name}`,
    points: options.points,
    duration: options.durationSeconds,
  };
  if (!cache.redis) return new RateLimiterMemory(opts);
  return new RateLimiterRedis({
    ...opts,
    storeClient: cache.redis,
    // Fail at once while Redis is down instead of queueing behind its reconnects.
    rejectIfRedisNotReady: true,
    // A rate key over its limit is refused from this process's memory until its window ends: a
    // client that keeps hammering costs no Redis round trip per request. (Not for slots: one frees
    // whenever a request ends.)
    ...(blockInMemory && { inMemoryBlockOnConsumed: options.points + 1 }),
    ...(options.onOutage === "local" && { insuranceLimiter: new RateLimiterMemory(opts) }),
  });
}

/** Seconds a refused client should wait, for Retry-After (at least 1). */
const retrySeconds = (refusal: RateLimiterRes) => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));

/** `points` requests per `durationSeconds` window per key. */
export class RateLimit {
  readonly #limiter: RateLimiterAbstract;
  constructor(cache: Cache, options: LimiterOptions) {
    this.#limiter = createLimiter(cache, options, true);
  }

  /**
   * Counts one request: undefined while within the limit, else the seconds until the window
   * frees. Refused requests count too, so a client that keeps trying stays refused. A store
   * failure is thrown (only with onOutage "refuse").
   */
  async take(key: string): Promise<number | undefined> {
    try {
      await this.#limiter.consume(key);
      return undefined;
    } catch (error) {
      if (error instanceof RateLimiterRes) return retrySeconds(error);
      throw error;
    }
  }
}

/**
 * Requests in progress per key: a slot taken when one starts and given back when it ends. A slot
 * never given back (an instance that died mid-request) expires with its key after
 * `durationSeconds`.
 */
export class ConcurrencyLimit {
  readonly #limiter: RateLimiterAbstract;
  constructor(cache: Cache, options: LimiterOptions) {
    this.#limiter = createLimiter(cache, options, false);
  }

  /** Takes a slot; false (nothing taken) when all `points` are in use. */
  async acquire(key: string): Promise<boolean> {
    try {
      await this.#limiter.consume(key);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // consume counted the refused request: give that back.
      await this.release(key);
      return false;
    }
  }

  async release(key: string): Promise<void> {
    const left = await this.#limiter.reward(key).catch(() => undefined);
    // The key expired while slots were held: the count restarted, so giving them back went
    // below zero. Reset, rather than let the deficit grant extra slots.
    if (left && left.consumedPoints < 0) await this.#limiter.delete(key).catch(() => {});
  }
}
