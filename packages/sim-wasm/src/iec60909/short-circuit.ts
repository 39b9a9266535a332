// shortCircuit(): one IEC 60909-0:2016 study. The model is built in TypeScript; Ybus
// factorization, selected inversion (diag Z per sequence), transfer solves and the per-bus
// formulas run in WASM. Several studies of one network share that work through
// ShortCircuitStudies (short-circuit-studies.ts); a single study is the plan of one.

import type { ShortCircuitOptionsInput, ShortCircuitResult } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { ShortCircuitStudies } from "./short-circuit-studies.ts";
import { parseSingleStudyOptions } from "./study-options.ts";
import { ValidatedNetwork } from "./validated-network.ts";

/**
 * Runs a study. A ValidatedNetwork is used as it is; anything else is validated first. Throws
 * ShortCircuitInputError for an invalid network or options (duty with case "min" included).
 */
export function shortCircuit(
  sim: SimExports,
  network: ValidatedNetwork | unknown,
  optionsInput: ShortCircuitOptionsInput = {},
): ShortCircuitResult {
  const validated = ValidatedNetwork.is(network) ? network : ValidatedNetwork.check(network);
  const { fault, case: studyCase, ...common } = parseSingleStudyOptions(validated, optionsInput);
  const studies = new ShortCircuitStudies(sim, validated, { ...common, faults: [fault], cases: [studyCase] });
  try {
    return studies.run(fault, studyCase);
  } finally {
    studies.dispose();
  }
}
