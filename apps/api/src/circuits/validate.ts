import { type NetworkDocument, type NetworkIssue, validateNetwork } from "@ampflux/contracts";
import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

/**
 * The network document a client sent, checked against the contract. Errors become BAD_REQUEST
 * carrying each issue with its path under `document` (shown next to the field by the web);
 * warnings are returned with the saved version.
 */
export function validatedDocument(input: unknown): { document: NetworkDocument; warnings: NetworkIssue[] } {
  const result = validateNetwork(input);
  if (!result.ok || !result.document) {
    const first = result.errors[0];
    const where = first ? `${first.path.join(".")}: ${first.message}` : "invalid document";
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `the network document has ${result.errors.length} error(s), first ${where}`,
      // ZodRealError (an Error, as parse() throws) so tRPC keeps it as the cause the formatter reads.
      cause: new ZodRealError(
        result.errors.map((e) => ({
          code: "custom" as const,
          path: ["document", ...e.path],
          message: e.message,
          input,
        })),
      ),
    });
  }
  return { document: result.document, warnings: result.warnings };
}
