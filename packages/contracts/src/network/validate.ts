import { resolveTypes, TypeLibrary } from "../types/apply.ts";
import { negativeResistances } from "./check-equivalents.ts";
import { duplicateIds } from "./check-ids.ts";
import { unknownReferences } from "./check-references.ts";
import { ratedVoltageMismatches } from "./check-voltages.ts";
import { documentSchemaFor } from "./compiled-schema.ts";
import type { NetworkDocument } from "./document.ts";
import type { NetworkIssue } from "./issues.ts";

export interface NetworkValidation {
  ok: boolean;
  /** The document with defaults filled in; undefined when its shape is wrong. */
  document: NetworkDocument | undefined;
  errors: NetworkIssue[];
  warnings: NetworkIssue[];
}

export const BUILTIN_LIBRARY = new TypeLibrary();

export interface ValidateOptions {
  /**
   * A type reference the library does not know: "warning" (default) when the element's own
   * values make it complete — a saved document carries its types' values, so a file exported
   * from one company still studies anywhere; "error" where references must resolve (the api,
   * saving with the company's library).
   */
  unknownTypes?: "error" | "warning";
}

/**
 * Fills typed elements' unset fields from their types (built-in ones, and `types` when given: a
 * company's library), checks shape and element-local physics (zod), then ids, references and
 * rated voltages across elements. Unfed buses are not errors: the engine reports them per bus
 * (see busesWithoutSource).
 */
export function validateNetwork(
  input: unknown,
  types: TypeLibrary = BUILTIN_LIBRARY,
  options: ValidateOptions = {},
): NetworkValidation {
  return validateWithTypes(input, types, options).validation;
}

/** validateNetwork, and the type references it could not resolve (NetworkValidator keeps them). */
export function validateWithTypes(
  input: unknown,
  types: TypeLibrary,
  { unknownTypes = "warning" }: ValidateOptions,
): { validation: NetworkValidation; unresolved: NetworkIssue[] } {
  const resolved = resolveTypes(input, types);
  const { unresolved } = resolved;
  if (unknownTypes === "error" && unresolved.length > 0)
    return { validation: { ok: false, document: undefined, errors: unresolved, warnings: [] }, unresolved };
  const parsed = documentSchemaFor(resolved.document).safeParse(resolved.document);
  if (!parsed.success) {
    // An unknown type is the likely reason for missing fields: named first.
    const errors = parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
      message: issue.message,
    }));
    return {
      validation: { ok: false, document: undefined, errors: [...unresolved, ...errors], warnings: [] },
      unresolved,
    };
  }
  return { validation: crossChecked(parsed.data, unresolved), unresolved };
}

/**
 * The checks across elements (ids, references, rated voltages, equivalents) of a document whose
 * elements each passed the schema, and the validation they make with the unresolved type
 * references (`unresolved`, in document order).
 */
export function crossChecked(doc: NetworkDocument, unresolved: readonly NetworkIssue[]): NetworkValidation {
  const findings = [
    ...duplicateIds(doc),
    ...unknownReferences(doc),
    ...ratedVoltageMismatches(doc),
    ...negativeResistances(doc),
  ];
  const errors = findings
    .filter((f) => f.severity === "error")
    .map(({ path, message }) => ({ path, message }));
  const warnings = [
    ...unresolved.map(({ path, message }) => ({
      path,
      message: `${message}: the element's own values are used`,
    })),
    ...findings.filter((f) => f.severity === "warning").map(({ path, message }) => ({ path, message })),
  ];
  return { ok: errors.length === 0, document: doc, errors, warnings };
}
