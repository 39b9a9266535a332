import { setImmediate as afterPendingIo } from "node:timers/promises";
import type { UnverifiedAccess } from "@ampflux/contracts";
import type { DbClient } from "@ampflux/db";
import type { Logger } from "../logger.ts";
import { type Generation, NotifyGeneration } from "../notify-generation.ts";
import { PeerBarrier } from "./peer-barrier.ts";
import type { SessionUser } from "./sessions.ts";

/** Where migration 0010's triggers announce every change that can end or narrow a login. */
export const AUTH_INVALIDATION_CHANNEL = "auth_invalidation";
/** A backstop only: invalidation is by NOTIFY; no entry outlives this even if one were missed. */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;
/**
 * How long an invalidating request waits for every api to apply it before answering anyway.
 * 2 s was missed once on a machine at load average 20 (a multi-instance test saw the stale entry).
 */
const BARRIER_TIMEOUT_MS = 5_000;

export interface AuthCompany {
  id: string;
  name: string;
  /** Users without two-factor authentication may only enrol (two-factor/requirement.ts). */
  requireTwoFactor: boolean;
  /** What the company lets users with an unverified email do (auth/unverified-access.ts). */
  unverifiedAccess: UnverifiedAccess;
}

/** A validated caller as cached; user and company are frozen (requests share them). */
export type CachedAuth =
  | {
      kind: "session";
      sessionId: string;
      expiresAt: Date;
      user: SessionUser;
      company: AuthCompany;
      /** When this process last wrote sessions.last_used_at (ms since epoch). */
      lastUsedWrittenAt: number;
    }
  | {
      kind: "api_key";
      keyId: string;
      /** null: a key without expiry. */
      expiresAt: Date | null;
      user: SessionUser;
      company: AuthCompany;
      /** When this process last wrote api_keys.last_used_at (ms since epoch). */
      lastUsedWrittenAt: number;
    };

interface Entry {
  value: CachedAuth;
  cachedAt: number;
}

/**
 * Sessions and API keys this process validated recently, by token hash, so a request costs no
 * database round trip for its caller. Correctness rests on the database: migration 0010's
 * triggers NOTIFY `auth_invalidation` on every session delete, key revoke, user or company
 * change, and every api process drops the matching entries when it arrives. Nothing is cached
 * while the LISTEN is not in place, and a re-established LISTEN (NOTIFYs meanwhile are lost)
 * empties the cache. A lookup that overlapped an invalidation is not cached (generation check),
 * so a revoke racing a request cannot leave a stale entry behind. A revoking request answers
 * only once every listening api has dropped the entry (`barrier`, peer-barrier.ts).
 */
export class AuthCache {
  readonly #entries = new Map<string, Entry>();
  readonly #invalidations: NotifyGeneration;
  readonly #peers: PeerBarrier;
  readonly #log: Logger;

  /** `instanceId`: this process's, as in its connections' application_name (deps.ts). */
  constructor(database: DbClient, log: Logger, instanceId: string) {
    this.#log = log;
    this.#peers = new PeerBarrier(database, log, AUTH_INVALIDATION_CHANNEL, instanceId, BARRIER_TIMEOUT_MS);
    this.#invalidations = new NotifyGeneration(database, log, AUTH_INVALIDATION_CHANNEL, {
      label: "auth cache",
      onPayload: (payload) => this.#invalidate(payload),
      onRelisten: () => this.clear(),
    });
  }

  /** The current generation; pass it to `set` after the database lookup. */
  generation(): Generation {
    return this.#invalidations.current();
  }

  get(key: string): CachedAuth | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.cachedAt > MAX_AGE_MS) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * `get`, after the I/O callbacks already due have run: a NOTIFY that reached this process with
   * the request (the same turn of the event loop) is applied before the request is answered
   * from the cache. Costs a macrotask hop, no round trip.
   */
  async lookup(key: string): Promise<CachedAuth | undefined> {
    if (!this.#entries.has(key)) return undefined;
    await afterPendingIo();
    return this.get(key);
  }

  /** Caches `value` unless an invalidation arrived since `generation` or the LISTEN is not up. */
  set(key: string, value: CachedAuth, generation: Generation): void {
    if (!this.#invalidations.keeps(generation)) return;
    // Map keeps insertion order: past the bound, the oldest entry goes.
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, cachedAt: Date.now() });
  }

  /** Updates a cached entry in place (a slid session expiry); no-op when it is gone. */
  update(key: string, value: CachedAuth): void {
    const entry = this.#entries.get(key);
    if (entry) entry.value = value;
  }

  /** Drops one entry now (this process's own logout/revoke; other processes hear the NOTIFY). */
  forget(key: string): void {
    this.#invalidations.advance();
    this.#entries.delete(key);
  }

  /** Drops every entry of a user now (deactivation, role or password change). */
  forgetUser(userId: string): void {
    this.#forgetWhere((value) => value.user.id === userId);
  }

  clear(): void {
    this.#invalidations.advance();
    this.#entries.clear();
  }

  size(): number {
    return this.#entries.size;
  }

  /** True once invalidations reach this process (until then every request asks the database). */
  isListening(): boolean {
    return this.#invalidations.listening;
  }

  /**
   * Resolves once every invalidation committed before this call has reached this process and
   * every other listening api process (peer-barrier.ts). Invalidating requests await it before
   * they answer, so the caller's next request, to whichever api, finds the entry gone. Gives up
   * after a bound (logged) rather than hang a logout.
   */
  async barrier(): Promise<void> {
    // The acks come back on the channel too: an api that has not listened yet (a fresh process
    // whose first authenticated request is a logout) listens first, or it could not hear them.
    if (!this.#invalidations.listening) {
      try {
        await this.#invalidations.listen();
      } catch (error) {
        this.#log.warn("auth cache barrier skipped: no LISTEN", { error: String(error) });
        return;
      }
    }
    await this.#peers.wait();
  }

  async close(): Promise<void> {
    this.clear();
    this.#peers.releaseAll();
    await this.#invalidations.close();
  }

  #invalidate(payload: string): void {
    const colon = payload.indexOf(":");
    const kind = payload.slice(0, colon);
    const id = payload.slice(colon + 1);
    if (kind === "session") this.forget(sessionCacheKey(id));
    else if (kind === "api_key") this.forget(apiKeyCacheKey(id));
    else if (kind === "user") this.forgetUser(id);
    else if (kind === "company") this.#forgetWhere((value) => value.company.id === id);
    else if (kind === "barrier") this.#peers.onBarrier(id);
    else if (kind === "ack") this.#peers.onAck(id);
    // An unknown payload (a newer migration's) drops everything rather than risk a stale login.
    else this.clear();
  }

  #forgetWhere(matches: (value: CachedAuth) => boolean): void {
    this.#invalidations.advance();
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }
}

/** Cache keys by the stored hashes (never the secrets): sessions.id and api_keys.key_hash. */
export const sessionCacheKey = (sessionId: string) => `session:${sessionId}`;
export const apiKeyCacheKey = (keyHash: string) => `api_key:${keyHash}`;
