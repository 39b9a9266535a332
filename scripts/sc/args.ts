// Command line → study request. Every problem is collected, so one run names them all.

import { parseArgs } from "node:util";
import { FAULT_TYPES, type ShortCircuitOptionsInput, shortCircuitOptionsSchema } from "@ampflux/contracts";
import { usageError } from "./errors.ts";

export const FORMATS = ["table", "csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface Request {
  file: string;
  format: Format;
  options: ShortCircuitOptionsInput;
}

export type Command = { kind: "help" } | { kind: "study"; request: Request };

const FLAGS = {
  fault: { type: "string" },
  case: { type: "string" },
  kappa: { type: "string" },
  tmin: { type: "string" },
  tk: { type: "string" },
  bus: { type: "string", multiple: true },
  branches: { type: "boolean" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The option each flag sets, for naming the flag in the schema's complaints. */
const FLAG_OF_OPTION: Record<string, string> = {
  fault: "--fault",
  case: "--case",
  kappa_method: "--kappa",
  tmin_s: "--tmin",
  tk_s: "--tk",
  buses: "--bus",
};

/** parseArgs' own errors, reworded to one short line. */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usageError(`unknown flag ${flag ?? message}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
      throw usageError(/does not take/.test(message) ? `${flag} takes no value` : `${flag} needs a value`);
    }
    throw usageError(message);
  }
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  problems: string[],
) {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  problems.push(`${flag}: "${value}" is not one of ${allowed.join(", ")}`);
  return undefined;
}

function seconds(flag: string, value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() !== "" && Number.isFinite(n)) return n;
  problems.push(`${flag}: "${value}" is not a number of seconds`);
  return undefined;
}

/**
 * The engine's option schema decides ranges; its complaints are reported against the flags.
 * Values already rejected above are undefined here, so nothing is reported twice.
 */
function checkRanges(options: ShortCircuitOptionsInput, problems: string[]): void {
  const parsed = shortCircuitOptionsSchema.safeParse(options);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const flag = FLAG_OF_OPTION[String(issue.path[0])] ?? String(issue.path[0]);
    problems.push(`${flag}: ${issue.message.toLowerCase()}`);
  }
}

function fileOf(positionals: string[], problems: string[]): string {
  if (positionals.length === 0) problems.push("missing the input file (network .json or MATPOWER .m)");
  if (positionals.length > 1)
    problems.push(`expected one input file, got ${positionals.length}: ${positionals.join(" ")}`);
  return positionals[0] ?? "";
}

export function parseCommandLine(argv: string[]): Command {
  const { values, positionals } = parseFlags(argv);
  if (values.help) return { kind: "help" };
  const problems: string[] = [];
  const file = fileOf(positionals, problems);
  const options: ShortCircuitOptionsInput = {
    fault: oneOf("--fault", values.fault, FAULT_TYPES, problems),
    case: oneOf("--case", values.case, ["max", "min"] as const, problems),
    kappa_method: oneOf("--kappa", values.kappa, ["B", "C"] as const, problems),
    tmin_s: seconds("--tmin", values.tmin, problems),
    tk_s: seconds("--tk", values.tk, problems),
    buses: values.bus,
    branches: values.branches ?? false,
  };
  const format = oneOf("--format", values.format, FORMATS, problems) ?? "table";
  if (options.branches && !values.bus) problems.push("--branches needs at least one --bus");
  checkRanges(options, problems);
  if (problems.length > 0) throw usageError(...problems);
  return { kind: "study", request: { file, format, options } };
}
