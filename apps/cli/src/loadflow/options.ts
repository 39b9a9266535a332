// The loadflow command's flags → engine options and output format; every problem is collected,
// so one run names them all.

import { LOAD_FLOW_ALGORITHMS, type LoadFlowOptions } from "@ampflux/contracts";
import { type Command, checkOneOf } from "../args.ts";
import { usageError } from "../errors.ts";
import { FORMATS, type Format } from "../study/options.ts";

export interface LoadFlowRequest {
  file: string;
  format: Format;
  options: LoadFlowOptions;
}

function positiveNumber(flag: string, value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() !== "" && Number.isFinite(n) && n > 0) return n;
  problems.push(`--${flag}: "${value}" is not a positive number`);
  return undefined;
}

function iterations(value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (/^\d+$/.test(value.trim()) && n <= 10_000) return n;
  problems.push(`--max-iter: "${value}" is not a whole number of iterations (0 … 10000)`);
  return undefined;
}

/** The load-flow flags (--tol, --max-iter, --q-limits, --flat, --algorithm) → options; problems collected. */
export function loadFlowOptionsOf(flags: Command["flags"], problems: string[]): LoadFlowOptions {
  return {
    tolerance_pu: positiveNumber("tol", flags.tol, problems),
    max_iterations: iterations(flags["max-iter"], problems),
    q_limits: flags["q-limits"] ?? false,
    flat_start: flags.flat ?? false,
    algorithm: checkOneOf("algorithm", flags.algorithm, LOAD_FLOW_ALGORITHMS, problems) ?? "nr",
  };
}

export function loadFlowRequest({ args, flags }: Command): LoadFlowRequest {
  const problems: string[] = [];
  const options = loadFlowOptionsOf(flags, problems);
  const format = checkOneOf("format", flags.format, FORMATS, problems) ?? "table";
  if (problems.length > 0) throw usageError(...problems);
  return { file: args.file ?? "", format, options };
}
