import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Live worker processes and the graphile-worker ids they run jobs under. A process that stops
 * heartbeating (killed, machine lost) is declared dead by its peers, which unlock its jobs so
 * they run again at once instead of after graphile-worker's 4-hour lock timeout.
 */
export const workerProcesses = pgTable("worker_processes", {
  id: uuid().primaryKey(),
  hostname: text().notNull(),
  pid: integer().notNull(),
  workerIds: text().array().notNull().default([]),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
