import { TRPCError } from "@trpc/server";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { ApiSettings } from "../../settings.ts";

const WINDOW_S = 15 * 60;

/**
 * Guessing limit for second factors: TWO_FACTOR_MAX_ATTEMPTS codes (TOTP or recovery) per user
 * in 15 minutes, counted in Redis so every api process shares it (in-process without
 * REDIS_URL). A million 6-digit codes against 5 tries per 15 minutes: no practical guessing.
 */
export class SecondFactorLimiter {
  readonly #limiter: RateLimiterAbstract;
  readonly #redis: Redis | undefined;

  constructor(settings: Pick<ApiSettings, "REDIS_URL" | "REDIS_KEY_PREFIX" | "TWO_FACTOR_MAX_ATTEMPTS">) {
    const options = { keyPrefix: "2fa", points: settings.TWO_FACTOR_MAX_ATTEMPTS, duration: WINDOW_S };
    if (settings.REDIS_URL) {
      this.#redis = new Redis(settings.REDIS_URL, {
        keyPrefix: settings.REDIS_KEY_PREFIX,
        maxRetriesPerRequest: 1,
        lazyConnect: true,
      });
      // Failures surface through the limiter's promise (fail closed below).
      this.#redis.on("error", () => {});
      this.#limiter = new RateLimiterRedis({ ...options, storeClient: this.#redis });
    } else {
      this.#limiter = new RateLimiterMemory(options);
    }
  }

  /**
   * Counts one attempt for the user; throws TOO_MANY_REQUESTS past the limit, and
   * SERVICE_UNAVAILABLE when the store is unreachable (an outage must not lift the limit).
   */
  async consume(userId: string, setHeader: (name: string, value: string) => void): Promise<void> {
    try {
      await this.#limiter.consume(userId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        throw new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: "code checks are unavailable for a moment, try again",
        });
      }
      const retryAfter = Math.ceil(error.msBeforeNext / 1000);
      setHeader("Retry-After", String(retryAfter));
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `too many wrong codes: retry in ${retryAfter} s`,
      });
    }
  }

  /** After a right code: the user's count starts again. */
  async reset(userId: string): Promise<void> {
    await this.#limiter.delete(userId).catch(() => {});
  }

  async close(): Promise<void> {
    this.#redis?.disconnect();
  }
}
