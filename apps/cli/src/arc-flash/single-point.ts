// `ampflux arc-flash --voc-kv … --time-ms …`: one case from flags, checked by the same
// calculator as a cases file; a refused case names the flag (--gap-mm for gap_mm).

import { ELECTRODE_CONFIGS } from "@ampflux/contracts";
import { CASE_FLAGS, type CaseFlag, type Command } from "../args.ts";
import { usageError } from "../errors.ts";

const REQUIRED: CaseFlag[] = ["voc-kv", "ibf-ka", "config", "gap-mm", "distance-mm", "time-ms"];

/** gap_mm → --gap-mm. */
export const flagOf = (field: string) => `--${field.replaceAll("_", "-")}`;

export const hasCaseFlags = (command: Command) =>
  CASE_FLAGS.some((flag) => command.flags[flag] !== undefined);

/** The case the flags describe; every missing or non-numeric flag is named in one error. */
export function singlePointCase(command: Command): Record<string, unknown> {
  const problems: string[] = [];
  const value: Record<string, unknown> = {};
  for (const flag of CASE_FLAGS) {
    const given = command.flags[flag];
    const field = flag.replaceAll("-", "_");
    if (given === undefined) {
      if (REQUIRED.includes(flag)) problems.push(`missing --${flag}`);
      continue;
    }
    if (flag === "config") {
      const config = String(given).toUpperCase();
      if (!(ELECTRODE_CONFIGS as readonly string[]).includes(config))
        problems.push(`--config: "${String(given)}" is not one of ${ELECTRODE_CONFIGS.join(", ")}`);
      value[field] = config;
      continue;
    }
    const n = Number(given);
    if (String(given).trim() === "" || !Number.isFinite(n))
      problems.push(`--${flag}: "${String(given)}" is not a number`);
    value[field] = n;
  }
  if (problems.length > 0) throw usageError(...problems);
  return value;
}
