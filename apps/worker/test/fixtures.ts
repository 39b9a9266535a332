// Rows a queued study needs (company, project, circuit version, simulation) and small helpers
// to wait for the outcome, all against the run's real test database.

import { readFile } from "node:fs/promises";
import { networkDocumentSchema, studyRequestSchema, sweepSettingsShape } from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import {
  circuitVersions,
  companies,
  type DbClient,
  enqueueSimulation,
  projects,
  type Simulation,
  simulationOptionsHash,
  simulations,
} from "@ampflux/db";
import { eq } from "drizzle-orm";

export async function matpowerDocument(name: string) {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  return importMatpower(text).document;
}

/** SWEEP_SLOTS_PER_COMPANY's default, as a worker started without it uses. */
export const DEFAULT_SWEEP_SLOTS = sweepSettingsShape.SWEEP_SLOTS_PER_COMPANY.parse(undefined);

/** A company of its own, for studies that must share one (queueStudy's `companyId`). */
export async function insertCompany(client: DbClient, name = "Worker Co"): Promise<string> {
  const [company] = await client.db.insert(companies).values({ name }).returning();
  if (!company) throw new Error("no company");
  return company.id;
}

/**
 * Inserts a project with one version of `document` and queues a study on it (job included),
 * both parsed as the api stores them: defaults filled in. The project belongs to a new company
 * unless `companyId` names one.
 */
export async function queueStudy(
  client: DbClient,
  input: unknown,
  request: { kind: Simulation["kind"]; options: Record<string, unknown> },
  enqueue = true,
  { companyId, sweepSlots = DEFAULT_SWEEP_SLOTS }: { companyId?: string; sweepSlots?: number } = {},
): Promise<Simulation> {
  const document = networkDocumentSchema.parse(input);
  const study = studyRequestSchema.parse(request);
  return client.db.transaction(async (tx) => {
    const [company] = companyId
      ? [{ id: companyId }]
      : await tx.insert(companies).values({ name: "Worker Co" }).returning();
    const [project] = await tx
      .insert(projects)
      .values({ companyId: company?.id ?? "", name: "Study" })
      .returning();
    const [version] = await tx
      .insert(circuitVersions)
      .values({ projectId: project?.id ?? "", version: 1, message: "", document, elementCounts: {} })
      .returning();
    const versionId = version?.id ?? "";
    const [simulation] = await tx
      .insert(simulations)
      .values({
        projectId: project?.id ?? "",
        circuitVersionId: versionId,
        kind: study.kind,
        options: study.options,
        optionsHash: simulationOptionsHash(versionId, study.kind, study.options),
      })
      .returning();
    if (!simulation) throw new Error("no simulation row");
    if (enqueue) await enqueueSimulation(tx, simulation, sweepSlots);
    return simulation;
  });
}

export async function simulationRow(client: DbClient, id: string): Promise<Simulation> {
  const [row] = await client.db.select().from(simulations).where(eq(simulations.id, id));
  if (!row) throw new Error(`simulation ${id} is gone`);
  return row;
}

/** Polls the row until `done` holds (or fails after `timeoutMs`). */
export async function waitForSimulation(
  client: DbClient,
  id: string,
  done: (row: Simulation) => boolean,
  timeoutMs = 60_000,
): Promise<Simulation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await simulationRow(client, id);
    if (done(row)) return row;
    if (Date.now() > deadline) throw new Error(`simulation ${id} still ${row.status} (${row.progress})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const finished = (row: Simulation) => ["succeeded", "failed", "cancelled"].includes(row.status);
