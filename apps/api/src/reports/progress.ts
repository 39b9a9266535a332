// Live report progress, the way study progress works (simulations/progress.ts): one LISTEN per
// api process on the channel the worker NOTIFYs, fanned out to the subscribers of each report;
// a periodic re-read of watched rows covers NOTIFYs lost while the connection was down.

import {
  type DbClient,
  type Executor,
  REPORT_PROGRESS_CHANNEL,
  type Report,
  type ReportProgressEvent,
  reports,
} from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Logger } from "../logger.ts";
import { PgChannel } from "../pg-channel.ts";
import { PROGRESS_RESYNC_MS } from "../simulations/progress.ts";

const TERMINAL: ReadonlySet<Report["status"]> = new Set(["done", "failed"]);
const STATUSES: ReadonlySet<string> = new Set(["queued", "running", ...TERMINAL]);

type Listener = (event: ReportProgressEvent | null) => void;

const progressColumns = {
  reportId: reports.id,
  projectId: reports.projectId,
  status: reports.status,
  progress: reports.progress,
  message: reports.progressMessage,
};

/** The payload of a NOTIFY, checked field by field: the channel is open to any database user. */
function parseEvent(payload: string): ReportProgressEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const { reportId, projectId, status, progress, message } = value as Record<string, unknown>;
  if (typeof reportId !== "string" || typeof projectId !== "string") return undefined;
  if (typeof status !== "string" || !STATUSES.has(status)) return undefined;
  if (typeof progress !== "number" || !Number.isFinite(progress)) return undefined;
  if (message !== null && typeof message !== "string") return undefined;
  return { reportId, projectId, status: status as Report["status"], progress, message };
}

export class ReportProgressHub {
  readonly #database: DbClient;
  readonly #log: Logger;
  readonly #channel: PgChannel<Listener>;
  #timer: NodeJS.Timeout | undefined;

  constructor(database: DbClient, log: Logger) {
    this.#database = database;
    this.#log = log;
    this.#channel = new PgChannel<Listener>(database, log, REPORT_PROGRESS_CHANNEL, {
      label: "report progress",
      onPayload: (payload) => {
        const event = parseEvent(payload);
        if (event) this.#deliver(event);
        else this.#log.warn("ignored malformed report progress", { payload: payload.slice(0, 200) });
      },
      onRelisten: () => void this.#resync(),
    });
  }

  async subscribe(reportId: string, listener: Listener): Promise<() => void> {
    const unsubscribe = await this.#channel.subscribe(reportId, listener);
    this.#timer ??= setInterval(() => void this.#resync(), PROGRESS_RESYNC_MS).unref();
    return () => {
      unsubscribe();
      if (this.#channel.keys().length === 0) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  listenerCount(): number {
    return this.#channel.listenerCount();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#channel.close((listener) => listener(null));
  }

  #deliver(event: ReportProgressEvent): void {
    for (const listener of this.#channel.listenersOf(event.reportId)) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error("report progress listener failed", { error: String(error) });
      }
    }
  }

  async #resync(): Promise<void> {
    const ids = this.#channel.keys();
    if (ids.length === 0) return;
    try {
      const rows = await this.#database.db
        .select(progressColumns)
        .from(reports)
        .where(inArray(reports.id, ids));
      for (const row of rows) this.#deliver(row);
    } catch (error) {
      this.#log.warn("report progress resync failed", { error: String(error) });
    }
  }
}

const sameState = (a: ReportProgressEvent, b: ReportProgressEvent) =>
  a.status === b.status && a.progress === b.progress && a.message === b.message;

/** A report's state, then each change, until done or failed, or until `signal` aborts. */
export async function* watchReportProgress(
  hub: ReportProgressHub,
  db: Executor,
  projectId: string,
  reportId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<ReportProgressEvent, void, unknown> {
  const queue: Array<ReportProgressEvent | null> = [];
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the row is read, so no change after the read is lost.
    unsubscribe = await hub.subscribe(reportId, (event) => {
      queue.push(event);
      wake?.();
    });
    queue.length = 0;
    const [row] = await db
      .select(progressColumns)
      .from(reports)
      .where(and(eq(reports.id, reportId), eq(reports.projectId, projectId)));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "report not found" });
    let last: ReportProgressEvent = row;
    yield last;
    while (!TERMINAL.has(last.status)) {
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
      if (next === null)
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down, reconnect" });
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
