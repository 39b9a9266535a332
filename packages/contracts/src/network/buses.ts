import { z } from "zod";
import { elementId, elementName, inService, positive } from "./fields.ts";

export const busSchema = z.strictObject({
  id: elementId,
  name: elementName,
  vn_kv: positive,
  in_service: inService,
  /** Position on the single-line diagram, in the editor's units. */
  geo: z.strictObject({ x: z.number(), y: z.number() }).optional(),
});

export type Bus = z.infer<typeof busSchema>;
