import { z } from "zod";
import { switchProtectionSchema } from "./arc-flash.ts";
import type { ElementCollection } from "./document.ts";
import { busRef, elementId, elementName } from "./fields.ts";
import { switchRatingFields, typeRef } from "./ratings.ts";

export const SWITCH_ELEMENT_TYPES = ["bus", "line", "transformer"] as const;
export type SwitchElementType = (typeof SWITCH_ELEMENT_TYPES)[number];

/** Where a switch's `element` is found, by its element_type. */
export const SWITCH_TARGETS = {
  bus: ["buses"],
  line: ["lines"],
  transformer: ["transformers", "transformers3w"],
} as const satisfies Record<SwitchElementType, readonly ElementCollection[]>;

/**
 * A switch between `bus` and `element`: another bus (bus coupler) or the end of a line or
 * transformer at `bus`; an open branch switch disconnects that end only.
 */
export const switchSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  element: busRef,
  element_type: z.enum(SWITCH_ELEMENT_TYPES),
  closed: z.boolean().default(true),
  type: typeRef,
  ...switchRatingFields,
  /** What clears a fault through this switch: its relay, trip unit or fuse (arc-flash durations). */
  protection: switchProtectionSchema.optional(),
});

export type Switch = z.infer<typeof switchSchema>;
