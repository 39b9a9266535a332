// Study reports (issue 20; docs/reports-lifecycle.md): queued for the worker's generate_report task, listed
// with their progress and whether the network changed since (outdated), signed in three roles,
// downloaded as PDF or HTML. Once prepared, checked and approved are all signed, a report is
// immutable: no further signature, no deletion.

import {
  pageInputSchema,
  REPORT_APPROVAL_ROLES,
  REPORT_FORMATS,
  type ReportApprovalRole,
  reportOptionsSchema,
} from "@ampflux/contracts";
import {
  circuitVersions,
  type Executor,
  enqueueReport,
  notifyReportProgress,
  type Report,
  reportApprovals,
  reports,
  simulations,
} from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { contentHashOf, currentVersion, outdatedChecker } from "../reports/outdated.ts";
import { watchReportProgress } from "../reports/progress.ts";
import { router } from "../trpc/init.ts";
import { heavyProjectProcedure, projectProcedure } from "../trpc/procedures.ts";

/** What lists show of a report: everything but its documents. */
const summaryColumns = {
  id: reports.id,
  simulationId: reports.simulationId,
  version: circuitVersions.version,
  options: reports.options,
  status: reports.status,
  progress: reports.progress,
  progressMessage: reports.progressMessage,
  contentHash: reports.contentHash,
  size: reports.size,
  error: reports.error,
  createdBy: reports.createdBy,
  createdAt: reports.createdAt,
  finishedAt: reports.finishedAt,
  studyOptions: simulations.options,
};

/** Summaries matching `where`, newest first. */
function summaries(db: Executor, where: SQL | undefined, page = { limit: 1, offset: 0 }) {
  return db
    .select(summaryColumns)
    .from(reports)
    .innerJoin(circuitVersions, eq(circuitVersions.id, reports.circuitVersionId))
    .innerJoin(simulations, eq(simulations.id, reports.simulationId))
    .where(where)
    .orderBy(desc(reports.createdAt))
    .limit(page.limit)
    .offset(page.offset);
}
type Summary = Awaited<ReturnType<typeof summaries>>[number];

const reportIdInput = z.object({ reportId: z.uuid() });

interface Signature {
  role: ReportApprovalRole;
  userId: string | null;
  userName: string;
  signedAt: Date;
}

async function signaturesOf(db: Executor, reportIds: string[]): Promise<Map<string, Signature[]>> {
  const byReport = new Map<string, Signature[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return byReport;
  const rows = await db
    .select()
    .from(reportApprovals)
    .where(inArray(reportApprovals.reportId, reportIds))
    .orderBy(asc(reportApprovals.signedAt));
  for (const { reportId, ...signature } of rows) byReport.get(reportId)?.push(signature);
  return byReport;
}

/** Every role signed: the report can no longer change. */
const isImmutable = (signatures: readonly Signature[]) =>
  REPORT_APPROVAL_ROLES.every((role) => signatures.some((s) => s.role === role));

/** The summaries with their signatures, outdated flag and immutability. */
async function described(db: Executor, projectId: string, rows: Summary[]) {
  const [signatures, current] = await Promise.all([
    signaturesOf(
      db,
      rows.map((r) => r.id),
    ),
    currentVersion(db, projectId),
  ]);
  const outdated = outdatedChecker(current);
  return rows.map(({ studyOptions, ...row }) => {
    const signed = signatures.get(row.id) ?? [];
    return {
      ...row,
      approvals: signed,
      immutable: isImmutable(signed),
      outdated: outdated({ ...row, studyOptions }),
      currentVersion: current?.version ?? null,
    };
  });
}

async function summary(db: Executor, projectId: string, reportId: string): Promise<Summary> {
  const [row] = await summaries(db, and(eq(reports.id, reportId), eq(reports.projectId, projectId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "report not found" });
  return row;
}

/** The report row, locked until the transaction ends: signatures of one report take turns. */
async function lockedReport(tx: Executor, projectId: string, reportId: string): Promise<Report> {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.projectId, projectId)))
    .for("update");
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "report not found" });
  return row;
}

const refused = (message: string, code: "PRECONDITION_FAILED" | "CONFLICT" = "PRECONDITION_FAILED") =>
  new TRPCError({ code, message });

export const reportsRouter = router({
  /**
   * Queues a report of a finished study: the worker renders PDF and HTML (watch `progress`).
   * The content hash of its inputs is taken now, from the study's version and options.
   */
  create: heavyProjectProcedure("editor", "report")
    .input(z.object({ simulationId: z.uuid(), options: reportOptionsSchema.prefault({}) }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const [study] = await db
        .select({
          id: simulations.id,
          kind: simulations.kind,
          status: simulations.status,
          options: simulations.options,
          versionId: circuitVersions.id,
          version: circuitVersions.version,
          document: circuitVersions.document,
        })
        .from(simulations)
        .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
        .where(and(eq(simulations.id, input.simulationId), eq(simulations.projectId, ctx.project.id)));
      if (!study) throw new TRPCError({ code: "NOT_FOUND", message: "simulation not found" });
      if (study.status !== "succeeded")
        throw refused(
          `simulationId: the study has ${study.status === "failed" || study.status === "cancelled" ? study.status : `not finished (${study.status})`}: only a succeeded study can be reported`,
        );
      if (study.kind === "load_flow" || study.kind === "outage_screening")
        throw refused(
          `simulationId: the study is ${study.kind === "load_flow" ? "a load flow" : "an N-1 screening"}: reports cover short-circuit and batch studies`,
        );
      const contentHash = contentHashOf(study.document, study.options);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(reports)
          .values({
            projectId: ctx.project.id,
            simulationId: study.id,
            circuitVersionId: study.versionId,
            options: input.options,
            contentHash,
            createdBy: ctx.user.id,
          })
          .returning({ id: reports.id, status: reports.status });
        if (!row) throw new Error("report insert returned nothing");
        await enqueueReport(tx, row.id);
        await recordAudit(tx, ctx, {
          action: "report.create",
          projectId: ctx.project.id,
          targetType: "report",
          targetId: row.id,
          details: { simulationId: study.id, version: study.version, contentHash, options: input.options },
        });
        return { id: row.id, status: row.status, contentHash };
      });
    }),

  /** Reports newest first (of one study with `simulationId`), with status, progress, signatures and outdated. */
  list: projectProcedure("viewer")
    .input(pageInputSchema.extend({ simulationId: z.uuid().optional() }))
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const where = and(
        eq(reports.projectId, ctx.project.id),
        input.simulationId === undefined ? undefined : eq(reports.simulationId, input.simulationId),
      );
      return described(db, ctx.project.id, await summaries(db, where, input));
    }),

  /** One report's state (no documents: see download). */
  get: projectProcedure("viewer")
    .input(reportIdInput)
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const [report] = await described(db, ctx.project.id, [
        await summary(db, ctx.project.id, input.reportId),
      ]);
      return report as NonNullable<typeof report>;
    }),

  /**
   * Signs the report in `role` as the caller (an editor or owner of the project). Roles are
   * signed in order (prepared, checked, approved), each once, and one person signs one role
   * (four-eyes). An outdated report cannot be signed. Each signature is audited and re-renders
   * the documents so their approval block shows it.
   */
  approve: projectProcedure("editor")
    .input(reportIdInput.extend({ role: z.enum(REPORT_APPROVAL_ROLES) }))
    .mutation(({ ctx, input }) =>
      ctx.deps.database.db.transaction(async (tx) => {
        const report = await lockedReport(tx, ctx.project.id, input.reportId);
        const signed = (await signaturesOf(tx, [report.id])).get(report.id) ?? [];
        if (isImmutable(signed))
          throw refused("the report is approved in every role and immutable: it cannot be signed again");
        if (report.pdf === null)
          throw refused(
            `the report has ${report.status === "failed" ? "failed" : "not been generated yet"}: only a generated report can be signed`,
          );
        const existing = signed.find((s) => s.role === input.role);
        if (existing)
          throw refused(`role: "${input.role}" is already signed by ${existing.userName}`, "CONFLICT");
        const mine = signed.find((s) => s.userId === ctx.user.id);
        if (mine)
          throw refused(
            `role: you already signed this report as "${mine.role}"; one person signs one role`,
            "CONFLICT",
          );
        const previousRole = REPORT_APPROVAL_ROLES[REPORT_APPROVAL_ROLES.indexOf(input.role) - 1];
        if (previousRole && !signed.some((s) => s.role === previousRole))
          throw refused(`role: "${input.role}" comes after "${previousRole}", which is not signed yet`);
        const [study] = await tx
          .select({ options: simulations.options })
          .from(simulations)
          .where(eq(simulations.id, report.simulationId));
        const outdated = outdatedChecker(await currentVersion(tx, ctx.project.id));
        if (!study || outdated({ ...report, studyOptions: study.options }))
          throw refused(
            "the network or the study changed since this report (outdated): generate a new report",
          );
        const signedAt = new Date();
        await tx.insert(reportApprovals).values({
          reportId: report.id,
          role: input.role,
          userId: ctx.user.id,
          userName: ctx.user.name,
          signedAt,
        });
        // Re-rendered so the documents' approval block carries the signature.
        await tx
          .update(reports)
          .set({ status: "queued", progress: 0, progressMessage: null })
          .where(eq(reports.id, report.id));
        await enqueueReport(tx, report.id);
        await notifyReportProgress(tx, {
          reportId: report.id,
          projectId: report.projectId,
          status: "queued",
          progress: 0,
          message: null,
        });
        await recordAudit(tx, ctx, {
          action: "report.approve",
          projectId: ctx.project.id,
          targetType: "report",
          targetId: report.id,
          details: { role: input.role, contentHash: report.contentHash, immutable: signed.length + 1 === 3 },
        });
        return {
          reportId: report.id,
          role: input.role,
          signedAt,
          immutable: signed.length + 1 === REPORT_APPROVAL_ROLES.length,
        };
      }),
    ),

  /** Deletes a report not yet approved in every role; an approved one is immutable. */
  delete: projectProcedure("editor")
    .input(reportIdInput)
    .mutation(({ ctx, input }) =>
      ctx.deps.database.db.transaction(async (tx) => {
        const report = await lockedReport(tx, ctx.project.id, input.reportId);
        const signed = (await signaturesOf(tx, [report.id])).get(report.id) ?? [];
        if (isImmutable(signed))
          throw refused("the report is approved in every role and immutable: it cannot be deleted");
        await tx.delete(reports).where(eq(reports.id, report.id));
        await tx.execute(sql`select graphile_worker.remove_job(${`report:${report.id}`})`);
        await recordAudit(tx, ctx, {
          action: "report.delete",
          projectId: ctx.project.id,
          targetType: "report",
          targetId: report.id,
          details: { signed: signed.map((s) => s.role), contentHash: report.contentHash },
        });
        return { id: report.id };
      }),
    ),

  /**
   * The report's PDF (or HTML page) as base64 in the JSON answer: the same authorization and
   * clients (web, CLI with an API key) as every other procedure. While a signature is being
   * rendered in (status queued or running) this is the previous rendering.
   */
  download: projectProcedure("viewer")
    .input(reportIdInput.extend({ format: z.enum(REPORT_FORMATS).default("pdf") }))
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.deps.database.db
        .select({
          status: reports.status,
          pdf: reports.pdf,
          html: reports.html,
          version: circuitVersions.version,
          createdAt: reports.createdAt,
        })
        .from(reports)
        .innerJoin(circuitVersions, eq(circuitVersions.id, reports.circuitVersionId))
        .where(and(eq(reports.id, input.reportId), eq(reports.projectId, ctx.project.id)));
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "report not found" });
      const bytes =
        input.format === "pdf" ? row.pdf : row.html === null ? null : Buffer.from(row.html, "utf8");
      if (bytes === null)
        throw refused(
          `the report has ${row.status === "failed" ? "failed" : `not been generated yet (${row.status})`}: nothing to download`,
        );
      const day = row.createdAt.toISOString().slice(0, 10);
      return {
        filename: `report-v${row.version}-${day}-${input.reportId.slice(0, 8)}.${input.format}`,
        contentType: input.format === "pdf" ? "application/pdf" : "text/html; charset=utf-8",
        size: bytes.byteLength,
        status: row.status,
        base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"),
      };
    }),

  /** Live progress of a report over SSE, like simulations.progress. */
  progress: projectProcedure("viewer")
    .input(reportIdInput)
    .subscription(async function* ({ ctx, input, signal }) {
      yield* watchReportProgress(
        ctx.deps.reportProgress,
        ctx.deps.database.db,
        ctx.project.id,
        input.reportId,
        signal,
      );
    }),
});
