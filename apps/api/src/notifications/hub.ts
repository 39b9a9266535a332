// Live notifications: one LISTEN connection per api process on the channel the worker NOTIFYs
// when it stores a notification, fanned out in-process to the subscriptions of that user. The
// payload only says whose notifications changed: subscribers read the rows themselves.

import { type DbClient, NOTIFICATION_CHANNEL } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import type { Logger } from "../logger.ts";
import { PgChannel } from "../pg-channel.ts";

/** Called when the user may have new notifications (`true`), or once the hub closes (`false`). */
export type Wake = (open: boolean) => void;

/** The user a NOTIFY payload names, if it is one: the channel is open to any database user. */
function notifiedUser(payload: string): string | undefined {
  try {
    const { userId } = JSON.parse(payload) as { userId?: unknown };
    return typeof userId === "string" ? userId : undefined;
  } catch {
    return undefined;
  }
}

export class NotificationHub {
  readonly #subscribers = new Map<string, Set<Wake>>();
  readonly #log: Logger;
  readonly #channel: PgChannel;
  #closed = false;

  constructor(database: DbClient, log: Logger) {
    this.#log = log;
    this.#channel = new PgChannel(database, log, NOTIFICATION_CHANNEL, {
      label: "notification",
      onPayload: (payload) => this.#dispatch(payload),
      // Subscribers re-read their feed: what was NOTIFYed meanwhile is not lost for them.
      onRelisten: () => {
        for (const wakes of this.#subscribers.values()) for (const wake of wakes) wake(true);
      },
    });
  }

  /**
   * Wakes `wake` on each new notification of the user until the returned function is called.
   * Resolves once the LISTEN is in place: rows read after that miss no later notification.
   */
  async subscribe(userId: string, wake: Wake): Promise<() => void> {
    if (this.#closed)
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down" });
    const wakes = this.#subscribers.get(userId) ?? new Set();
    this.#subscribers.set(userId, wakes.add(wake));
    const unsubscribe = () => {
      const current = this.#subscribers.get(userId);
      if (current?.delete(wake) && current.size === 0) this.#subscribers.delete(userId);
    };
    try {
      await this.#channel.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Subscriptions open in this process (for tests and metrics). */
  listenerCount(): number {
    let count = 0;
    for (const wakes of this.#subscribers.values()) count += wakes.size;
    return count;
  }

  /** Ends every subscription (their clients reconnect, to another instance) and stops listening. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const wakes = [...this.#subscribers.values()].flatMap((set) => [...set]);
    this.#subscribers.clear();
    for (const wake of wakes) wake(false);
    await this.#channel.close();
  }

  #dispatch(payload: string): void {
    const userId = notifiedUser(payload);
    if (!userId) {
      this.#log.warn("ignored malformed notification event", { payload: payload.slice(0, 200) });
      return;
    }
    for (const wake of this.#subscribers.get(userId) ?? []) wake(true);
  }
}
