import { z } from "zod";
import { busArcFlashSchema } from "./arc-flash.ts";
import { elementId, elementName, inService } from "./fields.ts";
import { inRange } from "./limits.ts";
import { busRatingFields, typeRef } from "./ratings.ts";

export const busSchema = z.strictObject({
  id: elementId,
  name: elementName,
  vn_kv: inRange("voltage_kv"),
  in_service: inService,
  /**
   * A stored load-flow solution (e.g. a MATPOWER case's VM/VA columns): the start of a warm load
   * flow and what a new solution can be compared with. Nothing else reads it.
   */
  vm_pu: inRange("voltage_pu").optional(),
  va_degree: inRange("angle_degree").optional(),
  /** Position on the single-line diagram, in the editor's units. */
  type: typeRef,
  ...busRatingFields,
  /** Equipment data for the arc-flash study (IEEE 1584-2018); defaulted from typical values when absent. */
  arc_flash: busArcFlashSchema.optional(),
  geo: z.strictObject({ x: inRange("diagram_position"), y: inRange("diagram_position") }).optional(),
});

export type Bus = z.infer<typeof busSchema>;
