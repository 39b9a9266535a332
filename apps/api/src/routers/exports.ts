// Data exports (docs/accounts-lifecycle.md): a user asks for their own data, a company admin for
// the whole company; the worker builds the zip, the page polls `list`, and the archive is
// downloaded from GET /exports/:id (lifecycle/download-route.ts) until its link expires.

import { type DataExportKind, dataExports, enqueueExport } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import type { Context } from "../trpc/context.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure, protectedProcedure } from "../trpc/procedures.ts";

type Caller = Context & { user: { id: string; companyId: string } };

/** One export at a time per kind and requester: a second request while one runs is refused. */
async function requestExport(ctx: Caller, kind: DataExportKind) {
  return ctx.deps.database.db.transaction(async (tx) => {
    const [running] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(
        and(
          eq(dataExports.requestedBy, ctx.user.id),
          eq(dataExports.kind, kind),
          inArray(dataExports.status, ["queued", "running"]),
        ),
      );
    if (running)
      throw new TRPCError({
        code: "CONFLICT",
        message: "an export of this kind is already being prepared: wait for it to finish",
      });
    const [row] = await tx
      .insert(dataExports)
      .values({ companyId: ctx.user.companyId, requestedBy: ctx.user.id, kind })
      .returning({ id: dataExports.id, status: dataExports.status });
    if (!row) throw new Error("export insert returned nothing");
    await enqueueExport(tx, row.id, kind);
    await recordAudit(tx, ctx, {
      action: `export.${kind}.request`,
      targetType: "data_export",
      targetId: row.id,
    });
    return row;
  });
}

/** What a list shows of an export (never the archive itself). */
const listedColumns = {
  id: dataExports.id,
  kind: dataExports.kind,
  status: dataExports.status,
  progress: dataExports.progress,
  progressMessage: dataExports.progressMessage,
  size: dataExports.size,
  error: dataExports.error,
  expiresAt: dataExports.expiresAt,
  createdAt: dataExports.createdAt,
  finishedAt: dataExports.finishedAt,
  requestedBy: dataExports.requestedBy,
};

export const exportsRouter = router({
  /** Queues an archive of the caller's own data. */
  requestMine: protectedProcedure.mutation(({ ctx }) => requestExport(ctx, "user")),

  /** Queues an archive of the whole company (company admins). */
  requestCompany: companyAdminProcedure.mutation(({ ctx }) => requestExport(ctx, "company")),

  /**
   * The caller's exports and, for a company admin, every company export of the company (whoever
   * of its admins asked), newest first; `downloadable` says whether the link still works.
   */
  list: protectedProcedure.query(async ({ ctx }) => {
    const mine = eq(dataExports.requestedBy, ctx.user.id);
    const rows = await ctx.deps.database.db
      .select(listedColumns)
      .from(dataExports)
      .where(
        and(
          eq(dataExports.companyId, ctx.user.companyId),
          ctx.user.role === "company_admin" ? or(mine, eq(dataExports.kind, "company")) : mine,
        ),
      )
      .orderBy(desc(dataExports.createdAt))
      .limit(50);
    const now = Date.now();
    return rows.map((row) => ({
      ...row,
      downloadable: row.status === "done" && row.expiresAt !== null && row.expiresAt.getTime() > now,
      downloadUrl: `/exports/${row.id}`,
    }));
  }),
});
