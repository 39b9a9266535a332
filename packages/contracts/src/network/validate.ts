import { resolveTypes, TypeLibrary } from "../types/apply.ts";
import { duplicateIds } from "./check-ids.ts";
import { unknownReferences } from "./check-references.ts";
import { ratedVoltageMismatches } from "./check-voltages.ts";
import { type NetworkDocument, networkDocumentSchema } from "./document.ts";
import type { NetworkIssue } from "./issues.ts";

export interface NetworkValidation {
  ok: boolean;
  /** The document with defaults filled in; undefined when its shape is wrong. */
  document: NetworkDocument | undefined;
  errors: NetworkIssue[];
  warnings: NetworkIssue[];
}

const BUILTIN_LIBRARY = new TypeLibrary();

/**
 * Fills typed elements' unset fields from their types (built-in ones, and `types` when given: a
 * company's library), checks shape and element-local physics (zod), then ids, references and
 * rated voltages across elements. Unfed buses are not errors: the engine reports them per bus
 * (see busesWithoutSource).
 */
export function validateNetwork(input: unknown, types: TypeLibrary = BUILTIN_LIBRARY): NetworkValidation {
  const resolved = resolveTypes(input, types);
  if (resolved.errors.length > 0)
    return { ok: false, document: undefined, errors: resolved.errors, warnings: [] };
  const parsed = networkDocumentSchema.safeParse(resolved.document);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
      message: issue.message,
    }));
    return { ok: false, document: undefined, errors, warnings: [] };
  }
  const doc = parsed.data;
  const findings = [...duplicateIds(doc), ...unknownReferences(doc), ...ratedVoltageMismatches(doc)];
  const errors = findings
    .filter((f) => f.severity === "error")
    .map(({ path, message }) => ({ path, message }));
  const warnings = findings
    .filter((f) => f.severity === "warning")
    .map(({ path, message }) => ({ path, message }));
  return { ok: errors.length === 0, document: doc, errors, warnings };
}
