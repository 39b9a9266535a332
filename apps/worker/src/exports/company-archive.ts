// A whole company as a zip (docs/accounts-lifecycle.md): company.json (company, licences, feature
// flags, equipment types), users.json (no password hashes), audit-log.json, one folder per
// project (project-files.ts) and manifest.json listing every file and anything skipped.

import {
  auditLogs,
  companies,
  companyFeatureFlags,
  type Database,
  equipmentTypes,
  licenses,
  projects,
  userPublicColumns,
  users,
} from "@ampflux/db";
import { asc, eq } from "drizzle-orm";
import { addProject, type Skipped } from "./project-files.ts";
import { ZipWriter } from "./zip-writer.ts";

export type Progress = (fraction: number, message: string) => Promise<void>;

/** Refusals that retrying cannot fix (the company is gone). */
export class ExportInputError extends Error {}

export async function buildCompanyArchive(db: Database, companyId: string, progress: Progress) {
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!company) throw new ExportInputError("the company no longer exists");
  const zip = new ZipWriter();
  const skipped: Skipped[] = [];
  await progress(0.05, "company, users and audit log");
  await zip.addJson("company.json", {
    company,
    licenses: await db.select().from(licenses).where(eq(licenses.companyId, companyId)),
    featureFlags: await db
      .select()
      .from(companyFeatureFlags)
      .where(eq(companyFeatureFlags.companyId, companyId)),
    equipmentTypes: await db.select().from(equipmentTypes).where(eq(equipmentTypes.companyId, companyId)),
  });
  await zip.addJson(
    "users.json",
    await db
      .select(userPublicColumns)
      .from(users)
      .where(eq(users.companyId, companyId))
      .orderBy(asc(users.email)),
  );
  await zip.addJson(
    "audit-log.json",
    await db.select().from(auditLogs).where(eq(auditLogs.companyId, companyId)).orderBy(asc(auditLogs.id)),
  );
  const list = await db
    .select()
    .from(projects)
    .where(eq(projects.companyId, companyId))
    .orderBy(asc(projects.createdAt));
  const written = [];
  for (const [index, project] of list.entries()) {
    await progress(
      0.1 + (0.8 * index) / list.length,
      `project ${index + 1} of ${list.length}: ${project.name}`,
    );
    written.push(await addProject(db, zip, project, skipped));
  }
  await progress(0.95, "writing the archive");
  await zip.addJson("manifest.json", {
    kind: "company",
    generatedAt: new Date().toISOString(),
    company: { id: company.id, name: company.name },
    projects: written,
    skipped,
    files: zip.files,
  });
  return zip.finish();
}
