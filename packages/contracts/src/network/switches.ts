import { z } from "zod";
import { busRef, elementId, elementName } from "./fields.ts";

/**
 * A switch between `bus` and `element`: another bus (bus coupler) or the end of a line or
 * transformer at `bus`; an open branch switch disconnects that end only.
 */
export const switchSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  element: z.string().min(1),
  element_type: z.enum(["bus", "line", "transformer"]),
  closed: z.boolean().default(true),
});

export type Switch = z.infer<typeof switchSchema>;
