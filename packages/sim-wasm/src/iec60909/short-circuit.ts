// shortCircuit(): one IEC 60909-0:2016 study. The model is built in TypeScript; Ybus
// factorization, selected inversion (diag Z per sequence), transfer solves and the per-bus
// formulas run in WASM. Several studies of one network share that work through
// ShortCircuitStudies (short-circuit-studies.ts); a single study is the plan of one.

import type { ShortCircuitOptionsInput, ShortCircuitResult } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import { lineFaultResults } from "./line-faults.ts";
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
  const options = parseSingleStudyOptions(validated, optionsInput);
  const { fault, case: studyCase, line_faults: lineFaults, ...common } = options;
  // With line faults, bus faults are only those asked for.
  const buses = common.buses ?? (lineFaults ? [] : undefined);
  const studies = new ShortCircuitStudies(sim, validated, {
    ...common,
    buses,
    faults: [fault],
    cases: [studyCase],
  });
  let result: ShortCircuitResult;
  try {
    result = studies.run(fault, studyCase);
  } finally {
    studies.dispose();
  }
  if (!lineFaults) return result;
  const lines = lineFaultResults(sim, validated, options);
  return {
    ...result,
    options,
    line_faults: lines.results,
    timings: { ...result.timings, ...lines.timings },
  };
}
