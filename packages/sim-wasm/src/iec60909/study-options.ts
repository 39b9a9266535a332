// Study options parsed with contracts' schema and checked against the network they apply to.

import {
  type ShortCircuitOptions,
  type ShortCircuitOptionsInput,
  shortCircuitOptionsSchema,
} from "@ampflux/contracts";
import { parseOptions, ShortCircuitInputError } from "./errors.ts";
import type { ValidatedNetwork } from "./validated-network.ts";

/** Throws ShortCircuitInputError("invalid options") naming the path of each problem. */
export function parseStudyOptions(
  network: ValidatedNetwork,
  input: ShortCircuitOptionsInput,
): ShortCircuitOptions {
  const options = parseOptions(shortCircuitOptionsSchema, input);
  if (options.buses !== undefined) {
    const known = new Set(network.document.buses.map((b) => b.id));
    const unknown = options.buses.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: ["buses", i], message: `unknown bus "${id}"` }],
    );
    if (unknown.length > 0) throw new ShortCircuitInputError("invalid options", unknown);
  }
  if (options.load_flow !== undefined && options.prefault_voltage !== "load_flow") {
    throw new ShortCircuitInputError("invalid options", [
      { path: ["load_flow"], message: 'load-flow settings apply to prefault_voltage "load_flow" only' },
    ]);
  }
  const faultImpedance = options.r_fault_ohm !== 0 || options.x_fault_ohm !== 0;
  // Both rest on bolted-fault currents: duty on the maximum currents (IEC 60909-0 §1, §2.3), arc
  // flash on the bolted three-phase current (IEEE 1584-2018 §4.2, Ibf).
  for (const key of ["duty", "arc_flash"] as const) {
    if (faultImpedance && options[key]) {
      throw new ShortCircuitInputError("invalid options", [
        {
          path: [key],
          message: `${key === "duty" ? "duty checks use" : "arc flash uses"} bolted-fault currents: set r_fault_ohm and x_fault_ohm to 0`,
        },
      ]);
    }
  }
  if (options.line_faults !== undefined) {
    const lines = new Set(network.document.lines.map((l) => l.id));
    const unknown = options.line_faults.flatMap((f, i) =>
      lines.has(f.line) ? [] : [{ path: ["line_faults", i, "line"], message: `unknown line "${f.line}"` }],
    );
    if (unknown.length > 0) throw new ShortCircuitInputError("invalid options", unknown);
  }
  if (options.branches && options.buses === undefined && options.line_faults === undefined) {
    throw new ShortCircuitInputError("invalid options", [
      { path: ["branches"], message: "needs the fault buses in `buses` or faults in `line_faults`" },
    ]);
  }
  return options;
}

/**
 * The options of a single study: duty uses the maximum currents (IEC 60909-0 §2.3), so a
 * minimum-case study cannot evaluate it (a plan with both cases evaluates it in "max" only);
 * arc flash uses three-phase currents (a plan with several faults evaluates it in "3ph" only).
 */
export function parseSingleStudyOptions(
  network: ValidatedNetwork,
  input: ShortCircuitOptionsInput,
): ShortCircuitOptions {
  const options = parseStudyOptions(network, input);
  if (options.duty && options.case === "min") {
    throw new ShortCircuitInputError("invalid options", [
      { path: ["duty"], message: 'duty is evaluated with maximum currents: use case "max"' },
    ]);
  }
  if (options.arc_flash && options.fault !== "3ph") {
    throw new ShortCircuitInputError("invalid options", [
      {
        path: ["arc_flash"],
        message: `arc flash uses the three-phase bolted fault current (IEEE 1584-2018 §4.2 models three-phase arcs): use fault "3ph", not "${options.fault}"`,
      },
    ]);
  }
  return options;
}
