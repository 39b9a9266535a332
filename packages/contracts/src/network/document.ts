import { z } from "zod";
import { busSchema } from "./buses.ts";
import { loadSchema, shuntSchema } from "./consumers.ts";
import { earthingTransformerSchema } from "./earthing-transformers.ts";
import { impedanceSchema } from "./impedances.ts";
import { boundedString } from "./limits.ts";
import { lineSchema } from "./lines.ts";
import { externalGridSchema, generatorSchema, motorSchema, staticGeneratorSchema } from "./sources.ts";
import { switchSchema } from "./switches.ts";
import { transformerSchema } from "./transformers.ts";
import { transformer3wSchema } from "./transformers3w.ts";

export const NETWORK_SCHEMA_ID = "ampflux/network@1";

/**
 * A network as stored and exchanged: lengths in km, impedances in ohm, voltages in kV, powers in
 * MVA/MW. Unknown fields are rejected so that a misspelt optional field cannot vanish silently.
 */
export const networkDocumentSchema = z.strictObject({
  schema: z.literal(NETWORK_SCHEMA_ID),
  name: boundedString("name"),
  frequency_hz: z.literal([50, 60]),
  buses: z.array(busSchema).default([]),
  external_grids: z.array(externalGridSchema).default([]),
  lines: z.array(lineSchema).default([]),
  transformers: z.array(transformerSchema).default([]),
  transformers3w: z.array(transformer3wSchema).default([]),
  impedances: z.array(impedanceSchema).default([]),
  earthing_transformers: z.array(earthingTransformerSchema).default([]),
  generators: z.array(generatorSchema).default([]),
  motors: z.array(motorSchema).default([]),
  static_generators: z.array(staticGeneratorSchema).default([]),
  loads: z.array(loadSchema).default([]),
  shunts: z.array(shuntSchema).default([]),
  switches: z.array(switchSchema).default([]),
});

/** The document with every default filled in. */
export type NetworkDocument = z.infer<typeof networkDocumentSchema>;
/** What a client may send: defaulted fields are optional. */
export type NetworkDocumentInput = z.input<typeof networkDocumentSchema>;
export type ElementCollection = Exclude<keyof NetworkDocument, "schema" | "name" | "frequency_hz">;
