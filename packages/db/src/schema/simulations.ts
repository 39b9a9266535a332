import type { OutageScreeningPart, StudyError, StudyOptions, StudyResult } from "@ampflux/contracts";
import {
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id } from "./columns.ts";
import { circuitVersions, projects } from "./projects.ts";

export const simulationKind = pgEnum("simulation_kind", [
  "short_circuit",
  "batch_study",
  "load_flow",
  "outage_screening",
]);
export const simulationStatus = pgEnum("simulation_status", [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
]);

export const simulations = pgTable(
  "simulations",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    circuitVersionId: uuid()
      .notNull()
      .references(() => circuitVersions.id, { onDelete: "cascade" }),
    kind: simulationKind().notNull(),
    options: jsonb().$type<StudyOptions>().notNull(),
    /** SHA-256 of (version, canonical options): identical studies share a cache entry and job key. */
    optionsHash: text().notNull(),
    status: simulationStatus().notNull().default("queued"),
    /** Fraction done, 0..1, and what is being done now. */
    progress: real().notNull().default(0),
    progressMessage: text(),
    /**
     * Set when succeeded: a ShortCircuitResult or, for a batch study, a BatchStudyResult. `json`
     * (the text, lz4-compressed), not jsonb: written once, read whole (migration 0019).
     */
    result: json().$type<StudyResult>(),
    /** Set when failed. */
    error: jsonb().$type<StudyError>(),
    /** Wall-clock milliseconds per phase, e.g. { load, solve, store }. */
    timings: jsonb().$type<Record<string, number>>(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.projectId, t.createdAt), index().on(t.circuitVersionId, t.optionsHash)],
);

/**
 * What one part of a spread study covers: a list of ids (an N-1 screening's listed outages), or
 * slice `slice` of `of` interleaved slices (positions slice, slice + of, …) of the set the part
 * derives from the document itself (a screening of "all" branches, split without reading the
 * document before the parts run).
 */
export type SimulationPartInput = string[] | { slice: number; of: number };

/** What a part stores for the fan-in (an N-1 screening's part, compactly). */
export type SimulationPartResult = OutageScreeningPart;

/**
 * The parts of a study spread over workers (an N-1 screening's outage set split into chunks): each
 * part job stores its result here once; the part that completes the set merges them (fan-in).
 */
export const simulationParts = pgTable(
  "simulation_parts",
  {
    simulationId: uuid()
      .notNull()
      .references(() => simulations.id, { onDelete: "cascade" }),
    part: integer().notNull(),
    /** What the part covers (for a screening: its outage ids, or its slice of an "all" set). */
    input: jsonb().$type<SimulationPartInput>().notNull(),
    /** Null until the part is done; stored once, so a retried part is counted once. `json`, as above. */
    result: json().$type<SimulationPartResult>(),
    /**
     * When its job was queued; null while it waits for one of its company's sweep slots (a part
     * is queued when another of the company's parts finishes: simulation-parts.ts).
     */
    queuedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.simulationId, t.part] })],
);
