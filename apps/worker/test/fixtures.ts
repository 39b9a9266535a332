// Rows a queued study needs (company, project, circuit version, simulation) and small helpers
// to wait for the outcome, all against the run's real test database.

import { readFile } from "node:fs/promises";
import { type NetworkDocumentInput, networkDocumentSchema, studyRequestSchema } from "@ampflux/contracts";
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

/** Grid → two parallel 20 kV lines → bus "far"; "far" also has a spur line to "spur". */
export const parallelFeeder: NetworkDocumentInput = {
  schema: "ampflux/network@1",
  name: "parallel feeder",
  frequency_hz: 50,
  buses: [
    { id: "src", vn_kv: 20 },
    { id: "far", vn_kv: 20 },
    { id: "spur", vn_kv: 20 },
  ],
  external_grids: [
    { id: "grid", bus: "src", s_sc_max_mva: 500, s_sc_min_mva: 300, rx_max: 0.1, rx_min: 0.1 },
  ],
  lines: [
    {
      id: "L1",
      from_bus: "src",
      to_bus: "far",
      length_km: 4,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.3,
      c_nf_per_km: 0,
    },
    {
      id: "L2",
      from_bus: "src",
      to_bus: "far",
      length_km: 4,
      r_ohm_per_km: 0.1,
      x_ohm_per_km: 0.3,
      c_nf_per_km: 0,
    },
    {
      id: "L3",
      from_bus: "far",
      to_bus: "spur",
      length_km: 2,
      r_ohm_per_km: 0.2,
      x_ohm_per_km: 0.35,
      c_nf_per_km: 0,
    },
  ],
};

export async function matpowerDocument(name: string) {
  const text = await readFile(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");
  return importMatpower(text).document;
}

/**
 * Inserts a project with one version of `document` and queues a study on it (job included),
 * both parsed as the api stores them: defaults filled in.
 */
export async function queueStudy(
  client: DbClient,
  input: unknown,
  request: { kind: Simulation["kind"]; options: Record<string, unknown> },
  enqueue = true,
): Promise<Simulation> {
  const document = networkDocumentSchema.parse(input);
  const study = studyRequestSchema.parse(request);
  return client.db.transaction(async (tx) => {
    const [company] = await tx.insert(companies).values({ name: "Worker Co" }).returning();
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
    if (enqueue) await enqueueSimulation(tx, simulation);
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
