import {
  countElements,
  diffDocuments,
  type NetworkDocument,
  pageInputSchema,
  type TypeLibrary,
} from "@ampflux/contracts";
import { type ImportReport, importFormatSchema } from "@ampflux/contracts/importers";
import { circuitVersions, companyTypeLibrary, projects, type Transaction, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { importUploadedNetwork } from "../circuits/import-file.ts";
import { liveVersions, notifyVersionSaved } from "../circuits/live.ts";
import { projectUploadProcedure, readUploadText, uploadedFileSchema } from "../circuits/upload.ts";
import { validatedDocument } from "../circuits/validate.ts";
import { versionSummaryColumns } from "../circuits/version-columns.ts";
import { requireFeature } from "../features.ts";
import { refuseTooManyElements, refuseUploadStructure } from "../limits/documents.ts";
import type { Context } from "../trpc/context.ts";
import { router } from "../trpc/init.ts";
import { projectProcedure } from "../trpc/procedures.ts";
import { changingProjects } from "./project-list-cache.ts";

const versionNumber = z.number().int().min(1);
/** The version the client edited; null when it started from an empty project. */
const baseVersion = z.number().int().min(1).nullable();
const messageSchema = z.string().trim().max(1_000).default("");

type Actor = Parameters<typeof recordAudit>[1];

/**
 * Appends a version under a row lock on the project, so concurrent saves are numbered one after
 * the other; a save based on anything but the latest version is refused (optimistic concurrency).
 */
async function appendVersion(
  tx: Transaction,
  actor: Actor,
  projectId: string,
  base: number | null,
  document: NetworkDocument,
  message: string,
  importReport: ImportReport | null = null,
) {
  await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for("update");
  const [latest] = await tx
    .select({ version: max(circuitVersions.version) })
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId));
  const current = latest?.version ?? null;
  if (current !== base) {
    throw new TRPCError({
      code: "CONFLICT",
      message:
        current === null
          ? "the project has no saved version yet: save with baseVersion null"
          : `version ${current} was saved in between (you edited ${base === null ? "a new network" : `version ${base}`}): reload it and apply your changes again`,
    });
  }
  const [saved] = await tx
    .insert(circuitVersions)
    .values({
      projectId,
      version: (current ?? 0) + 1,
      authorId: actor.user.id,
      message,
      document,
      elementCounts: countElements(document),
      importReport,
    })
    .returning({
      id: circuitVersions.id,
      version: circuitVersions.version,
      createdAt: circuitVersions.createdAt,
      elementCounts: circuitVersions.elementCounts,
    });
  if (!saved) throw new Error("version insert returned nothing");
  await tx.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, projectId));
  await notifyVersionSaved(tx, projectId);
  await recordAudit(tx, actor, {
    action: "circuit.save",
    projectId,
    targetType: "circuit_version",
    targetId: saved.id,
    details: { version: saved.version, message },
  });
  return saved;
}

/**
 * Validates a client's document against the company's type library and appends it, types
 * resolved (save and import): the version with warnings.
 */
async function saveDocument(
  ctx: Actor & { deps: Context["deps"] },
  projectId: string,
  base: number | null,
  input: unknown,
  message: string,
  types?: TypeLibrary,
  importReport?: ImportReport,
) {
  refuseTooManyElements(input, ctx.deps.settings);
  types ??= await companyTypeLibrary(ctx.deps.database.db, ctx.user.companyId);
  const { document, warnings } = validatedDocument(input, types);
  // appendVersion moves the project's updated_at, which orders projects.list.
  const saved = await changingProjects(ctx.deps, ctx.user.companyId, (tx) =>
    appendVersion(tx, ctx, projectId, base, document, message, importReport),
  );
  return { ...saved, warnings };
}

async function loadVersion(tx: Pick<Transaction, "select">, projectId: string, version: number) {
  const [row] = await tx
    .select({ ...versionSummaryColumns, document: circuitVersions.document })
    .from(circuitVersions)
    .leftJoin(users, eq(users.id, circuitVersions.authorId))
    .where(and(eq(circuitVersions.projectId, projectId), eq(circuitVersions.version, version)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `the project has no version ${version}` });
  return row;
}

export const circuitsRouter = router({
  /** Saves the editor's network as the next version; invalid documents are refused with paths. */
  save: projectProcedure("editor")
    .input(z.object({ baseVersion, message: messageSchema, document: z.unknown() }))
    .mutation(({ ctx, input }) =>
      saveDocument(ctx, ctx.project.id, input.baseVersion, input.document, input.message),
    ),

  /**
   * Imports a network file (MATPOWER, PSS/E RAW, pandapower or AmpFlux JSON; `format` when the
   * name and content do not tell) as the next version, like save. The body is
   * application/octet-stream: these fields as one line of JSON, then the file (circuits/upload.ts).
   * Files larger than IMPORT_MAX_BYTES are refused while they arrive. A PSS/E case carries its
   * sequence data (.seq) in the same upload, after the RAW's Q record (PSS/E's own convention). Returns the version and
   * what the importer mapped, defaulted, adjusted and dropped.
   */
  import: projectUploadProcedure("editor")
    .input(
      z.object({
        baseVersion,
        message: messageSchema,
        fileName: z.string().trim().min(1).max(255),
        format: importFormatSchema.optional(),
        file: uploadedFileSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { IMPORT_MAX_BYTES, UPLOAD_READ_TIMEOUT_MS } = ctx.deps.settings;
      const text = await readUploadText(input.file, IMPORT_MAX_BYTES, UPLOAD_READ_TIMEOUT_MS);
      refuseUploadStructure(input.fileName, text, ctx.deps.settings);
      // The company's types: a pandapower std_type may name one of them, not only a built-in.
      const types = await companyTypeLibrary(ctx.deps.database.db, ctx.user.companyId);
      const imported = importUploadedNetwork(input.fileName, text, input.format, types);
      const message = input.message || `Imported ${input.fileName}`;
      const saved = await saveDocument(
        ctx,
        ctx.project.id,
        input.baseVersion,
        imported.document,
        message,
        types,
        imported.report,
      );
      return { ...saved, format: imported.format, report: imported.report };
    }),

  /** Versions newest first, with author, message and element counts (not the documents). */
  list: projectProcedure("viewer")
    .input(pageInputSchema)
    .query(({ ctx, input }) =>
      ctx.deps.database.db
        .select(versionSummaryColumns)
        .from(circuitVersions)
        .leftJoin(users, eq(users.id, circuitVersions.authorId))
        .where(eq(circuitVersions.projectId, ctx.project.id))
        .orderBy(desc(circuitVersions.version))
        .limit(input.limit)
        .offset(input.offset),
    ),

  /**
   * One version with its document; without `version`, the latest (null for an empty project).
   * A plain GET is answered by circuits/get-fast-path.ts (same answer, document passed through as
   * stored); batched calls and every error come here.
   */
  get: projectProcedure("viewer")
    .input(z.object({ version: versionNumber.optional() }))
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      let version = input.version;
      if (version === undefined) {
        const [latest] = await db
          .select({ version: max(circuitVersions.version) })
          .from(circuitVersions)
          .where(eq(circuitVersions.projectId, ctx.project.id));
        if (!latest?.version) return null;
        version = latest.version;
      }
      return loadVersion(db, ctx.project.id, version);
    }),

  /** Saves an old version's document again as the newest version; history is never rewritten. */
  restore: projectProcedure("editor")
    .input(z.object({ version: versionNumber, baseVersion }))
    .mutation(({ ctx, input }) =>
      changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        const old = await loadVersion(tx, ctx.project.id, input.version);
        return appendVersion(
          tx,
          ctx,
          ctx.project.id,
          input.baseVersion,
          old.document,
          `Restored version ${old.version}`,
        );
      }),
    ),

  /** Elements added, removed and changed (with fields) between two versions, by element id. */
  diff: projectProcedure("viewer")
    .input(z.object({ from: versionNumber, to: versionNumber }))
    .query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const [from, to] = await Promise.all([
        loadVersion(db, ctx.project.id, input.from),
        loadVersion(db, ctx.project.id, input.to),
      ]);
      return { from: from.version, to: to.version, ...diffDocuments(from.document, to.document) };
    }),

  /**
   * Versions saved after `lastEventId` (else from now on), live over SSE, while the company has
   * live collaboration: editors see a colleague's save at once.
   */
  live: projectProcedure("viewer")
    .input(
      z.object({
        lastEventId: z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number)
          .nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      await requireFeature(ctx, "realtime_collaboration");
      const { circuits, database } = ctx.deps;
      yield* liveVersions(circuits, database.db, ctx.project.id, input.lastEventId ?? undefined, signal);
    }),
});
