// Company deletion with a grace period (docs/accounts-lifecycle.md): the api schedules it, the
// worker's purge_companies task purges what is due. A purge copies the company's audit log into a
// tombstone and deletes the company row, which cascades to every row the company owns.

import { and, asc, count, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Executor, Transaction } from "./client.ts";
import { auditLogs } from "./schema/audit.ts";
import { users } from "./schema/auth.ts";
import { companies } from "./schema/companies.ts";
import { companyTombstones } from "./schema/lifecycle.ts";
import { circuitVersions, projects } from "./schema/projects.ts";
import { reports } from "./schema/reports.ts";
import { simulations } from "./schema/simulations.ts";

/** The worker task that purges every company whose grace period is over (queued and hourly). */
export const PURGE_TASK = "purge_companies";
const purgeJobKey = (companyId: string) => `company-purge:${companyId}`;

export type CompanyTombstone = typeof companyTombstones.$inferSelect;

/**
 * Marks the company for deletion at `scheduledFor` and queues the purge for then; false when a
 * deletion is already pending. Call it in the transaction that records the request.
 */
export async function scheduleCompanyDeletion(
  tx: Executor,
  companyId: string,
  requestedBy: string,
  scheduledFor: Date,
  now = new Date(),
): Promise<boolean> {
  const marked = await tx
    .update(companies)
    .set({ deletionRequestedAt: now, deletionScheduledFor: scheduledFor, deletionRequestedBy: requestedBy })
    .where(and(eq(companies.id, companyId), sql`${companies.deletionRequestedAt} is null`))
    .returning({ id: companies.id });
  if (marked.length === 0) return false;
  // The hourly run purges it too; this job only makes the purge happen on time.
  await tx.execute(sql`
    select graphile_worker.add_job(
      ${PURGE_TASK},
      '{}'::json,
      run_at := ${scheduledFor.toISOString()}::timestamptz,
      job_key := ${purgeJobKey(companyId)},
      max_attempts := 5
    )`);
  return true;
}

/** Ends a pending deletion; false when none was pending. */
export async function cancelCompanyDeletion(tx: Executor, companyId: string): Promise<boolean> {
  const cleared = await tx
    .update(companies)
    .set({ deletionRequestedAt: null, deletionScheduledFor: null, deletionRequestedBy: null })
    .where(and(eq(companies.id, companyId), isNotNull(companies.deletionRequestedAt)))
    .returning({ id: companies.id });
  if (cleared.length === 0) return false;
  await tx.execute(sql`select graphile_worker.remove_job(${purgeJobKey(companyId)})`);
  return true;
}

async function countRows(tx: Transaction, companyId: string): Promise<Record<string, number>> {
  const projectIds = tx.select({ id: projects.id }).from(projects).where(eq(projects.companyId, companyId));
  const [userRows, projectRows, versionRows, simulationRows, reportRows] = await Promise.all([
    tx.select({ n: count() }).from(users).where(eq(users.companyId, companyId)),
    tx.select({ n: count() }).from(projects).where(eq(projects.companyId, companyId)),
    tx.select({ n: count() }).from(circuitVersions).where(inArray(circuitVersions.projectId, projectIds)),
    tx.select({ n: count() }).from(simulations).where(inArray(simulations.projectId, projectIds)),
    tx.select({ n: count() }).from(reports).where(inArray(reports.projectId, projectIds)),
  ]);
  return {
    users: userRows[0]?.n ?? 0,
    projects: projectRows[0]?.n ?? 0,
    circuitVersions: versionRows[0]?.n ?? 0,
    simulations: simulationRows[0]?.n ?? 0,
    reports: reportRows[0]?.n ?? 0,
  };
}

/**
 * Purges one company if its deletion is due (locked, so two workers cannot both purge it):
 * writes the tombstone, then deletes the company and, by cascade, everything it owns.
 */
export async function purgeCompany(
  db: Executor,
  companyId: string,
  now = new Date(),
): Promise<CompanyTombstone | undefined> {
  return db.transaction(async (tx) => {
    const [company] = await tx
      .select()
      .from(companies)
      .where(and(eq(companies.id, companyId), lte(companies.deletionScheduledFor, now)))
      .for("update");
    if (!company?.deletionRequestedAt) return undefined;
    const counts = await countRows(tx, companyId);
    const [requester] = company.deletionRequestedBy
      ? await tx.select({ email: users.email }).from(users).where(eq(users.id, company.deletionRequestedBy))
      : [];
    const audit = await tx
      .select({
        at: auditLogs.createdAt,
        userId: auditLogs.userId,
        email: users.email,
        action: auditLogs.action,
        projectId: auditLogs.projectId,
        targetType: auditLogs.targetType,
        targetId: auditLogs.targetId,
        details: auditLogs.details,
        ip: auditLogs.ip,
      })
      .from(auditLogs)
      .leftJoin(users, eq(users.id, auditLogs.userId))
      .where(eq(auditLogs.companyId, companyId))
      .orderBy(asc(auditLogs.id));
    const [tombstone] = await tx
      .insert(companyTombstones)
      .values({
        companyId,
        name: company.name,
        deletionRequestedAt: company.deletionRequestedAt,
        deletionRequestedBy: requester?.email ?? null,
        purgedAt: now,
        counts,
        auditLog: [
          ...audit.map((row) => ({ ...row, at: row.at.toISOString() })),
          { at: now.toISOString(), action: "company.purge", details: counts },
        ],
      })
      .returning();
    await tx.delete(companies).where(eq(companies.id, companyId));
    return tombstone;
  });
}

/** Purges every company whose grace period ended by `now`; returns their tombstones. */
export async function purgeDueCompanies(db: Executor, now = new Date()): Promise<CompanyTombstone[]> {
  const due = await db
    .select({ id: companies.id })
    .from(companies)
    .where(lte(companies.deletionScheduledFor, now));
  const purged: CompanyTombstone[] = [];
  for (const { id } of due) {
    const tombstone = await purgeCompany(db, id, now);
    if (tombstone) purged.push(tombstone);
  }
  return purged;
}
