// One project's files in an export archive: the project and its members, every saved version
// (the network document as stored, plus MATPOWER and pandapower files from contracts' exporters),
// every study (the stored row as JSON, its per-bus table as the results CSV) and every rendered
// report's PDF. A version an exporter cannot write is listed in `skipped`, never fatal.

import { storedBusTableCsv } from "@ampflux/contracts";
import { exportNetworkFile } from "@ampflux/contracts/importers";
import {
  circuitVersions,
  type Database,
  projectMembers,
  type projects,
  reports,
  simulations,
  users,
} from "@ampflux/db";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { pathSegment, type ZipWriter } from "./zip-writer.ts";

export type Project = typeof projects.$inferSelect;

/** Exchange formats written beside each version's document. */
const EXCHANGE_FORMATS = ["matpower", "pandapower"] as const;

export interface Skipped {
  path: string;
  reason: string;
}

/** The folder of a project in the archive: readable name plus id, so two names never collide. */
export const projectFolder = (project: Pick<Project, "id" | "name">) =>
  `projects/${pathSegment(project.name, "project")}-${project.id.slice(0, 8)}`;

async function addVersions(
  db: Database,
  zip: ZipWriter,
  folder: string,
  projectId: string,
  skipped: Skipped[],
) {
  const versions = await db
    .select()
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId))
    .orderBy(asc(circuitVersions.version));
  for (const version of versions) {
    const base = `${folder}/versions/v${version.version}`;
    const { document, ...meta } = version;
    await zip.addJson(`${base}.meta.json`, meta);
    await zip.addJson(`${base}.ampflux.json`, document);
    for (const format of EXCHANGE_FORMATS) {
      try {
        const file = exportNetworkFile(document, format);
        await zip.add(`${base}${file.extension}`, file.text);
      } catch (error) {
        skipped.push({
          path: `${base} (${format})`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return versions.length;
}

async function addStudies(db: Database, zip: ZipWriter, folder: string, projectId: string) {
  const studies = await db
    .select({ simulation: simulations, version: circuitVersions.version })
    .from(simulations)
    .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(eq(simulations.projectId, projectId))
    .orderBy(asc(simulations.createdAt));
  for (const { simulation, version } of studies) {
    const base = `${folder}/studies/v${version}-${simulation.kind}-${simulation.id.slice(0, 8)}`;
    await zip.addJson(`${base}.json`, { ...simulation, version });
    const csv = simulation.result ? storedBusTableCsv(simulation.kind, simulation.result) : undefined;
    if (csv !== undefined) await zip.add(`${base}.csv`, csv);
  }
  return studies.length;
}

async function addReports(db: Database, zip: ZipWriter, folder: string, projectId: string) {
  const rows = await db
    .select({
      id: reports.id,
      simulationId: reports.simulationId,
      status: reports.status,
      contentHash: reports.contentHash,
      createdAt: reports.createdAt,
      pdf: reports.pdf,
    })
    .from(reports)
    .where(and(eq(reports.projectId, projectId), isNotNull(reports.pdf)))
    .orderBy(asc(reports.createdAt));
  for (const { pdf, ...meta } of rows) {
    if (pdf) await zip.add(`${folder}/reports/report-${meta.id.slice(0, 8)}.pdf`, pdf);
  }
  if (rows.length > 0)
    await zip.addJson(
      `${folder}/reports/reports.json`,
      rows.map(({ pdf: _pdf, ...meta }) => meta),
    );
  return rows.length;
}

/** Writes one project's folder; returns what it holds, for the manifest. */
export async function addProject(db: Database, zip: ZipWriter, project: Project, skipped: Skipped[]) {
  const folder = projectFolder(project);
  const members = await db
    .select({
      userId: projectMembers.userId,
      email: users.email,
      name: users.name,
      role: projectMembers.role,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, project.id));
  await zip.addJson(`${folder}/project.json`, { ...project, members });
  return {
    id: project.id,
    name: project.name,
    folder,
    versions: await addVersions(db, zip, folder, project.id, skipped),
    studies: await addStudies(db, zip, folder, project.id),
    reports: await addReports(db, zip, folder, project.id),
  };
}
