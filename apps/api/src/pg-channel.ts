import type { DbClient } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import type { Logger } from "./logger.ts";

export interface PgChannelOptions {
  /** Names the channel's users in logs. */
  label: string;
  onPayload(payload: string): void;
  /** postgres-js re-LISTENs by itself after a dropped connection; NOTIFYs meanwhile are lost. */
  onRelisten(): void;
}

/**
 * One LISTEN on a Postgres channel for this process, and the subscriptions it feeds, by key (a
 * study, a user, a project). The LISTEN starts with the first subscription (a failed attempt is
 * retried by the next); on close every subscriber gets a farewell and the channel is UNLISTENed.
 */
export class PgChannel<Listener> {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #channel: string;
  readonly #options: PgChannelOptions;
  readonly #subscribers = new Map<string, Set<Listener>>();
  #listening: Promise<void> | undefined;
  #unlisten: (() => Promise<unknown>) | undefined;
  #listens = 0;
  #closed = false;

  constructor(database: DbClient, log: Logger, channel: string, options: PgChannelOptions) {
    this.#database = database;
    this.#log = log;
    this.#channel = channel;
    this.#options = options;
  }

  /**
   * Adds `listener` under `key` until the returned function is called. Resolves once the LISTEN
   * is in place: rows read after that miss no later change.
   */
  async subscribe(key: string, listener: Listener): Promise<() => void> {
    const refuseWhenClosed = () => {
      if (this.#closed)
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down" });
    };
    refuseWhenClosed();
    await this.#listen();
    refuseWhenClosed();
    // Counted only from here, once the LISTEN is in place: a caller (or test) that sees it in
    // listenerCount() knows every later change reaches it. A NOTIFY that arrived in between is
    // not lost either: callers read the rows after this resolves.
    const listeners = this.#subscribers.get(key) ?? new Set();
    this.#subscribers.set(key, listeners.add(listener));
    return () => {
      const current = this.#subscribers.get(key);
      if (current?.delete(listener) && current.size === 0) this.#subscribers.delete(key);
    };
  }

  listenersOf(key: string): Iterable<Listener> {
    return this.#subscribers.get(key) ?? [];
  }

  /** The keys with at least one subscriber. */
  keys(): string[] {
    return [...this.#subscribers.keys()];
  }

  /** Subscriptions open in this process (for tests and metrics). */
  listenerCount(): number {
    let count = 0;
    for (const listeners of this.#subscribers.values()) count += listeners.size;
    return count;
  }

  /** Ends every subscription with `farewell` (their clients reconnect elsewhere) and UNLISTENs. */
  async close(farewell: (listener: Listener) => void): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const listeners = [...this.#subscribers.values()].flatMap((set) => [...set]);
    this.#subscribers.clear();
    for (const listener of listeners) farewell(listener);
    await this.#listening?.catch(() => {});
    await this.#unlisten?.().catch(() => {});
  }

  #listen(): Promise<void> {
    this.#listening ??= this.#database.sql
      .listen(this.#channel, this.#options.onPayload, () => this.#onListen())
      .then(
        (meta) => {
          this.#unlisten = meta.unlisten;
        },
        (error: unknown) => {
          this.#listening = undefined;
          throw error;
        },
      );
    return this.#listening;
  }

  #onListen(): void {
    this.#listens += 1;
    if (this.#listens === 1) return;
    this.#log.warn(`${this.#options.label} LISTEN re-established`, { channel: this.#channel });
    this.#options.onRelisten();
  }
}
