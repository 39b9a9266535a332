// Everything a report shows, read in one place: the report row, its study and network version,
// the project, who ran the study, the previous report of the same circuit (for the revision
// history) and the signatures so far.

import {
  type FaultStudyResult,
  isLoadFlowResult,
  isOutageScreeningResult,
  type NetworkDocument,
  type ReportApprovalRole,
  type ReportUser,
} from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";
import {
  circuitVersions,
  type Database,
  projects,
  type Report,
  reportApprovals,
  reports,
  type Simulation,
  simulations,
  users,
} from "@ampflux/db";
import { and, asc, desc, eq, lt, ne } from "drizzle-orm";

export interface LoadedReport {
  report: Report;
  simulation: Simulation;
  result: FaultStudyResult;
  version: { id: string; version: number; document: NetworkDocument; importReport: ImportReport | null };
  project: { id: string; name: string };
  /** Who ran the study; null when the account is gone. */
  author: ReportUser | null;
  /** The latest earlier finished report of the project on another version; null: the first. */
  previous: { versionId: string; versionNumber: number; document: unknown; reportedAt: Date } | null;
  approvals: Array<{ role: ReportApprovalRole; name: string; email: string; signedAt: Date }>;
}

/** A report that cannot be made (its study has no result): retrying cannot help. */
export class ReportInputError extends Error {
  override name = "ReportInputError";
}

export async function loadReport(db: Database, reportId: string): Promise<LoadedReport | undefined> {
  const [row] = await db
    .select({
      report: reports,
      simulation: simulations,
      version: {
        id: circuitVersions.id,
        version: circuitVersions.version,
        document: circuitVersions.document,
        importReport: circuitVersions.importReport,
      },
      project: { id: projects.id, name: projects.name },
    })
    .from(reports)
    .innerJoin(simulations, eq(simulations.id, reports.simulationId))
    .innerJoin(circuitVersions, eq(circuitVersions.id, reports.circuitVersionId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(eq(reports.id, reportId));
  if (!row) return undefined;
  const { report, simulation } = row;
  const [author] = simulation.createdBy
    ? await db
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, simulation.createdBy))
    : [];
  const [previous] = await db
    .select({
      versionId: circuitVersions.id,
      versionNumber: circuitVersions.version,
      document: circuitVersions.document,
      reportedAt: reports.createdAt,
    })
    .from(reports)
    .innerJoin(circuitVersions, eq(circuitVersions.id, reports.circuitVersionId))
    .where(
      and(
        eq(reports.projectId, report.projectId),
        ne(reports.circuitVersionId, report.circuitVersionId),
        lt(circuitVersions.version, row.version.version),
        eq(reports.status, "done"),
      ),
    )
    .orderBy(desc(circuitVersions.version), desc(reports.createdAt))
    .limit(1);
  const approvals = await db
    .select({
      role: reportApprovals.role,
      name: reportApprovals.userName,
      email: users.email,
      signedAt: reportApprovals.signedAt,
    })
    .from(reportApprovals)
    .leftJoin(users, eq(users.id, reportApprovals.userId))
    .where(eq(reportApprovals.reportId, reportId))
    .orderBy(asc(reportApprovals.signedAt));
  if (simulation.status !== "succeeded" || !simulation.result)
    throw new ReportInputError(`the study has no result (it is ${simulation.status})`);
  // The api refuses these (reports.create); a report queued by hand fails here, once.
  if (isLoadFlowResult(simulation.result))
    throw new ReportInputError("a load-flow study has no report: reports cover short-circuit studies");
  if (isOutageScreeningResult(simulation.result))
    throw new ReportInputError(
      "an N-1 screening has no report yet: reports cover short-circuit and batch studies",
    );
  return {
    report,
    simulation,
    result: simulation.result,
    version: row.version,
    project: row.project,
    author: author ?? null,
    previous: previous ?? null,
    approvals: approvals.map((a) => ({ ...a, email: a.email ?? "" })),
  };
}
