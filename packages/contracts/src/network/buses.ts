import { z } from "zod";
import { busArcFlashSchema } from "./arc-flash.ts";
import { elementId, elementName, inService, positive } from "./fields.ts";
import { busRatingFields, typeRef } from "./ratings.ts";

export const busSchema = z.strictObject({
  id: elementId,
  name: elementName,
  vn_kv: positive,
  in_service: inService,
  /**
   * A stored load-flow solution (e.g. a MATPOWER case's VM/VA columns): the start of a warm load
   * flow and what a new solution can be compared with. Nothing else reads it.
   */
  vm_pu: positive.optional(),
  va_degree: z.number().optional(),
  /** Position on the single-line diagram, in the editor's units. */
  type: typeRef,
  ...busRatingFields,
  /** Equipment data for the arc-flash study (IEEE 1584-2018); defaulted from typical values when absent. */
  arc_flash: busArcFlashSchema.optional(),
  geo: z.strictObject({ x: z.number(), y: z.number() }).optional(),
});

export type Bus = z.infer<typeof busSchema>;
