// Live study progress: one LISTEN connection per api process on the channel the worker (and the
// api) NOTIFY, fanned out in-process to the subscribers of each simulation. Any api instance can
// so serve any client, whichever process runs the study.

import {
  type DbClient,
  type Executor,
  SIMULATION_PROGRESS_CHANNEL,
  type Simulation,
  type SimulationProgressEvent,
  simulations,
} from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Logger } from "../logger.ts";
import { PgChannel } from "../pg-channel.ts";

const TERMINAL: ReadonlySet<Simulation["status"]> = new Set(["succeeded", "failed", "cancelled"]);
const STATUSES: ReadonlySet<string> = new Set(["queued", "running", ...TERMINAL]);

export const isTerminalStatus = (status: Simulation["status"]) => TERMINAL.has(status);

/**
 * How often the rows of watched studies are re-read, as a safety net for state changes that sent
 * no NOTIFY (a cancel) or whose NOTIFY was lost (the LISTEN connection dropped meanwhile).
 */
export const PROGRESS_RESYNC_MS = 30_000;

/** An event of the watched study, or `null` once the hub closes (the api shuts down). */
type Listener = (event: SimulationProgressEvent | null) => void;

const progressColumns = {
  simulationId: simulations.id,
  projectId: simulations.projectId,
  status: simulations.status,
  progress: simulations.progress,
  message: simulations.progressMessage,
};

/** The payload of a NOTIFY, checked field by field: the channel is open to any database user. */
function parseEvent(payload: string): SimulationProgressEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const { simulationId, projectId, status, progress, message } = value as Record<string, unknown>;
  if (typeof simulationId !== "string" || typeof projectId !== "string") return undefined;
  if (typeof status !== "string" || !STATUSES.has(status)) return undefined;
  if (typeof progress !== "number" || !Number.isFinite(progress)) return undefined;
  if (message !== null && typeof message !== "string") return undefined;
  return { simulationId, projectId, status: status as Simulation["status"], progress, message };
}

export class ProgressHub {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #resyncMs: number;
  readonly #channel: PgChannel<Listener>;
  #timer: NodeJS.Timeout | undefined;

  constructor(database: DbClient, log: Logger, resyncMs = PROGRESS_RESYNC_MS) {
    this.#database = database;
    this.#log = log;
    this.#resyncMs = resyncMs;
    this.#channel = new PgChannel<Listener>(database, log, SIMULATION_PROGRESS_CHANNEL, {
      label: "progress",
      onPayload: (payload) => this.#dispatch(payload),
      onRelisten: () => void this.#resync(),
    });
  }

  /**
   * Calls `listener` with every event of the study until the returned function is called.
   * Resolves once the LISTEN is in place: a row read after that misses no later change.
   */
  async subscribe(simulationId: string, listener: Listener): Promise<() => void> {
    const unsubscribe = await this.#channel.subscribe(simulationId, listener);
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
    const event = parseEvent(payload);
    if (!event) {
      this.#log.warn("ignored malformed progress notification", { payload: payload.slice(0, 200) });
      return;
    }
    this.#deliver(event);
  }

  #deliver(event: SimulationProgressEvent): void {
    for (const listener of this.#channel.listenersOf(event.simulationId)) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error("progress listener failed", { error: String(error) });
      }
    }
  }

  /** Re-reads the watched studies and delivers their state; subscribers skip what they have. */
  async #resync(): Promise<void> {
    const ids = this.#channel.keys();
    if (ids.length === 0) return;
    try {
      const rows = await this.#database.db
        .select(progressColumns)
        .from(simulations)
        .where(inArray(simulations.id, ids));
      for (const row of rows) this.#deliver(row);
    } catch (error) {
      this.#log.warn("progress resync failed", { error: String(error) });
    }
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

const sameState = (a: SimulationProgressEvent, b: SimulationProgressEvent) =>
  a.status === b.status && a.progress === b.progress && a.message === b.message;

/**
 * The progress of one study of the project: its current state, then each change, until a
 * terminal status or until `signal` aborts. NOT_FOUND when the study is not the project's.
 */
export async function* watchProgress(
  hub: ProgressHub,
  db: Executor,
  projectId: string,
  simulationId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<SimulationProgressEvent, void, unknown> {
  const queue: Array<SimulationProgressEvent | null> = [];
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the row is read, so no change after the read is lost.
    unsubscribe = await hub.subscribe(simulationId, (event) => {
      queue.push(event);
      wake?.();
    });
    // What arrived so far was committed before the read below: the row already shows it.
    queue.length = 0;
    const [row] = await db
      .select(progressColumns)
      .from(simulations)
      .where(and(eq(simulations.id, simulationId), eq(simulations.projectId, projectId)));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "simulation not found" });
    let last: SimulationProgressEvent = row;
    yield last;
    while (!isTerminalStatus(last.status)) {
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
      if (next.projectId !== projectId || sameState(next, last)) continue;
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
