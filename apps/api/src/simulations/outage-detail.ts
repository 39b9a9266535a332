// One outage of a stored N-1 screening in detail, computed on demand: I''k at every bus with that
// branch out beside the intact network's (the screening stores only the worst per bus).

import {
  type NetworkDocument,
  type OutageDetail,
  type OutageScreeningOptions,
  storedDocumentTypes,
  validateNetwork,
} from "@ampflux/contracts";
import { ShortCircuitInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { TRPCError } from "@trpc/server";
import { validationError } from "../circuits/validate.ts";

export function outageDetailInline(
  core: SimCore,
  document: NetworkDocument,
  options: OutageScreeningOptions,
  outage: string,
): OutageDetail {
  try {
    const network = ValidatedNetwork.fromValidation(validateNetwork(document, storedDocumentTypes(document)));
    return core.outageDetail(network, options, outage);
  } catch (error) {
    if (error instanceof ShortCircuitInputError) throw validationError("the outage", [], error.issues);
    const message = error instanceof Error ? error.message : String(error);
    throw new TRPCError({
      code: "UNPROCESSABLE_CONTENT",
      message: `the network cannot be studied: ${message}`,
    });
  }
}
