import { describeInputIssue } from "../input-errors.ts";
import { type NetworkDocument, type NetworkValidation, validateNetwork } from "../network/index.ts";
import { TypeLibrary } from "../types/apply.ts";
import type { ImportReport } from "./report.ts";

/** Where an element came from: the 1-based source line and, when known, column and field. */
export interface SourcePosition {
  line: number;
  column?: number | undefined;
  field?: string | undefined;
}

/**
 * What every importer returns: the document, what the import did, and the validation that
 * accepted it — a caller that runs a study at once (the CLI) hands that validation to the
 * engine instead of validating the same document a second time.
 */
export interface CheckedImport {
  document: NetworkDocument;
  report: ImportReport;
  validation: NetworkValidation;
}

/** Element id → where in the source file it was read. */
export type SourceMap = Map<string, SourcePosition>;

/**
 * Validates an imported document and turns the first validation error into the importer's own
 * parse error at the source line of the offending element, so that every importer either
 * returns a valid document or throws a typed error that points into the file. `types` resolves
 * the types the importer referenced (the built-in ones unless a company's library is given).
 * Returns the (accepting) validation.
 */
export function checkImported(
  document: NetworkDocument,
  /** The map, or a function building it: only a refused document needs it. */
  sources: SourceMap | (() => SourceMap),
  fallback: SourcePosition,
  fail: (position: SourcePosition, message: string) => Error,
  types: TypeLibrary = new TypeLibrary(),
): NetworkValidation {
  const result = validateNetwork(document, types);
  const issue = result.errors[0];
  if (!issue) return result;
  const [collection, index, ...rest] = issue.path;
  const element =
    typeof collection === "string" && typeof index === "number"
      ? (document[collection as keyof NetworkDocument] as unknown[] | undefined)?.[index]
      : undefined;
  const id = (element as { id?: unknown } | undefined)?.id;
  const sourceMap = typeof sources === "function" ? sources() : sources;
  const source = (typeof id === "string" ? sourceMap.get(id) : undefined) ?? fallback;
  const field = rest.length > 0 ? rest.join(".") : undefined;
  // Worded like the api's and the editor's messages: "bus 3: Nominal voltage Un (kV): must be > 0.001".
  throw fail({ ...source, field: field ?? source.field }, describeInputIssue(issue, document));
}
