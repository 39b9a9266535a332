// Live progress of rows the worker updates (studies, reports): one LISTEN connection per api
// process on the channel the worker NOTIFYs, fanned out in-process to the subscribers of each
// row, so any api instance can serve any client whichever process does the work. A periodic
// re-read of the watched rows covers state changes that sent no NOTIFY (a cancel) or whose NOTIFY
// was lost while the connection was down.

import type { DbClient, Executor } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Logger } from "../logger.ts";
import { PgChannel } from "../pg-channel.ts";

/** What every progress event carries besides its row's id. */
export interface ProgressState<Status extends string = string> {
  projectId: string;
  status: Status;
  progress: number;
  message: string | null;
}

/** How often the rows of watched work are re-read (the safety net above). */
export const PROGRESS_RESYNC_MS = 30_000;

/** One kind of row whose progress is watched. */
export interface ProgressRows<Event extends ProgressState> {
  /** For log lines: "progress", "report progress". */
  label: string;
  channel: string;
  /** The event's row id field ("simulationId", "reportId"). */
  idKey: keyof Event & string;
  statuses: ReadonlySet<string>;
  isTerminal(status: Event["status"]): boolean;
  /** The rows with these ids, as events. */
  read(db: Executor, ids: string[]): Promise<Event[]>;
  /** The row `id` of the project, or undefined. */
  readOne(db: Executor, projectId: string, id: string): Promise<Event | undefined>;
  /** The NOT_FOUND message: "simulation not found". */
  notFound: string;
}

/** An event of the watched row, or `null` once the hub closes (the api shuts down). */
type Listener<Event> = (event: Event | null) => void;

/** The payload of a NOTIFY, checked field by field: the channel is open to any database user. */
export function parseProgressPayload<Event extends ProgressState>(
  payload: string,
  rows: Pick<ProgressRows<Event>, "idKey" | "statuses">,
): Event | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const fields = value as Record<string, unknown>;
  const { projectId, status, progress, message } = fields;
  const id = fields[rows.idKey];
  if (typeof id !== "string" || typeof projectId !== "string") return undefined;
  if (typeof status !== "string" || !rows.statuses.has(status)) return undefined;
  if (typeof progress !== "number" || !Number.isFinite(progress)) return undefined;
  if (message !== null && typeof message !== "string") return undefined;
  return { [rows.idKey]: id, projectId, status, progress, message } as unknown as Event;
}

export class RowProgressHub<Event extends ProgressState> {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #rows: ProgressRows<Event>;
  readonly #resyncMs: number;
  readonly #channel: PgChannel<Listener<Event>>;
  #timer: NodeJS.Timeout | undefined;

  constructor(database: DbClient, log: Logger, rows: ProgressRows<Event>, resyncMs = PROGRESS_RESYNC_MS) {
    this.#database = database;
    this.#log = log;
    this.#rows = rows;
    this.#resyncMs = resyncMs;
    this.#channel = new PgChannel<Listener<Event>>(database, log, rows.channel, {
      label: rows.label,
      onPayload: (payload) => this.#dispatch(payload),
      onRelisten: () => void this.#resync(),
    });
  }

  get rows(): ProgressRows<Event> {
    return this.#rows;
  }

  /**
   * Calls `listener` with every event of row `id` until the returned function is called.
   * Resolves once the LISTEN is in place: a row read after that misses no later change.
   */
  async subscribe(id: string, listener: Listener<Event>): Promise<() => void> {
    const unsubscribe = await this.#channel.subscribe(id, listener);
    this.#timer ??= setInterval(() => void this.#resync(), this.#resyncMs).unref();
    return () => {
      unsubscribe();
      if (this.#channel.keys().length === 0) this.#stopTimer();
    };
  }

  /** Subscriptions open in this process (for tests and metrics). */
  listenerCount(): number {
    return this.#channel.listenerCount();
  }

  /** Ends every subscription (their clients reconnect, to another instance) and stops listening. */
  async close(): Promise<void> {
    this.#stopTimer();
    await this.#channel.close((listener) => listener(null));
  }

  #dispatch(payload: string): void {
    const event = parseProgressPayload(payload, this.#rows);
    if (!event) {
      this.#log.warn(`ignored malformed ${this.#rows.label} notification`, {
        payload: payload.slice(0, 200),
      });
      return;
    }
    this.#deliver(event);
  }

  #deliver(event: Event): void {
    for (const listener of this.#channel.listenersOf(String(event[this.#rows.idKey]))) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error(`${this.#rows.label} listener failed`, { error: String(error) });
      }
    }
  }

  /** Re-reads the watched rows and delivers their state; subscribers skip what they have. */
  async #resync(): Promise<void> {
    const ids = this.#channel.keys();
    if (ids.length === 0) return;
    try {
      for (const row of await this.#rows.read(this.#database.db, ids)) this.#deliver(row);
    } catch (error) {
      this.#log.warn(`${this.#rows.label} resync failed`, { error: String(error) });
    }
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Where a state is in a row's life: queued, then running with its progress rising, then done. */
const stage = (rows: Pick<ProgressRows<ProgressState>, "isTerminal">, status: string) =>
  rows.isTerminal(status) ? 2 : status === "queued" ? 0 : 1;

/**
 * Whether `next` tells the client something after `last`. NOTIFYs reach each api's LISTEN on
 * its own schedule: one committed before the row was read can arrive after the row was sent
 * (a CI run saw a reconnected client's progress go 0.0006 → 0 → 0.0006), and an older state
 * must not take the client back. A job run again from the start (its worker died) also reports
 * lower progress: the client's bar then waits until the new run passes it.
 */
function isAfter(
  rows: Pick<ProgressRows<ProgressState>, "isTerminal">,
  next: ProgressState,
  last: ProgressState,
) {
  const nextStage = stage(rows, next.status);
  const lastStage = stage(rows, last.status);
  if (nextStage !== lastStage) return nextStage > lastStage;
  if (next.progress !== last.progress) return next.progress > last.progress;
  return next.status !== last.status || next.message !== last.message;
}

/**
 * The progress of row `id` of the project: its current state, then each change, until a
 * terminal status or until `signal` aborts. NOT_FOUND when the row is not the project's.
 */
export async function* watchRowProgress<Event extends ProgressState>(
  hub: RowProgressHub<Event>,
  db: Executor,
  projectId: string,
  id: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Event, void, unknown> {
  const queue: Array<Event | null> = [];
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the row is read, so no change after the read is lost.
    unsubscribe = await hub.subscribe(id, (event) => {
      queue.push(event);
      wake?.();
    });
    // What arrived so far was committed before the read below: the row already shows it. (What
    // was committed before the read but arrives later is left out by isAfter.)
    queue.length = 0;
    const row = await hub.rows.readOne(db, projectId, id);
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: hub.rows.notFound });
    let last: Event = row;
    yield last;
    while (!hub.rows.isTerminal(last.status)) {
      const next = queue.shift();
      if (next === undefined) {
        if (signal?.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal?.aborted) resolve();
        });
        wake = undefined;
        continue;
      }
      if (next === null) {
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down, reconnect" });
      }
      if (next.projectId !== projectId || !isAfter(hub.rows, next, last)) continue;
      last = next;
      yield last;
    }
  } catch (error) {
    throw isDatabaseOutage(error) ? databaseUnavailable(error) : error;
  } finally {
    unsubscribe?.();
    signal?.removeEventListener("abort", onAbort);
  }
}
