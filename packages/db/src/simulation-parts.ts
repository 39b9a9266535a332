// A study spread over workers: its parts, one graphile-worker job each (a few at a time per
// company), stored once each, and the fan-in by the part that completes the set. The study's row is locked while a part is counted,
// so exactly one part sees the set complete (a retried part finds its result stored and only
// completes the set if that had not been done).

import { and, asc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { circuitVersions } from "./schema/projects.ts";
import {
  type SimulationPartInput,
  type SimulationPartResult,
  simulationParts,
  simulations,
} from "./schema/simulations.ts";
import { SIMULATION_MAX_ATTEMPTS, SIMULATION_PRIORITIES, type Simulation } from "./simulations.ts";
import { storedElementCount } from "./version-counts.ts";

/** The worker task of a study's parts. */
export const SIMULATION_PART_TASKS = { outage_screening: "outage_screening_part" } as const;

/**
 * Stores the parts (again for the same study — a retried parent, or one an operator queued
 * again — nothing new is stored, and the parts without a result wait for a slot again) and
 * queues as many as the company has free sweep slots (queueCompanyParts).
 */
export async function queueSimulationParts(
  tx: Executor,
  simulation: Pick<Simulation, "id" | "kind" | "projectId">,
  inputs: SimulationPartInput[],
  sweepSlots: number,
): Promise<void> {
  if (inputs.length === 0) return;
  await tx
    .insert(simulationParts)
    .values(inputs.map((input, part) => ({ simulationId: simulation.id, part, input })))
    .onConflictDoNothing();
  await tx
    .update(simulationParts)
    .set({ queuedAt: null })
    .where(and(eq(simulationParts.simulationId, simulation.id), isNull(simulationParts.result)));
  await queueCompanyParts(tx, simulation.projectId, sweepSlots);
}

/**
 * Queues the next parts of a company's running studies, oldest study first, while fewer than
 * `sweepSlots` of its parts are queued and not yet stored: a company's spread studies hold at
 * most that many worker slots, and other companies' parts and every single study (priority 0)
 * take the others. Called when parts are stored and whenever a part's job ends (stored, skipped
 * for a finished study, or failed), so the next part is queued in the same transaction that frees
 * the slot: the worker that finished picks it up at once. (A graphile-worker named queue per slot
 * was tried: a worker asks for its next job before its last one's completion has unlocked that
 * queue, and so sat idle until its next poll.) A transaction-scoped advisory lock per company
 * keeps two finishing parts from both taking the last free slot.
 */
export async function queueCompanyParts(
  tx: Executor,
  projectId: string,
  sweepSlots: number,
): Promise<number> {
  if (!Number.isInteger(sweepSlots) || sweepSlots < 1)
    throw new RangeError(`sweep slots must be a whole number ≥ 1, not ${sweepSlots}`);
  // Its own statement: a statement's snapshot is taken before it runs, so counted after the
  // lock in the same statement, parts another transaction queued meanwhile would be missed.
  await tx.execute(sql`
    select pg_advisory_xact_lock(hashtext('ampflux sweep parts ' || company_id::text))
      from projects where id = ${projectId}`);
  const queued = await tx.execute<{ simulation_id: string; part: number; kind: Simulation["kind"] }>(sql`
    with company as (select company_id from projects where id = ${projectId}),
    studies as (
      select s.id, s.kind, s.created_at from simulations s
        join projects p on p.id = s.project_id
       where p.company_id = (select company_id from company) and s.status = 'running'
    ),
    holding as (
      select count(*)::int as n from simulation_parts sp
       where sp.simulation_id in (select id from studies)
         and sp.queued_at is not null and sp.result is null
    ),
    next as (
      select sp.simulation_id, sp.part, st.kind from simulation_parts sp
        join studies st on st.id = sp.simulation_id
       where sp.queued_at is null and sp.result is null
       order by st.created_at, sp.simulation_id, sp.part
       limit greatest(0, ${sweepSlots}::int - (select n from holding))
    )
    update simulation_parts sp set queued_at = now()
      from next
     where sp.simulation_id = next.simulation_id and sp.part = next.part
    returning sp.simulation_id, sp.part, next.kind`);
  for (const { simulation_id: simulationId, part, kind } of queued) {
    if (kind !== "outage_screening") throw new Error(`a ${kind} study has no parts`);
    await tx.execute(sql`
      select graphile_worker.add_job(
        ${SIMULATION_PART_TASKS[kind]},
        json_build_object('simulationId', ${simulationId}::text, 'part', ${part}::int),
        job_key := ${`${simulationId}:part:${part}`},
        job_key_mode := 'preserve_run_at',
        max_attempts := ${SIMULATION_MAX_ATTEMPTS},
        priority := ${SIMULATION_PRIORITIES[kind]}
      )`);
  }
  return queued.length;
}

/**
 * The size of a study's version for splitting an N-1 screening without reading its document:
 * its buses, and the branches an "all" set can hold at most (every line, transformer, impedance
 * and three-winding transformer, in service or not), from the version's element counts (a
 * version stored before it had them: its document's arrays).
 */
export async function versionSize(
  db: Executor,
  simulationId: string,
): Promise<{ buses: number; branches: number }> {
  const [row] = await db
    .select({
      buses: sql<number>`${storedElementCount("buses")}::int`,
      branches: sql<number>`(${storedElementCount("lines")} + ${storedElementCount("transformers")} + ${storedElementCount("impedances")} + ${storedElementCount("transformers3w")})::int`,
    })
    .from(simulations)
    .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(eq(simulations.id, simulationId));
  return { buses: row?.buses ?? 0, branches: row?.branches ?? 0 };
}

/** One part's input, or undefined when the study has no such part. */
export async function simulationPartInput(
  db: Executor,
  simulationId: string,
  part: number,
): Promise<SimulationPartInput | undefined> {
  const [row] = await db
    .select({ input: simulationParts.input })
    .from(simulationParts)
    .where(and(eq(simulationParts.simulationId, simulationId), eq(simulationParts.part, part)));
  return row?.input;
}

export interface PartsCount {
  done: number;
  total: number;
}

/**
 * Stores a part's result unless it is stored already, with the study's row locked (call inside a
 * transaction), and counts the parts done.
 */
export async function storeSimulationPart(
  tx: Executor,
  simulationId: string,
  part: number,
  result: SimulationPartResult,
): Promise<PartsCount> {
  await tx.execute(sql`select 1 from ${simulations} where ${simulations.id} = ${simulationId} for update`);
  await tx
    .update(simulationParts)
    .set({ result, finishedAt: new Date() })
    .where(
      and(
        eq(simulationParts.simulationId, simulationId),
        eq(simulationParts.part, part),
        isNull(simulationParts.result),
      ),
    );
  const [counts] = await tx
    .select({
      done: sql<number>`count(*) filter (where ${isNotNull(simulationParts.result)})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(simulationParts)
    .where(eq(simulationParts.simulationId, simulationId));
  return { done: counts?.done ?? 0, total: counts?.total ?? 0 };
}

/**
 * Every part's result, in part order (the set is complete). `own` is the calling part's, which
 * it holds in memory: only the others are read and parsed.
 */
export async function simulationPartResults(
  db: Executor,
  simulationId: string,
  own?: { part: number; result: SimulationPartResult },
): Promise<SimulationPartResult[]> {
  const rows = await db
    .select({ part: simulationParts.part, result: simulationParts.result })
    .from(simulationParts)
    .where(
      and(
        eq(simulationParts.simulationId, simulationId),
        own === undefined ? undefined : ne(simulationParts.part, own.part),
      ),
    )
    .orderBy(asc(simulationParts.part));
  const parts = own ? [...rows, own].sort((a, b) => a.part - b.part) : rows;
  return parts.flatMap((r) => (r.result ? [r.result] : []));
}
