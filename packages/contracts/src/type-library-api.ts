// Inputs of the api's `types` procedures (the type library of docs/duty.md): the built-in types
// and a company's own, which company admins create, edit and delete.

import { z } from "zod";
import { EQUIPMENT_TYPE_KINDS, equipmentTypeInputSchema } from "./types/schema.ts";

/** `types.list`: every type the caller may pick, optionally of one kind. */
export const typeListInputSchema = z.object({ kind: z.enum(EQUIPMENT_TYPE_KINDS).optional() }).prefault({});

/**
 * A type's id: a company type's uuid. Built-in ids (their names) are accepted here so that
 * editing one is refused with a message saying why, rather than as a malformed id.
 */
const typeId = z.string().trim().min(1).max(200);

/** `types.create`: the type as equipmentTypeInputSchema checks it (kind, name, source, values). */
export const typeCreateInputSchema = equipmentTypeInputSchema;

/** `types.update`: the whole type again; its kind may not change (elements reference it by kind). */
export const typeUpdateInputSchema = z.strictObject({ id: typeId, type: equipmentTypeInputSchema });

export const typeDeleteInputSchema = z.strictObject({ id: typeId });

export type TypeListInput = z.input<typeof typeListInputSchema>;
export type TypeUpdateInput = z.input<typeof typeUpdateInputSchema>;
