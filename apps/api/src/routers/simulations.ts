import {
  explainOptionsOf,
  explainOptionsSchema,
  isLoadFlowResult,
  isOutageScreeningResult,
  isShortCircuitResult,
  LOAD_FLOW_CSV,
  type LoadFlowCsvTable,
  type LoadFlowLimits,
  type LoadFlowResult,
  loadFlowStudyOptionsSchema,
  outageScreeningOptionsSchema,
  pageInputSchema,
  type ShortCircuitOptions,
  studyRequestSchema,
} from "@ampflux/contracts";
import {
  cancelSimulation,
  circuitVersions,
  type Executor,
  enqueueSimulation,
  findReusableSimulation,
  notifyProgress,
  type Simulation,
  simulationOptionsHash,
  simulations,
  storedElementCount,
} from "@ampflux/db";
import { sizeClass } from "@ampflux/db/metrics";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { validationError } from "../circuits/validate.ts";
import { requireFeature } from "../features.ts";
import { activeLicense, type License } from "../licenses.ts";
import { arcFlashFilterSchema, arcFlashView } from "../simulations/arc-flash.ts";
import { dutyFilterSchema, dutyView } from "../simulations/duty.ts";
import { explainInline } from "../simulations/explain.ts";
import {
  type InlineLoadFlowOutcome,
  loadFlowCsv,
  loadFlowFilterSchema,
  loadFlowView,
  runInlineLoadFlow,
} from "../simulations/load-flow.ts";
import { outageDetailInline } from "../simulations/outage-detail.ts";
import { outageSetIssues } from "../simulations/outage-set-issues.ts";
import { watchProgress } from "../simulations/progress.ts";
import { type InlineOutcome, runInline } from "../simulations/run-inline.ts";
import { router } from "../trpc/init.ts";
import { heavyProjectProcedure, projectProcedure } from "../trpc/procedures.ts";
import { StoredJsonText, storedJson } from "../trpc/stored-json.ts";

/** What lists show of a study: everything but the result. */
const summaryColumns = {
  id: simulations.id,
  kind: simulations.kind,
  status: simulations.status,
  progress: simulations.progress,
  progressMessage: simulations.progressMessage,
  version: circuitVersions.version,
  options: simulations.options,
  error: simulations.error,
  timings: simulations.timings,
  createdBy: simulations.createdBy,
  createdAt: simulations.createdAt,
  startedAt: simulations.startedAt,
  finishedAt: simulations.finishedAt,
};

const simulationIdInput = z.object({ simulationId: z.uuid() });

/**
 * simulations.get for a request whose answer single-query.ts writes: the result as the text
 * Postgres holds, put into the answer as it is (trpc/stored-json.ts), and the version's number
 * in the same query. `result` overrides its own column, so the fields keep the other path's order.
 */
async function simulationWithResultText(db: Executor, projectId: string, id: string) {
  const [row] = await db
    .select({
      ...getTableColumns(simulations),
      result: sql<string | null>`${simulations.result}::text`,
      version: circuitVersions.version,
    })
    .from(simulations)
    .leftJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
    .where(and(eq(simulations.id, id), eq(simulations.projectId, projectId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "simulation not found" });
  // Typed as the value the text is: the client receives exactly that value.
  const result = (row.result === null ? null : new StoredJsonText(row.result)) as Simulation["result"];
  return { ...row, result };
}

async function loadSimulation(db: Executor, projectId: string, id: string): Promise<Simulation> {
  const [row] = await db
    .select()
    .from(simulations)
    .where(and(eq(simulations.id, id), eq(simulations.projectId, projectId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "simulation not found" });
  return row;
}

/** A stored short-circuit study's version and options (PRECONDITION_FAILED for another kind). */
async function storedStudy(db: Executor, projectId: string, simulationId: string) {
  const row = await loadSimulation(db, projectId, simulationId);
  if (row.kind !== "short_circuit")
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `simulationId: the study is a ${row.kind.replace("_", "-")} study; explanations are of short-circuit studies`,
    });
  return { versionId: row.circuitVersionId, options: explainOptionsOf(row.options as ShortCircuitOptions) };
}

/** A stored load-flow study's result and limits; PRECONDITION_FAILED for any other study or state. */
function storedLoadFlow(row: Simulation): { result: LoadFlowResult; limits: LoadFlowLimits } {
  if (row.kind !== "load_flow")
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `simulationId: the study is a ${row.kind.replace("_", "-")} study, not a load flow`,
    });
  if (row.status !== "succeeded" || !row.result || !isLoadFlowResult(row.result))
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `the study has ${row.status === "failed" || row.status === "cancelled" ? row.status : `not finished (${row.status})`}: it has no load-flow results`,
    });
  return { result: row.result, limits: loadFlowStudyOptionsSchema.parse(row.options).limits };
}

/** Plan limits of the license, with the numbers in the message. */
function checkPlan(license: License, buses: number): void {
  if (buses > license.maxBusesPerStudy) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `plan limit: this network has ${buses} buses, your plan allows ${license.maxBusesPerStudy} per study`,
    });
  }
}

export const simulationsRouter = router({
  /**
   * Starts a study on a saved version. Identical (version, study) requests reuse the earlier
   * study (`cached: true`). Small short-circuit studies and load flows run here and come back finished; larger
   * ones and batch studies are queued for the worker and come back `queued`.
   */
  run: heavyProjectProcedure("editor", "study")
    .input(z.object({ version: z.number().int().min(1), study: studyRequestSchema }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      // The bus count, not the document: a study for the worker is queued without reading (and
      // parsing) a document of megabytes here, which the worker reads anyway.
      const [version] = await db
        .select({
          id: circuitVersions.id,
          buses: storedElementCount("buses"),
        })
        .from(circuitVersions)
        .where(
          and(eq(circuitVersions.projectId, ctx.project.id), eq(circuitVersions.version, input.version)),
        );
      if (!version)
        throw new TRPCError({ code: "NOT_FOUND", message: `the project has no version ${input.version}` });
      const versionDocument = async () => {
        const [row] = await db
          .select({ document: circuitVersions.document })
          .from(circuitVersions)
          .where(eq(circuitVersions.id, version.id));
        if (!row)
          throw new TRPCError({ code: "NOT_FOUND", message: `the project has no version ${input.version}` });
        return row.document;
      };
      const { study } = input;
      // An N-1 screening is a sweep too: the same feature as batch studies.
      if (study.kind === "outage_screening") {
        await requireFeature(ctx, "batch_studies");
        // Refused here, before a queued screening would fail on them (a list names branches of
        // the document; "all" needs no document).
        const issues = await outageSetIssues(study.options, versionDocument);
        if (issues.length > 0) throw validationError("the study", ["study", "options"], issues);
      }
      if (study.kind === "batch_study") {
        await requireFeature(ctx, "batch_studies");
        // Duty uses the maximum currents; a sweep without the max case would store none.
        if (study.options.duty && !study.options.cases.includes("max"))
          throw validationError(
            "the study",
            ["study", "options"],
            [{ path: ["cases"], message: 'duty needs the "max" case among cases' }],
          );
      }
      // IEEE 1584-2018 models three-phase arcs: refused here, before a queued study would fail.
      if (study.kind === "short_circuit" && study.options.arc_flash && study.options.fault !== "3ph")
        throw validationError(
          "the study",
          ["study", "options"],
          [{ path: ["arc_flash"], message: `arc flash needs fault "3ph", not "${study.options.fault}"` }],
        );
      checkPlan(await activeLicense(db, ctx.user.companyId), version.buses);
      const optionsHash = simulationOptionsHash(version.id, study.kind, study.options);
      const reusable = await findReusableSimulation(db, version.id, optionsHash);
      ctx.deps.metrics.cacheLookups.inc({ cache: "simulation_results", result: reusable ? "hit" : "miss" });
      if (reusable) return { id: reusable.id, status: reusable.status, cached: true };
      // Small short-circuit studies and load flows run here; the rest goes to the worker.
      const small = version.buses <= ctx.deps.settings.SIM_INLINE_MAX_BUSES;
      let inline: InlineOutcome | InlineLoadFlowOutcome | undefined;
      if (small && study.kind === "short_circuit")
        inline = runInline(await ctx.deps.simCore(), await versionDocument(), study.options);
      else if (small && study.kind === "load_flow")
        inline = runInlineLoadFlow(await ctx.deps.simCore(), await versionDocument(), study.options);
      if (inline?.timings.total !== undefined)
        ctx.deps.metrics.engineSeconds.observe(
          { kind: study.kind, size: sizeClass(version.buses) },
          inline.timings.total / 1000,
        );
      return db.transaction(async (tx) => {
        const now = new Date();
        const [row] = await tx
          .insert(simulations)
          .values({
            projectId: ctx.project.id,
            circuitVersionId: version.id,
            kind: study.kind,
            options: study.options,
            optionsHash,
            createdBy: ctx.user.id,
            ...(inline && {
              status: inline.status,
              progress: 1,
              result: inline.status === "succeeded" ? inline.result : null,
              error: inline.status === "failed" ? inline.error : null,
              timings: inline.timings,
              startedAt: now,
              finishedAt: now,
            }),
          })
          .returning({
            id: simulations.id,
            status: simulations.status,
            optionsHash: simulations.optionsHash,
            kind: simulations.kind,
            projectId: simulations.projectId,
          });
        if (!row) throw new Error("simulation insert returned nothing");
        if (!inline) await enqueueSimulation(tx, row, ctx.deps.settings.SWEEP_SLOTS_PER_COMPANY);
        await recordAudit(tx, ctx, {
          action: "simulation.run",
          projectId: ctx.project.id,
          targetType: "simulation",
          targetId: row.id,
          details: { version: input.version, kind: study.kind, inline: Boolean(inline) },
        });
        return { id: row.id, status: row.status, cached: false };
      });
    }),

  /**
   * "Why this number": how one bus's short-circuit result of a saved version follows from c
   * (Table 1), Z(1)/Z(2)/Z(0), each source's partial current and K factors, κ, μ/q and m/n
   * (docs/short-circuit.md). Computed on demand for the study options given; nothing is stored.
   */
  explain: heavyProjectProcedure("viewer", "study")
    .input(
      z
        .object({
          /** A saved version with study options, or… */
          version: z.number().int().min(1).optional(),
          options: explainOptionsSchema.prefault({}),
          /** …a stored short-circuit study: its version and options (`options` then not given). */
          simulationId: z.uuid().optional(),
          bus: z.string().min(1).max(200),
        })
        .refine((i) => (i.version === undefined) !== (i.simulationId === undefined), {
          message: "give either version (with options) or simulationId",
          path: ["version"],
        }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const stored =
        input.simulationId === undefined
          ? undefined
          : await storedStudy(db, ctx.project.id, input.simulationId);
      const [version] = await db
        .select({ document: circuitVersions.document })
        .from(circuitVersions)
        .where(
          stored
            ? eq(circuitVersions.id, stored.versionId)
            : and(
                eq(circuitVersions.projectId, ctx.project.id),
                eq(circuitVersions.version, input.version ?? 0),
              ),
        );
      if (!version)
        throw new TRPCError({ code: "NOT_FOUND", message: `the project has no version ${input.version}` });
      return explainInline(
        await ctx.deps.simCore(),
        version.document,
        stored?.options ?? input.options,
        input.bus,
      );
    }),

  /**
   * One outage of a stored N-1 screening in detail: I''k at every bus with that branch out beside
   * the intact network's, computed here on demand (one factorization and one solve).
   */
  outageDetail: heavyProjectProcedure("viewer", "study")
    .input(z.object({ simulationId: z.uuid(), outage: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const row = await loadSimulation(db, ctx.project.id, input.simulationId);
      if (row.kind !== "outage_screening")
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `simulationId: the study is a ${row.kind.replace("_", "-")} study, not an N-1 screening`,
        });
      const [version] = await db
        .select({ document: circuitVersions.document })
        .from(circuitVersions)
        .where(eq(circuitVersions.id, row.circuitVersionId));
      if (!version) throw new TRPCError({ code: "NOT_FOUND", message: "the study's version is gone" });
      return outageDetailInline(
        await ctx.deps.simCore(),
        version.document,
        outageScreeningOptionsSchema.parse(row.options),
        input.outage,
      );
    }),

  /** Studies newest first, without their results. */
  list: projectProcedure("viewer")
    .input(pageInputSchema)
    .query(({ ctx, input }) =>
      ctx.deps.database.db
        .select(summaryColumns)
        .from(simulations)
        .innerJoin(circuitVersions, eq(circuitVersions.id, simulations.circuitVersionId))
        .where(eq(simulations.projectId, ctx.project.id))
        .orderBy(desc(simulations.createdAt))
        .limit(input.limit)
        .offset(input.offset),
    ),

  /** One study with status, progress, result or error. */
  /** A study with its result, and the number of the version it ran on. */
  get: projectProcedure("viewer")
    .input(simulationIdInput)
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      if (ctx.storedTextAnswers) return simulationWithResultText(db, ctx.project.id, input.simulationId);
      const row = await loadSimulation(db, ctx.project.id, input.simulationId);
      const [version] = await db
        .select({ version: circuitVersions.version })
        .from(circuitVersions)
        .where(eq(circuitVersions.id, row.circuitVersionId));
      // Results are read as plain JSON and can be megabytes: sent without superjson's walk.
      return { ...row, result: storedJson(row.result), version: version?.version ?? null };
    }),

  /**
   * A stored study's duty checks (docs/duty.md), filtered by status, element type and switch
   * kind, worst first, with counts per status over all its checks. For a batch study each check
   * carries the fault, case and outage that produced its worst value.
   */
  duty: projectProcedure("viewer")
    .input(simulationIdInput.extend({ filter: dutyFilterSchema.prefault({}) }))
    .query(async ({ ctx, input }) => {
      const row = await loadSimulation(ctx.deps.database.db, ctx.project.id, input.simulationId);
      if (row.status !== "succeeded") {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `the study has ${row.status === "failed" || row.status === "cancelled" ? row.status : `not finished (${row.status})`}: it has no duty results`,
        });
      }
      // Absent (not empty) when the study was run without duty (a load flow never has it).
      const checks =
        row.result && !isLoadFlowResult(row.result) && !isOutageScreeningResult(row.result)
          ? row.result.duty
          : undefined;
      if (!checks) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "this study was run without duty evaluation: run it again with the option duty: true",
        });
      }
      return {
        simulationId: row.id,
        kind: row.kind,
        finishedAt: row.finishedAt,
        dutyCurrent: "duty_current" in row.options ? row.options.duty_current : undefined,
        ...dutyView(checks, input.filter),
      };
    }),

  /**
   * A stored study's arc-flash results (docs/arc-flash.md): one row per bus, filtered by status,
   * bus and minimum energy, in bus order or highest energy first, with counts per status and
   * PPE category over every bus.
   */
  arcFlash: projectProcedure("viewer")
    .input(simulationIdInput.extend({ filter: arcFlashFilterSchema.prefault({}) }))
    .query(async ({ ctx, input }) => {
      const row = await loadSimulation(ctx.deps.database.db, ctx.project.id, input.simulationId);
      if (row.status !== "succeeded") {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: `the study has ${row.status === "failed" || row.status === "cancelled" ? row.status : `not finished (${row.status})`}: it has no arc-flash results`,
        });
      }
      // Absent when the study was run without arc flash (batch studies never have it).
      const result = row.result && isShortCircuitResult(row.result) ? row.result : undefined;
      if (!result?.arc_flash) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message:
            'this study was run without arc flash: run a short-circuit study with fault "3ph" and the option arc_flash: true',
        });
      }
      return {
        simulationId: row.id,
        kind: row.kind,
        finishedAt: row.finishedAt,
        studyCase: result.options.case,
        maxDurationS: result.options.arc_flash_max_duration_s,
        ...arcFlashView(result.arc_flash, input.filter),
      };
    }),

  /**
   * A stored load flow's results (docs/load-flow.md "In the product"): buses, branches and
   * sources, each bus and branch marked with its violation of the study's limits (under/over
   * voltage, overload), filtered to violations or to some buses; the summary (convergence, counts
   * per violation, extreme voltages, most loaded branch) is over the whole result. A load flow
   * that did not converge is a result too: converged false, with its mismatch history.
   */
  loadFlow: projectProcedure("viewer")
    .input(simulationIdInput.extend({ filter: loadFlowFilterSchema.prefault({}) }))
    .query(async ({ ctx, input }) => {
      const row = await loadSimulation(ctx.deps.database.db, ctx.project.id, input.simulationId);
      const { result, limits } = storedLoadFlow(row);
      return {
        simulationId: row.id,
        finishedAt: row.finishedAt,
        options: row.options,
        ...loadFlowView(result, limits, input.filter),
      };
    }),

  /** One table of a stored load flow as CSV (LOAD_FLOW_CSV's columns), with a file name. */
  loadFlowCsv: projectProcedure("viewer")
    .input(
      simulationIdInput.extend({
        table: z.enum(Object.keys(LOAD_FLOW_CSV) as [LoadFlowCsvTable, ...LoadFlowCsvTable[]]),
      }),
    )
    .query(async ({ ctx, input }) => {
      const row = await loadSimulation(ctx.deps.database.db, ctx.project.id, input.simulationId);
      const { result } = storedLoadFlow(row);
      return {
        filename: `load-flow-${row.id.slice(0, 8)}-${input.table}.csv`,
        csv: loadFlowCsv(result, input.table),
      };
    }),

  /**
   * Live progress of a study over SSE: its current state first, then each change, ending after
   * succeeded, failed or cancelled. Served by whichever api instance the client reaches.
   */
  progress: projectProcedure("viewer")
    .input(simulationIdInput)
    .subscription(async function* ({ ctx, input, signal }) {
      yield* watchProgress(
        ctx.deps.progress,
        ctx.deps.database.db,
        ctx.project.id,
        input.simulationId,
        signal,
      );
    }),

  /** Cancels a queued or running study; a finished one is refused. */
  cancel: projectProcedure("editor")
    .input(simulationIdInput)
    .mutation(({ ctx, input }) =>
      ctx.deps.database.db.transaction(async (tx) => {
        const row = await loadSimulation(tx, ctx.project.id, input.simulationId);
        if (!(await cancelSimulation(tx, row))) {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: `the study has already ${row.status}`,
          });
        }
        const { id: simulationId, projectId } = row;
        await notifyProgress(tx, {
          simulationId,
          projectId,
          status: "cancelled",
          progress: row.progress,
          message: null,
        });
        await recordAudit(tx, ctx, {
          action: "simulation.cancel",
          projectId: ctx.project.id,
          targetType: "simulation",
          targetId: row.id,
        });
        return { id: row.id, status: "cancelled" as const };
      }),
    ),
});
