// The abuse limits of docs/limits.md: how much heavy work, how many uploads and how many live
// streams one user and one company may have, so that no tenant starves the others.

import type { Cache } from "@ampflux/db/cache";
import { TRPCError } from "@trpc/server";
import type { ApiMetrics } from "../metrics/api-metrics.ts";
import type { ApiSettings } from "../settings.ts";
import { ConcurrencyLimit, RateLimit } from "./limiters.ts";

/** Work that costs seconds of CPU or an upstream's money: studies run inline, imports, the assistant, reports. */
export type HeavyKind = "study" | "import" | "assistant" | "report";

/** Slots outlive an instance that died holding them this long at most (longer than any request). */
const SLOT_TTL_S = 15 * 60;
/** Retry-After of a concurrency refusal: a slot frees when one of the caller's requests ends. */
const CONCURRENCY_RETRY_S = 1;
const LOGIN_WINDOW_S = 15 * 60;
const ACCOUNT_EMAIL_WINDOW_S = 60 * 60;

/**
 * Set on the answer of a heavy refusal (rate or concurrency): its message, URI-encoded. middleware/refusal-memo.ts
 * reads and removes it (it is never sent) and answers that client's retries before the
 * Retry-After at once.
 */
export const RATE_REFUSAL_HEADER = "x-ampflux-rate-refusal";

export interface LimitCaller {
  user: { id: string; companyId: string };
  setHeader(name: string, value: string): void;
}

/** Gives a held slot back; safe to call more than once. */
export type Release = () => Promise<void>;

export class AbuseLimits {
  readonly loginPerIp: RateLimit;
  readonly loginPerEmail: RateLimit;
  /** Account emails (docs/accounts.md#limits): password resets per IP and per address, verifications per user. */
  readonly passwordResetPerIp: RateLimit;
  readonly passwordResetPerEmail: RateLimit;
  readonly verificationEmailPerUser: RateLimit;
  /** Questions to the assistant per minute (ai/rate-limit.ts): they cost the company model tokens. */
  readonly assistantPerUser: RateLimit;
  readonly assistantPerCompany: RateLimit;
  readonly #heavyPerUser: RateLimit;
  readonly #heavyPerCompany: RateLimit;
  readonly #heavySlotsPerUser: ConcurrencyLimit;
  readonly #heavySlotsPerCompany: ConcurrencyLimit;
  readonly #uploadSlots: ConcurrencyLimit;
  readonly #streamSlots: ConcurrencyLimit;
  readonly #metrics: ApiMetrics;

  constructor(settings: ApiSettings, cache: Cache, metrics: ApiMetrics) {
    this.#metrics = metrics;
    const rate = (name: string, points: number, durationSeconds: number, onOutage: "refuse" | "local") =>
      new RateLimit(cache, { name, points, durationSeconds, onOutage });
    const slots = (name: string, points: number) =>
      new ConcurrencyLimit(cache, { name, points, durationSeconds: SLOT_TTL_S, onOutage: "local" });
    this.loginPerIp = rate("login:ip", settings.LOGIN_MAX_PER_IP, LOGIN_WINDOW_S, "refuse");
    this.loginPerEmail = rate("login:email", settings.LOGIN_MAX_PER_EMAIL, LOGIN_WINDOW_S, "refuse");
    this.passwordResetPerIp = rate(
      "reset:ip",
      settings.PASSWORD_RESET_MAX_PER_IP,
      ACCOUNT_EMAIL_WINDOW_S,
      "refuse",
    );
    this.passwordResetPerEmail = rate(
      "reset:email",
      settings.PASSWORD_RESET_MAX_PER_EMAIL,
      ACCOUNT_EMAIL_WINDOW_S,
      "refuse",
    );
    this.verificationEmailPerUser = rate(
      "verification:user",
      settings.VERIFICATION_EMAIL_MAX_PER_USER,
      ACCOUNT_EMAIL_WINDOW_S,
      "refuse",
    );
    // "refuse": an outage must not lift the bound on what the company pays the model server.
    this.assistantPerUser = rate("ai:user", settings.AI_MAX_PER_USER_PER_MINUTE, 60, "refuse");
    this.assistantPerCompany = rate("ai:company", settings.AI_MAX_PER_COMPANY_PER_MINUTE, 60, "refuse");
    this.#heavyPerUser = rate("heavy:user", settings.HEAVY_MAX_PER_USER_PER_MINUTE, 60, "local");
    this.#heavyPerCompany = rate("heavy:company", settings.HEAVY_MAX_PER_COMPANY_PER_MINUTE, 60, "local");
    this.#heavySlotsPerUser = slots("heavy-slots:user", settings.HEAVY_MAX_CONCURRENT_PER_USER);
    this.#heavySlotsPerCompany = slots("heavy-slots:company", settings.HEAVY_MAX_CONCURRENT_PER_COMPANY);
    this.#uploadSlots = slots("upload-slots:user", settings.UPLOAD_MAX_CONCURRENT_PER_USER);
    this.#streamSlots = slots("stream-slots:user", settings.SSE_MAX_PER_USER);
  }

  /** TOO_MANY_REQUESTS with Retry-After, counted in the metrics under `limit`. */
  tooMany(
    caller: Pick<LimitCaller, "setHeader">,
    limit: string,
    retryAfter: number,
    message: string,
    remember = false,
  ): never {
    this.#metrics.rateLimited.inc({ limit });
    caller.setHeader("Retry-After", String(retryAfter));
    if (remember) caller.setHeader(RATE_REFUSAL_HEADER, encodeURIComponent(message));
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message });
  }

  /**
   * Admits one heavy request: within the user's and the company's rate
   * (HEAVY_MAX_PER_*_PER_MINUTE) and concurrency (HEAVY_MAX_CONCURRENT_PER_*). Returns the
   * release of its slots; TOO_MANY_REQUESTS naming the limit otherwise.
   */
  async admitHeavy(caller: LimitCaller, kind: HeavyKind): Promise<Release> {
    const { id, companyId } = caller.user;
    const [byUser, byCompany] = await Promise.all([
      this.#heavyPerUser.take(id),
      this.#heavyPerCompany.take(companyId),
    ]);
    if (byUser !== undefined)
      this.tooMany(
        caller,
        "heavy_rate",
        byUser,
        `${heavyWhat[kind]}: you exceed HEAVY_MAX_PER_USER_PER_MINUTE, retry in ${byUser} s`,
        true,
      );
    if (byCompany !== undefined)
      this.tooMany(
        caller,
        "heavy_rate",
        byCompany,
        `${heavyWhat[kind]}: your company exceeds HEAVY_MAX_PER_COMPANY_PER_MINUTE, retry in ${byCompany} s`,
        true,
      );
    const user = await this.#slot(this.#heavySlotsPerUser, id);
    if (!user)
      this.tooMany(
        caller,
        "heavy_concurrency",
        CONCURRENCY_RETRY_S,
        `${heavyWhat[kind]}: you already have HEAVY_MAX_CONCURRENT_PER_USER heavy requests running, retry when one ends`,
        true,
      );
    const company = await this.#slot(this.#heavySlotsPerCompany, companyId);
    if (!company) {
      await user();
      this.tooMany(
        caller,
        "heavy_concurrency",
        CONCURRENCY_RETRY_S,
        `${heavyWhat[kind]}: your company already has HEAVY_MAX_CONCURRENT_PER_COMPANY heavy requests running, retry when one ends`,
        true,
      );
    }
    return async () => {
      await Promise.all([user(), company()]);
    };
  }

  /** One of the user's UPLOAD_MAX_CONCURRENT_PER_USER uploads in progress. */
  async admitUpload(caller: LimitCaller): Promise<Release> {
    const release = await this.#slot(this.#uploadSlots, caller.user.id);
    if (!release)
      this.tooMany(
        caller,
        "uploads",
        CONCURRENCY_RETRY_S,
        "you already have UPLOAD_MAX_CONCURRENT_PER_USER uploads in progress, retry when one ends",
      );
    return release;
  }

  /** One of the user's SSE_MAX_PER_USER open live streams. */
  async admitStream(caller: LimitCaller): Promise<Release> {
    const release = await this.#slot(this.#streamSlots, caller.user.id);
    if (!release)
      this.tooMany(
        caller,
        "streams",
        CONCURRENCY_RETRY_S,
        "you already have SSE_MAX_PER_USER live streams open: close one (another tab?) first",
      );
    return release;
  }

  async #slot(limit: ConcurrencyLimit, key: string): Promise<Release | undefined> {
    if (!(await limit.acquire(key))) return undefined;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await limit.release(key);
    };
  }
}

const heavyWhat: Record<HeavyKind, string> = {
  study: "too many studies",
  import: "too many imports",
  assistant: "too many assistant questions",
  report: "too many reports",
};
