// The type library (docs/duty.md): the built-in types every company sees and the company's own,
// which only company admins edit. Documents store type values resolved when saved, so editing
// or deleting a type changes no saved version and no stored study.

import {
  BUILTIN_TYPES,
  type EquipmentType,
  type EquipmentTypeInput,
  typeCreateInputSchema,
  typeDeleteInputSchema,
  typeListInputSchema,
  typeUpdateInputSchema,
} from "@ampflux/contracts";
import { companyEquipmentTypes, equipmentTypes, type Transaction, toEquipmentType } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { ZodRealError, z } from "zod";
import { recordAudit } from "../audit.ts";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure, protectedProcedure } from "../trpc/procedures.ts";

/** SQLSTATE unique_violation: here only (company_id, kind, name) can raise it. */
const UNIQUE_VIOLATION = "23505";

const isUniqueViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  return false;
};

/** 409 naming the field, shaped like a validation error so the web shows it beside `name`. */
function nameTaken(type: EquipmentTypeInput, path: (string | number)[]): TRPCError {
  const message = `your company already has a ${type.kind} type named "${type.name.trim()}"`;
  return new TRPCError({
    code: "CONFLICT",
    message: `${path.join(".")}: ${message}`,
    cause: new ZodRealError([{ code: "custom", path, message, input: undefined }]),
  });
}

const isBuiltin = (id: string) => BUILTIN_TYPES.some((type) => type.id === id);

/** A company type of the caller's company; another company's (or a built-in) is refused. */
async function ownType(tx: Transaction, companyId: string, id: string) {
  if (isBuiltin(id)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `"${id}" is a built-in type and cannot be changed: create a company type instead`,
    });
  }
  // Company type ids are uuids; anything else names no type (and must not reach a uuid column).
  const [row] = z.uuid().safeParse(id).success
    ? await tx
        .select()
        .from(equipmentTypes)
        .where(and(eq(equipmentTypes.id, id), eq(equipmentTypes.companyId, companyId)))
        .for("update")
    : [];
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `no type "${id}" in your company's library` });
  return row;
}

export const typesRouter = router({
  /** The built-in types, then the caller's company's, each with its `builtin` flag. */
  list: protectedProcedure
    .input(typeListInputSchema)
    .query(async ({ ctx, input }): Promise<EquipmentType[]> => {
      const builtin = BUILTIN_TYPES.filter((type) => !input.kind || type.kind === input.kind);
      const company = await companyEquipmentTypes(ctx.deps.database.db, ctx.user.companyId, input.kind);
      return [...builtin, ...company];
    }),

  /** A company admin adds a type to the company's library. */
  create: companyAdminProcedure.input(typeCreateInputSchema).mutation(async ({ ctx, input }) => {
    try {
      return await ctx.deps.database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(equipmentTypes)
          .values({
            companyId: ctx.user.companyId,
            kind: input.kind,
            name: input.name,
            source: input.source,
            values: input.values,
            createdBy: ctx.user.id,
          })
          .returning();
        if (!row) throw new Error("type insert returned nothing");
        await recordAudit(tx, ctx, {
          action: "type.create",
          targetType: "equipment_type",
          targetId: row.id,
          details: { kind: row.kind, name: row.name },
        });
        return toEquipmentType(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input, ["name"]);
      throw error;
    }
  }),

  /** A company admin replaces a company type's name, source and values; its kind stays. */
  update: companyAdminProcedure.input(typeUpdateInputSchema).mutation(async ({ ctx, input }) => {
    const { id, type } = input;
    try {
      return await ctx.deps.database.db.transaction(async (tx) => {
        const current = await ownType(tx, ctx.user.companyId, id);
        if (current.kind !== type.kind) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: `type.kind: "${current.name}" is a ${current.kind} type; elements reference it as one, so its kind cannot change`,
          });
        }
        const [row] = await tx
          .update(equipmentTypes)
          .set({ name: type.name, source: type.source, values: type.values })
          .where(eq(equipmentTypes.id, current.id))
          .returning();
        if (!row) throw new Error("type update returned nothing");
        await recordAudit(tx, ctx, {
          action: "type.update",
          targetType: "equipment_type",
          targetId: row.id,
          details: { kind: row.kind, name: row.name, previousName: current.name },
        });
        return toEquipmentType(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(type, ["type", "name"]);
      throw error;
    }
  }),

  /** A company admin removes a company type; saved versions keep the values it gave them. */
  delete: companyAdminProcedure.input(typeDeleteInputSchema).mutation(({ ctx, input }) =>
    ctx.deps.database.db.transaction(async (tx) => {
      const current = await ownType(tx, ctx.user.companyId, input.id);
      await tx.delete(equipmentTypes).where(eq(equipmentTypes.id, current.id));
      await recordAudit(tx, ctx, {
        action: "type.delete",
        targetType: "equipment_type",
        targetId: current.id,
        details: { kind: current.kind, name: current.name },
      });
      return { id: current.id, deleted: true as const };
    }),
  ),
});
