// Options of a load flow, parsed by the one schema in contracts; the iteration limit's default
// depends on the method (MATPOWER and pandapower use the same defaults).

import { type LoadFlowOptions, loadFlowOptionsSchema, type ParsedLoadFlowOptions } from "@ampflux/contracts";
import { LoadFlowInputError } from "./errors.ts";

export type { LoadFlowOptions };

export type ResolvedLoadFlowOptions = Required<ParsedLoadFlowOptions>;

const DEFAULT_MAX_ITERATIONS = { nr: 10, fdxb: 30, fdbx: 30, dc: 1 } as const;

export function resolveLoadFlowOptions(options: LoadFlowOptions = {}): ResolvedLoadFlowOptions {
  const parsed = loadFlowOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new LoadFlowInputError(
      "invalid options",
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    );
  const o = parsed.data;
  return { ...o, max_iterations: o.max_iterations ?? DEFAULT_MAX_ITERATIONS[o.algorithm] };
}
