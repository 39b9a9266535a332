import type {
  NetworkDocument,
  ShortCircuitOptions,
  ShortCircuitResult,
  StudyError,
} from "@ampflux/contracts";
import { storedDocumentTypes, validateNetwork } from "@ampflux/contracts";
import { ShortCircuitInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { validationError } from "../circuits/validate.ts";

export type InlineOutcome =
  | { status: "succeeded"; result: ShortCircuitResult; timings: Record<string, number> }
  | { status: "failed"; error: StudyError; timings: Record<string, number> };

/**
 * Runs a small study in the api process. Options that do not fit the network (an unknown bus)
 * are the caller's mistake: BAD_REQUEST with paths under study.options, and nothing stored.
 * A network the solver cannot handle (singular) is a failed study with its message.
 */
export function runInline(
  core: SimCore,
  document: NetworkDocument,
  options: ShortCircuitOptions,
): InlineOutcome {
  const started = performance.now();
  try {
    // Stored documents are resolved already: their type references (maybe to company types
    // the engine's built-in library does not know) are accepted, nothing is filled again.
    const network = ValidatedNetwork.fromValidation(validateNetwork(document, storedDocumentTypes(document)));
    const result = core.shortCircuit(network, options);
    return {
      status: "succeeded",
      result,
      timings: { ...result.timings, total: performance.now() - started },
    };
  } catch (error) {
    if (error instanceof ShortCircuitInputError)
      throw validationError("the study", ["study", "options"], error.issues);
    const message = error instanceof Error ? error.message : String(error);
    return { status: "failed", error: { message }, timings: { total: performance.now() - started } };
  }
}
