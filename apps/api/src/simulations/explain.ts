// "Why this number" for a bus of a saved version: the engine's explanation
// (explainBusResult, docs/short-circuit.md), run here like small inline studies. Bad options or
// an unknown or unfed bus are the caller's mistake: BAD_REQUEST naming `options.…` or `bus`.

import type { BusResultExplanation, ExplainOptionsInput, NetworkDocument } from "@ampflux/contracts";
import { storedDocumentTypes, validateNetwork } from "@ampflux/contracts";
import { ShortCircuitInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { TRPCError } from "@trpc/server";
import { validationError } from "../circuits/validate.ts";

export function explainInline(
  core: SimCore,
  document: NetworkDocument,
  options: ExplainOptionsInput,
  bus: string,
): BusResultExplanation {
  try {
    const network = ValidatedNetwork.fromValidation(validateNetwork(document, storedDocumentTypes(document)));
    return core.explainBusResult(network, options, bus);
  } catch (error) {
    if (error instanceof ShortCircuitInputError) {
      const issues = error.issues.map((i) => ({
        path: i.path[0] === "bus" ? i.path : ["options", ...i.path],
        message: i.message,
      }));
      throw validationError("the explanation", [], issues);
    }
    // A network the solver cannot handle (singular): the study of that version fails the same way.
    const message = error instanceof Error ? error.message : String(error);
    throw new TRPCError({
      code: "UNPROCESSABLE_CONTENT",
      message: `the network cannot be studied: ${message}`,
    });
  }
}
