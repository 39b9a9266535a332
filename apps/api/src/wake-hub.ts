// Live feeds over SSE from Postgres NOTIFYs: one LISTEN per api process and channel, fanned out
// in-process to the subscriptions of a key (a user, a project). A payload only says whose feed
// changed; subscribers then read the rows themselves, so nothing depends on NOTIFY delivery alone.

import type { DbClient } from "@ampflux/db";
import { TRPCError, tracked } from "@trpc/server";
import { databaseUnavailable, isDatabaseOutage } from "./database-outage.ts";
import type { Logger } from "./logger.ts";
import { PgChannel } from "./pg-channel.ts";

/** Called when the key's feed may have new rows (`true`), or once the hub closes (`false`). */
export type Wake = (open: boolean) => void;

export interface WakeHubOptions {
  channel: string;
  /** Names the hub in logs. */
  label: string;
  /** The key a NOTIFY payload names, if it is well formed: the channel is open to any database user. */
  keyOf(payload: string): string | undefined;
}

/** The string field `field` of a JSON payload. */
export function payloadField(payload: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(payload) as Record<string, unknown>)[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

export class WakeHub {
  readonly #log: Logger;
  readonly #options: WakeHubOptions;
  readonly #channel: PgChannel<Wake>;

  constructor(database: DbClient, log: Logger, options: WakeHubOptions) {
    this.#log = log;
    this.#options = options;
    this.#channel = new PgChannel<Wake>(database, log, options.channel, {
      label: options.label,
      onPayload: (payload) => this.#dispatch(payload),
      // Subscribers re-read their feed: what was NOTIFYed meanwhile is not lost for them.
      onRelisten: () => {
        for (const key of this.#channel.keys()) for (const wake of this.#channel.listenersOf(key)) wake(true);
      },
    });
  }

  /** Wakes `wake` on each NOTIFY for `key` until the returned function is called (PgChannel). */
  subscribe(key: string, wake: Wake): Promise<() => void> {
    return this.#channel.subscribe(key, wake);
  }

  listenerCount(): number {
    return this.#channel.listenerCount();
  }

  close(): Promise<void> {
    return this.#channel.close((wake) => wake(false));
  }

  #dispatch(payload: string): void {
    const key = this.#options.keyOf(payload);
    if (!key) {
      this.#log.warn(`ignored malformed ${this.#options.label} event`, { payload: payload.slice(0, 200) });
      return;
    }
    for (const wake of this.#channel.listenersOf(key)) wake(true);
  }
}

export interface Feed<Row, Event> {
  hub: WakeHub;
  key: string;
  /** Where to start: the client's last event id, else the newest row now. */
  after: number | undefined;
  newest(): Promise<number>;
  /** Rows after `id`, oldest first, at most `limit`. */
  rowsAfter(id: number, limit: number): Promise<Row[]>;
  idOf(row: Row): number;
  /** The event sent for the rows of one read (e.g. with a count read once for them). */
  events(rows: Row[]): Promise<Event[]>;
  signal: AbortSignal | undefined;
}

/** Rows read per query; a longer backlog is sent in several. */
const BATCH = 100;

/**
 * Every row of a feed created after `after`, as tracked events (their id), until `signal` aborts:
 * a client that reconnects with its last event id resumes where it was, missing nothing and
 * getting nothing twice.
 */
export async function* liveFeed<Row, Event>(feed: Feed<Row, Event>) {
  const { hub, key, signal } = feed;
  let pending = true;
  let open = true;
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the first read, so a row committed after it always wakes us.
    unsubscribe = await hub.subscribe(key, (stillOpen) => {
      pending = true;
      open &&= stillOpen;
      wake?.();
    });
    let last = feed.after ?? (await feed.newest());
    while (!signal?.aborted) {
      if (!open)
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down, reconnect" });
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal?.aborted) resolve();
        });
        wake = undefined;
        continue;
      }
      pending = false;
      const rows = await feed.rowsAfter(last, BATCH);
      if (rows.length === BATCH) pending = true;
      if (rows.length === 0) continue;
      const events = await feed.events(rows);
      for (const [i, row] of rows.entries()) {
        last = feed.idOf(row);
        yield tracked(String(last), events[i] as Event);
      }
    }
  } catch (error) {
    throw isDatabaseOutage(error) ? databaseUnavailable(error) : error;
  } finally {
    unsubscribe?.();
    signal?.removeEventListener("abort", onAbort);
  }
}
