// The plausible range of one element field, read from the schema itself (the number schemas
// inRange made), so the editor can say the allowed values before validation refuses them.

import type { z } from "zod";
import { type ElementCollection, networkDocumentSchema } from "./document.ts";
import { NETWORK_RANGES, type QuantityRange, quantityOf } from "./limits.ts";

/** Unwraps optional and default wrappers down to the schema inRange made. */
function innermost(schema: z.ZodType): z.ZodType {
  let current = schema;
  while ("unwrap" in current && typeof current.unwrap === "function") current = current.unwrap() as z.ZodType;
  return current;
}

/** The range of `collection`'s top-level number field `field`; undefined for other fields. */
export function fieldRange(collection: ElementCollection, field: string): QuantityRange | undefined {
  const element = networkDocumentSchema.shape[collection].unwrap().element;
  const schema = (element.shape as Record<string, z.ZodType | undefined>)[field];
  const quantity = schema ? quantityOf(innermost(schema)) : undefined;
  return quantity ? NETWORK_RANGES[quantity] : undefined;
}
