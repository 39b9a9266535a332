// Live study progress: the studies' rows as a RowProgressHub (progress/row-progress-hub.ts), on the
// channel the worker (and the api, for inline studies) NOTIFY.

import type { DbClient } from "@ampflux/db";
import {
  type Executor,
  SIMULATION_PROGRESS_CHANNEL,
  type Simulation,
  type SimulationProgressEvent,
  simulations,
} from "@ampflux/db";
import { and, eq, inArray } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import {
  PROGRESS_RESYNC_MS,
  type ProgressRows,
  RowProgressHub,
  watchRowProgress,
} from "../progress/row-progress-hub.ts";

export { PROGRESS_RESYNC_MS };

const TERMINAL: ReadonlySet<Simulation["status"]> = new Set(["succeeded", "failed", "cancelled"]);

export const isTerminalStatus = (status: Simulation["status"]) => TERMINAL.has(status);

const progressColumns = {
  simulationId: simulations.id,
  projectId: simulations.projectId,
  status: simulations.status,
  progress: simulations.progress,
  message: simulations.progressMessage,
};

const simulationRows: ProgressRows<SimulationProgressEvent> = {
  label: "progress",
  channel: SIMULATION_PROGRESS_CHANNEL,
  idKey: "simulationId",
  statuses: new Set(["queued", "running", ...TERMINAL]),
  isTerminal: isTerminalStatus,
  read: (db, ids) => db.select(progressColumns).from(simulations).where(inArray(simulations.id, ids)),
  readOne: async (db, projectId, id) =>
    (
      await db
        .select(progressColumns)
        .from(simulations)
        .where(and(eq(simulations.id, id), eq(simulations.projectId, projectId)))
    )[0],
  notFound: "simulation not found",
};

export class ProgressHub extends RowProgressHub<SimulationProgressEvent> {
  constructor(database: DbClient, log: Logger, resyncMs = PROGRESS_RESYNC_MS) {
    super(database, log, simulationRows, resyncMs);
  }
}

/** One study's state, then each change, until a terminal status or until `signal` aborts. */
export const watchProgress = (
  hub: ProgressHub,
  db: Executor,
  projectId: string,
  simulationId: string,
  signal: AbortSignal | undefined,
) => watchRowProgress(hub, db, projectId, simulationId, signal);
