// What a per-process cache invalidated by Postgres NOTIFY rests on (the auth cache, the project
// list cache): one LISTEN on its channel, started by the first read, and a generation that every
// invalidation advances. A value read from the database may be kept only if the LISTEN was in
// place before the read began and no invalidation arrived meanwhile: otherwise a change racing
// the read could leave a stale entry behind.

import type { DbClient } from "@ampflux/db";
import type { Logger } from "./logger.ts";
import { PgChannel, type PgChannelOptions } from "./pg-channel.ts";

/** Taken before a database read; its result may be kept only if no invalidation came since. */
export type Generation = number;

export class NotifyGeneration {
  readonly #channel: PgChannel<() => void>;
  #generation = 0;
  #listening = false;
  #subscribing: Promise<unknown> | undefined;
  #closed = false;

  constructor(database: DbClient, log: Logger, channel: string, options: PgChannelOptions) {
    this.#channel = new PgChannel(database, log, channel, options);
  }

  /** The generation to pass to `keeps` after the database read; starts the LISTEN once. */
  current(): Generation {
    this.#ensureListening();
    return this.#generation;
  }

  /** An invalidation happened: reads begun before it must not be kept. */
  advance(): void {
    this.#generation += 1;
  }

  /** Whether a value read since `generation` may be kept. */
  keeps(generation: Generation): boolean {
    return this.#listening && generation === this.#generation;
  }

  /** True once invalidations reach this process. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Starts the LISTEN if needed and resolves once it is in place (rejects if it failed). */
  async listen(): Promise<void> {
    this.#ensureListening();
    await this.#subscribing;
    if (!this.#listening) throw new Error("the LISTEN could not be established");
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#channel.close(() => {});
    this.#listening = false;
  }

  /** Starts the LISTEN once; a failed attempt is retried by a later read. */
  #ensureListening(): void {
    if (this.#listening || this.#subscribing || this.#closed) return;
    this.#subscribing = this.#channel
      .subscribe("all", () => {})
      .then(
        () => {
          // A read that started before the LISTEN was in place may have missed an invalidation:
          // the new generation keeps its result out of the cache.
          this.#generation += 1;
          this.#listening = !this.#closed;
        },
        () => {
          this.#subscribing = undefined;
        },
      );
  }
}
