import type { DbClient } from "@ampflux/db";
import type { Logger } from "./logger.ts";

/**
 * One LISTEN on a Postgres channel for this process, shared by every subscription of a hub.
 * Started on first use (a failed attempt is retried by the next); postgres-js re-LISTENs by
 * itself after a dropped connection, and NOTIFYs sent meanwhile are lost, so `onRelisten` runs
 * then to let the hub catch up.
 */
export class PgChannel {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #channel: string;
  readonly #label: string;
  readonly #onPayload: (payload: string) => void;
  readonly #onRelisten: () => void;
  #listening: Promise<void> | undefined;
  #unlisten: (() => Promise<unknown>) | undefined;
  #listens = 0;

  constructor(
    database: DbClient,
    log: Logger,
    channel: string,
    handlers: { label: string; onPayload: (payload: string) => void; onRelisten: () => void },
  ) {
    this.#database = database;
    this.#log = log;
    this.#channel = channel;
    this.#label = handlers.label;
    this.#onPayload = handlers.onPayload;
    this.#onRelisten = handlers.onRelisten;
  }

  listen(): Promise<void> {
    this.#listening ??= this.#database.sql
      .listen(this.#channel, this.#onPayload, () => this.#onListen())
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

  async close(): Promise<void> {
    await this.#listening?.catch(() => {});
    await this.#unlisten?.().catch(() => {});
  }

  #onListen(): void {
    this.#listens += 1;
    if (this.#listens === 1) return;
    this.#log.warn(`${this.#label} LISTEN re-established`, { channel: this.#channel });
    this.#onRelisten();
  }
}
