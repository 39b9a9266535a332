// What the assistant's context and tools read from the project: one circuit version and the
// study whose results it discusses.

import type { NetworkDocument } from "@ampflux/contracts";
import { circuitVersions, type Executor, type Simulation, simulations } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, max } from "drizzle-orm";

export interface ContextVersion {
  id: string;
  version: number;
  /** The project's newest version number, so the model knows whether it looks at an old one. */
  latest: number;
  document: NetworkDocument;
}

export type ContextStudy = Pick<Simulation, "id" | "kind" | "options" | "result">;

export interface ProjectData {
  /** null while the project has no saved network. */
  version: ContextVersion | null;
  study: ContextStudy | null;
}

const studyColumns = {
  id: simulations.id,
  kind: simulations.kind,
  options: simulations.options,
  result: simulations.result,
};

async function chosenStudy(db: Executor, projectId: string, simulationId: string) {
  const [row] = await db
    .select({ ...studyColumns, status: simulations.status, version: circuitVersions.version })
    .from(simulations)
    .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(and(eq(simulations.id, simulationId), eq(simulations.projectId, projectId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "simulation not found" });
  if (row.status !== "succeeded") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `the study is ${row.status}: only a succeeded study's results can be discussed`,
    });
  }
  return row;
}

/**
 * The version asked for (else the chosen study's, else the latest) and the study whose results
 * go into the context (else the version's latest succeeded short-circuit study).
 */
export async function loadProjectData(
  db: Executor,
  projectId: string,
  wanted: { version?: number | undefined; simulationId?: string | undefined },
): Promise<ProjectData> {
  const chosen = wanted.simulationId ? await chosenStudy(db, projectId, wanted.simulationId) : undefined;
  if (chosen && wanted.version !== undefined && chosen.version !== wanted.version) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `the simulation was run on version ${chosen.version}, not version ${wanted.version}`,
    });
  }
  const [latest] = await db
    .select({ version: max(circuitVersions.version) })
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId));
  const number = wanted.version ?? chosen?.version ?? latest?.version;
  if (!latest?.version || !number) return { version: null, study: null };
  const [row] = await db
    .select({ id: circuitVersions.id, document: circuitVersions.document })
    .from(circuitVersions)
    .where(and(eq(circuitVersions.projectId, projectId), eq(circuitVersions.version, number)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `the project has no version ${number}` });
  const version = {
    id: row.id,
    version: number,
    latest: latest.version,
    document: row.document,
  };
  if (chosen) return { version, study: chosen };
  const [study] = await db
    .select(studyColumns)
    .from(simulations)
    .where(
      and(
        eq(simulations.circuitVersionId, row.id),
        eq(simulations.kind, "short_circuit"),
        eq(simulations.status, "succeeded"),
      ),
    )
    .orderBy(desc(simulations.createdAt))
    .limit(1);
  return { version, study: study ?? null };
}
