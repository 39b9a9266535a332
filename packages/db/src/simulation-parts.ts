// A study spread over workers: its parts, one graphile-worker job each, stored once each, and the
// fan-in by the part that completes the set. The study's row is locked while a part is counted,
// so exactly one part sees the set complete (a retried part finds its result stored and only
// completes the set if that had not been done).

import type { StudyResult } from "@ampflux/contracts";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { simulationParts, simulations } from "./schema/simulations.ts";
import {
  SIMULATION_MAX_ATTEMPTS,
  SIMULATION_PRIORITIES,
  type Simulation,
  sweepQueue,
} from "./simulations.ts";

/** The worker task of a study's parts. */
export const SIMULATION_PART_TASKS = { outage_screening: "outage_screening_part" } as const;

/**
 * Stores the parts and queues one job each at the sweeps' priority, spread round-robin over the
 * company's `sweepSlots` sweep queues: every worker may take parts at once, but no more than
 * `sweepSlots` of one company's. Again for the same study (a retried parent, or one an operator
 * queued again): nothing new is stored, and only parts without a stored result are queued (job
 * keys dedupe the ones still queued).
 */
export async function queueSimulationParts(
  tx: Executor,
  simulation: Pick<Simulation, "id" | "kind" | "projectId">,
  task: string,
  inputs: string[][],
  sweepSlots: number,
): Promise<void> {
  if (inputs.length === 0) return;
  await tx
    .insert(simulationParts)
    .values(inputs.map((input, part) => ({ simulationId: simulation.id, part, input })))
    .onConflictDoNothing();
  const stored = await tx
    .select({ part: simulationParts.part })
    .from(simulationParts)
    .where(and(eq(simulationParts.simulationId, simulation.id), isNotNull(simulationParts.result)));
  const done = new Set(stored.map((s) => s.part));
  for (let part = 0; part < inputs.length; part++) {
    if (done.has(part)) continue;
    await tx.execute(sql`
      select graphile_worker.add_job(
        ${task},
        json_build_object('simulationId', ${simulation.id}::text, 'part', ${part}::int),
        queue_name := ${sweepQueue(simulation.projectId, sweepSlots)},
        job_key := ${`${simulation.id}:part:${part}`},
        job_key_mode := 'preserve_run_at',
        max_attempts := ${SIMULATION_MAX_ATTEMPTS},
        priority := ${SIMULATION_PRIORITIES[simulation.kind]}
      )`);
  }
}

/** One part's input, or undefined when the study has no such part. */
export async function simulationPartInput(db: Executor, simulationId: string, part: number) {
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
  result: StudyResult,
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

/** Every part's result, in part order (the set is complete). */
export async function simulationPartResults(db: Executor, simulationId: string): Promise<StudyResult[]> {
  const rows = await db
    .select({ result: simulationParts.result })
    .from(simulationParts)
    .where(eq(simulationParts.simulationId, simulationId))
    .orderBy(asc(simulationParts.part));
  return rows.flatMap((r) => (r.result ? [r.result] : []));
}
