import {
  describeInputIssues,
  type NetworkDocument,
  type NetworkIssue,
  type TypeLibrary,
  validateNetwork,
} from "@ampflux/contracts";
import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

/**
 * The network document a client sent, checked against the contract with the company's type
 * library: typed elements' unset fields are filled from their type (the returned document is
 * what gets stored, so studies never need the library), an unknown type is an error at
 * [collection, i, "type"]. Errors become BAD_REQUEST carrying each issue with its path under
 * `document` (shown next to the field by the web); warnings are returned with the saved version.
 */
export function validatedDocument(
  input: unknown,
  types: TypeLibrary,
): { document: NetworkDocument; warnings: NetworkIssue[] } {
  const result = validateNetwork(input, types, { unknownTypes: "error" });
  if (!result.ok || !result.document) {
    throw validationError("the network document", ["document"], result.errors, { document: input });
  }
  return { document: result.document, warnings: result.warnings };
}

/**
 * BAD_REQUEST whose zodError lists each issue under `prefix`, like a failed input parse; the
 * message says `what` is wrong and then one line per issue, naming network elements by id and
 * name from `subject` (what the prefixed paths point into, e.g. { document }).
 */
export function validationError(
  what: string,
  prefix: (string | number)[],
  issues: NetworkIssue[],
  subject?: unknown,
): TRPCError {
  const prefixed = issues.map((e) => ({ path: [...prefix, ...e.path], message: e.message }));
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `${what} is invalid:\n${describeInputIssues(prefixed, subject)}`,
    // ZodRealError (an Error, as parse() throws) so tRPC keeps it as the cause the formatter reads.
    cause: new ZodRealError(
      prefixed.map((e) => ({ code: "custom" as const, path: e.path, message: e.message, input: undefined })),
    ),
  });
}
