import { z } from "zod";
import { elementId } from "./fields.ts";
import { inRange } from "./limits.ts";

/** More offsets than any document has elements (the API's element limit is far below). */
export const DIAGRAM_MAX_OFFSETS = 1_000_000;

/** A point on the single-line diagram, in the editor's units (y down). */
export const diagramPointSchema = z.strictObject({
  x: inRange("diagram_position"),
  y: inRange("diagram_position"),
});

/**
 * The drawing of the non-bus elements (buses carry their own `geo`): each element's offset from
 * its anchor (its bus bar, or the middle of its buses), so a symbol follows its bus when the bus
 * moves. Part of the document so that a move is a change: saved, versioned, diffed and the same
 * in every browser. Elements without an offset are placed automatically beside their bus.
 */
export const diagramSchema = z.strictObject({
  offsets: z
    .record(elementId, diagramPointSchema)
    .default({})
    .refine((offsets) => Object.keys(offsets).length <= DIAGRAM_MAX_OFFSETS, {
      message: `at most ${DIAGRAM_MAX_OFFSETS} offsets (one per element)`,
    }),
});

export type Diagram = z.infer<typeof diagramSchema>;
