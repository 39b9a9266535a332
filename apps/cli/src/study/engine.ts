// Runs the study in the WASM core and turns its input errors into command-line problems.

import {
  type BusResultExplanation,
  describeInputIssue,
  explainOptionsOf,
  type ShortCircuitOptionsInput,
  type ShortCircuitResult,
} from "@ampflux/contracts";
import { loadSimCore, ShortCircuitInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { inputError } from "../errors.ts";
import { jsonPath } from "./json-path.ts";

const BUILD_HINT = "run `pnpm --filter @ampflux/sim-wasm build`";

/**
 * Loaded once per process: a test runs many studies in one. A failed load is not kept. The
 * load-flow command loads it through here too.
 */
let loaded: SimCore | undefined;

export async function loadCore(): Promise<SimCore> {
  try {
    loaded ??= await loadSimCore();
    return loaded;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOENT")
      throw inputError(`the simulation core ampflux_sim.wasm is not built: ${BUILD_HINT}`);
    throw inputError(`cannot load the simulation core (${message}): ${BUILD_HINT}`);
  }
}

/** Option issues name the flag; network issues the element (kind, id, name) and field, in words. */
function describeIssues(
  error: ShortCircuitInputError,
  label: string,
  options: ShortCircuitOptionsInput,
  document: unknown,
) {
  const aboutOptions = error.message.startsWith("invalid options");
  return error.issues.map(({ path, message }) => {
    // The superposition method's load flow (did not converge, left fed buses without a voltage).
    if (path[0] === "prefault_voltage" && !aboutOptions) return `--prefault load-flow: ${label}: ${message}`;
    if (!aboutOptions) return `${label}: ${describeInputIssue({ path, message }, document)}`;
    if (path[0] === "buses" && typeof path[1] === "number")
      return `--bus ${options.buses?.[path[1]]}: not a bus of ${label}`;
    return `option ${jsonPath(path)}: ${message}`;
  });
}

/**
 * Starts loading the core now and hands back the promise; a failure is reported where the
 * promise is awaited (not as an unhandled rejection if the command fails first).
 */
export function preloadCore(): Promise<SimCore> {
  const core = loadCore();
  core.catch(() => {});
  return core;
}

export function runStudy(
  core: SimCore,
  document: unknown,
  options: ShortCircuitOptionsInput,
  label: string,
): ShortCircuitResult {
  try {
    return core.shortCircuit(document, options);
  } catch (error) {
    if (error instanceof ShortCircuitInputError)
      throw inputError(
        ...describeIssues(
          error,
          label,
          options,
          ValidatedNetwork.is(document) ? document.document : document,
        ),
      );
    throw error;
  }
}

/** "Why this number" for one bus (--explain BUS); input errors as runStudy reports them. */
export function explainStudy(
  core: SimCore,
  document: unknown,
  options: ShortCircuitOptionsInput,
  bus: string,
  label: string,
): BusResultExplanation {
  // --explain leaves out the flags of the study's other outputs (checked with the flags).
  const explained = explainOptionsOf(options);
  try {
    return core.explainBusResult(document, explained, bus);
  } catch (error) {
    if (error instanceof ShortCircuitInputError) {
      const unknownBus = error.issues.find((i) => i.path[0] === "bus");
      if (unknownBus) throw inputError(`--explain ${bus}: ${unknownBus.message} in ${label}`);
      throw inputError(
        ...describeIssues(
          error,
          label,
          options,
          ValidatedNetwork.is(document) ? document.document : document,
        ),
      );
    }
    throw error;
  }
}
