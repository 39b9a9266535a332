// "Every api process has applied every invalidation committed before now", so that a logout or
// revoke answered by one api is refused by all of them at the caller's next request.
//
// Postgres delivers NOTIFYs to each listener in commit order, but to each process on its own
// schedule: an api whose LISTEN backend or event loop is starved can see the invalidation after
// the revoking api has answered. So the revoking api sends a `barrier:<id>` NOTIFY on the
// invalidation channel and waits until (a) it came back to itself and (b) every other api whose
// LISTEN connection was up has answered `ack:<id>:<instance>`. An api acks only once the barrier
// reached it, i.e. after it applied every invalidation committed before the barrier.
//
// Which apis listen: each api's database connections carry the application_name
// `ampflux-api/<instance id>` (deps.ts), and its LISTEN connection is the one whose last
// statement was a LISTEN, in pg_stat_activity, read in the same statement that sends the barrier.
// The auth channel is the first such connection listens to (every request authenticates before
// anything subscribes), so a LISTEN still running there is for a later channel, or it is this one
// and that api holds nothing yet: it may miss the barrier and cost the wait its bound, never a
// stale login. An api that starts listening after that cannot hold the revoked login (it caches
// only lookups begun once its LISTEN was up). A peer that does not answer (stopped, overloaded,
// an older version) is waited for up to a bound, then logged by instance id.

import { randomUUID } from "node:crypto";
import type { DbClient } from "@ampflux/db";
import type { Logger } from "../logger.ts";

/** application_name prefix of an api process's connections; the instance id follows. */
export const API_APPLICATION_NAME_PREFIX = "ampflux-api/";

export const apiApplicationName = (instanceId: string) => `${API_APPLICATION_NAME_PREFIX}${instanceId}`;

interface Waiter {
  /** Our own NOTIFY came back: every invalidation committed before it reached this process. */
  echoed: boolean;
  /** The listening peers when the barrier was sent; undefined until that query returned. */
  peers: string[] | undefined;
  acked: Set<string>;
  done(): void;
}

export class PeerBarrier {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #channel: string;
  readonly #instanceId: string;
  readonly #timeoutMs: number;
  readonly #waiters = new Map<string, Waiter>();
  #hiddenPeersLogged = false;

  constructor(database: DbClient, log: Logger, channel: string, instanceId: string, timeoutMs: number) {
    this.#database = database;
    this.#log = log;
    this.#channel = channel;
    this.#instanceId = instanceId;
    this.#timeoutMs = timeoutMs;
  }

  /** Resolves once every listening api has applied what was committed before this call. */
  async wait(): Promise<void> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const waiter: Waiter = { echoed: false, peers: undefined, acked: new Set(), done: () => {} };
    const arrived = new Promise<void>((resolve) => {
      waiter.done = resolve;
      timer = setTimeout(() => {
        const missing = (waiter.peers ?? []).filter((peer) => !waiter.acked.has(peer));
        this.#log.warn("auth cache barrier timed out", {
          timeout_ms: this.#timeoutMs,
          echoed: waiter.echoed,
          unanswered_instances: missing,
        });
        resolve();
      }, this.#timeoutMs);
    });
    this.#waiters.set(id, waiter);
    try {
      const like = `${API_APPLICATION_NAME_PREFIX}%`;
      const [row] = await this.#database.sql<{ peers: string[]; hidden: number }[]>`
        with others as (
          select application_name, query from pg_stat_activity
          where datname = current_database() and application_name like ${like}
            and application_name <> ${apiApplicationName(this.#instanceId)}
        )
        select pg_notify(${this.#channel}, ${`barrier:${id}`})::text as sent,
          array(
            select distinct substr(application_name, ${API_APPLICATION_NAME_PREFIX.length + 1})
            from others where query ilike 'listen %'
          ) as peers,
          (select count(*) from others where query = '<insufficient privilege>')::int as hidden`;
      waiter.peers = row?.peers ?? [];
      if ((row?.hidden ?? 0) > 0 && !this.#hiddenPeersLogged) {
        // Another database role's statements are hidden here: those apis cannot be waited for.
        this.#hiddenPeersLogged = true;
        this.#log.warn("auth cache barrier cannot see some apis: run every api as the same database role", {
          hidden_connections: row?.hidden,
        });
      }
      this.#settle(waiter);
      await arrived;
    } catch (error) {
      // The invalidation itself committed; only the wait for the others failed.
      this.#log.warn("auth cache barrier failed", { error: String(error) });
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(id);
    }
  }

  /** A `barrier:<id>` payload, in channel order: ours came back, or a peer's is acknowledged. */
  onBarrier(id: string): void {
    const waiter = this.#waiters.get(id);
    if (waiter) {
      waiter.echoed = true;
      this.#settle(waiter);
      return;
    }
    this.#database.sql`select pg_notify(${this.#channel}, ${`ack:${id}:${this.#instanceId}`})`.catch(
      (error: unknown) => this.#log.warn("auth cache barrier ack failed", { error: String(error) }),
    );
  }

  /** An `ack:<id>:<instance>` payload: one peer has applied everything before barrier `id`. */
  onAck(idAndInstance: string): void {
    const colon = idAndInstance.indexOf(":");
    const waiter = this.#waiters.get(idAndInstance.slice(0, colon));
    if (!waiter) return;
    waiter.acked.add(idAndInstance.slice(colon + 1));
    this.#settle(waiter);
  }

  /** Lets every pending wait go (the process is closing). */
  releaseAll(): void {
    for (const waiter of this.#waiters.values()) waiter.done();
  }

  #settle(waiter: Waiter): void {
    if (waiter.echoed && waiter.peers?.every((peer) => waiter.acked.has(peer))) waiter.done();
  }
}
