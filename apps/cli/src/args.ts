// Command line → command with its arguments and flags, each checked against what it accepts.

import { parseArgs } from "node:util";
import { usageError } from "./errors.ts";

/**
 * `ampflux arc-flash`'s single-point flags, in the order of a calculator case's fields (gap_mm →
 * --gap-mm); each takes a string that arc-flash/single-point.ts checks.
 */
export const CASE_FLAGS = [
  "voc-kv",
  "ibf-ka",
  "config",
  "gap-mm",
  "distance-mm",
  "height-mm",
  "width-mm",
  "depth-mm",
  "time-ms",
  "time-reduced-ms",
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

const caseFlagOptions = Object.fromEntries(CASE_FLAGS.map((flag) => [flag, { type: "string" }])) as Record<
  CaseFlag,
  { readonly type: "string" }
>;

const FLAGS = {
  project: { type: "string" },
  version: { type: "string" },
  base: { type: "string" },
  format: { type: "string" },
  message: { type: "string" },
  description: { type: "string" },
  fault: { type: "string" },
  case: { type: "string" },
  kappa: { type: "string" },
  tmin: { type: "string" },
  tk: { type: "string" },
  bus: { type: "string", multiple: true },
  branches: { type: "boolean" },
  duty: { type: "boolean" },
  "duty-current": { type: "string" },
  "arc-flash": { type: "boolean" },
  "arc-flash-max-duration": { type: "string" },
  prefault: { type: "string" },
  "r-fault": { type: "string" },
  "line-fault": { type: "string", multiple: true },
  "x-fault": { type: "string" },
  explain: { type: "string" },
  "n-1": { type: "string" },
  labels: { type: "string" },
  "default-type": { type: "string", multiple: true },
  tol: { type: "string" },
  "max-iter": { type: "string" },
  "q-limits": { type: "boolean" },
  flat: { type: "boolean" },
  algorithm: { type: "string" },
  kind: { type: "string" },
  wait: { type: "boolean" },
  out: { type: "string" },
  layout: { type: "string" },
  paper: { type: "string" },
  network: { type: "string" },
  date: { type: "string" },
  simulation: { type: "string" },
  cases: { type: "string" },
  ...caseFlagOptions,
  json: { type: "boolean" },
  seq: { type: "string" },
  html: { type: "string" },
  list: { type: "boolean" },
  plan: { type: "string" },
  status: { type: "string" },
  "max-projects": { type: "string" },
  "max-buses": { type: "string" },
  "batch-studies": { type: "string" },
  "ai-tokens": { type: "string" },
  ends: { type: "string" },
  admin: { type: "string" },
  "all-failed": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type FlagName = Exclude<keyof typeof FLAGS, "help">;

const LICENCE_FLAGS = [
  "plan",
  "status",
  "max-projects",
  "max-buses",
  "batch-studies",
  "ai-tokens",
  "ends",
] as const satisfies FlagName[];

interface CommandSpec {
  /**
   * Positional arguments in order; a name ending in "?" may be left out (the last ones only), one
   * ending in "*" (the last) takes every word left, none or more (Command.rest).
   */
  args: string[];
  flags: FlagName[];
  required: FlagName[];
}

const COMMANDS = {
  study: {
    args: ["file"],
    flags: [
      "fault",
      "case",
      "kappa",
      "tmin",
      "tk",
      "bus",
      "branches",
      "duty",
      "duty-current",
      "arc-flash",
      "arc-flash-max-duration",
      "prefault",
      "r-fault",
      "x-fault",
      "line-fault",
      "explain",
      "n-1",
      "labels",
      "layout",
      "paper",
      "default-type",
      "format",
      "seq",
    ],
    required: [],
  },
  loadflow: {
    args: ["file"],
    flags: ["format", "tol", "max-iter", "q-limits", "flat", "algorithm"],
    required: [],
  },
  labels: {
    args: ["result?"],
    flags: ["out", "layout", "paper", "project", "network", "date", "bus", "simulation"],
    required: [],
  },
  "arc-flash": {
    args: [],
    flags: ["cases", ...CASE_FLAGS, "json"],
    required: [],
  },
  "projects list": { args: [], flags: [], required: [] },
  "projects create": { args: ["name"], flags: ["description"], required: [] },
  "circuits import": {
    args: ["file"],
    flags: ["project", "format", "message", "base"],
    required: ["project"],
  },
  "circuits export": { args: [], flags: ["project", "version", "format", "out"], required: ["project"] },
  simulate: {
    args: [],
    flags: [
      "project",
      "version",
      "kind",
      "fault",
      "case",
      "bus",
      "tol",
      "max-iter",
      "q-limits",
      "flat",
      "algorithm",
      "wait",
    ],
    required: ["project"],
  },
  "results export": { args: ["simulation-id"], flags: ["project", "format", "out"], required: ["project"] },
  // <simulation-id> --out FILE.pdf, or --list alone (commands/report.ts tells the two apart).
  report: {
    args: ["simulation-id?"],
    flags: ["project", "out", "paper", "branches", "html", "list"],
    required: ["project"],
  },
  // Operator commands: on DATABASE_URL directly (commands/operator.ts).
  "companies list": { args: [], flags: ["format"], required: [] },
  "companies create": { args: ["name"], flags: [...LICENCE_FLAGS, "admin", "format"], required: [] },
  "licence set": { args: ["company"], flags: [...LICENCE_FLAGS, "format"], required: [] },
  "jobs failed": { args: [], flags: ["format"], required: [] },
  // <job-id ...> or --all-failed alone (commands/operator.ts tells the two apart).
  "jobs retry": { args: ["job-id*"], flags: ["all-failed", "format"], required: [] },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

type Flags = Omit<ReturnType<typeof parseFlags>["values"], "help">;

export interface Command {
  name: CommandName;
  args: Record<string, string>;
  /** The words of a last argument that takes any number ("*"). */
  rest?: string[];
  flags: Flags;
}

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

/** "study", "loadflow", "labels", "arc-flash", "simulate" and "report" are one word, the others are a noun and a verb. */
function commandOf(positionals: string[]): { name: CommandName; rest: string[] } {
  for (const words of [1, 2]) {
    const name = positionals.slice(0, words).join(" ");
    if (name in COMMANDS) return { name: name as CommandName, rest: positionals.slice(words) };
  }
  const given = positionals.slice(0, 2).join(" ");
  throw usageError(given ? `unknown command "${given}"` : "missing the command");
}

/** The commands with a help text of their own (`ampflux <command> --help`). */
export const LOCAL_COMMANDS = ["study", "loadflow", "labels", "arc-flash"] as const;
export type LocalCommand = (typeof LOCAL_COMMANDS)[number];

/** --help, after a command's name for that command's own help. */
export interface HelpRequest {
  help: LocalCommand | undefined;
}

/** The parsed command, or the help asked for. */
export function parseCommandLine(argv: string[]): Command | HelpRequest {
  const { values, positionals } = parseFlags(argv);
  if (values.help) return { help: LOCAL_COMMANDS.find((c) => c === positionals[0]) };
  const { name, rest } = commandOf(positionals);
  const spec: CommandSpec = COMMANDS[name];
  const variadic = spec.args.at(-1)?.endsWith("*") ? spec.args.at(-1)?.slice(0, -1) : undefined;
  const fixed = variadic ? spec.args.slice(0, -1) : spec.args;
  const least = fixed.filter((arg) => !arg.endsWith("?")).length;
  if (rest.length < least || (!variadic && rest.length > fixed.length)) {
    const expected =
      [
        ...fixed.map((arg) => (arg.endsWith("?") ? `[<${arg.slice(0, -1)}>]` : `<${arg}>`)),
        ...(variadic ? [`[<${variadic}> ...]`] : []),
      ].join(" ") || "no arguments";
    throw usageError(`${name} takes ${expected}, got ${rest.length ? rest.join(" ") : "none"}`);
  }
  const { help: _help, ...flags } = values;
  for (const flag of Object.keys(flags)) {
    if (!(spec.flags as string[]).includes(flag)) throw usageError(`${name} takes no --${flag}`);
  }
  for (const flag of spec.required) {
    if (flags[flag] === undefined) throw usageError(`${name} needs --${flag}`);
  }
  const args = fixed.flatMap((arg, i) =>
    arg.endsWith("?") ? (rest[i] === undefined ? [] : [[arg.slice(0, -1), rest[i]]]) : [[arg, rest[i] ?? ""]],
  );
  return { name, args: Object.fromEntries(args), ...(variadic && { rest: rest.slice(fixed.length) }), flags };
}

/** A flag's value from a fixed list; undefined (and a problem noted) when it is not in it. */
export function checkOneOf<T extends string>(
  flag: string,
  value: unknown,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  if (value === undefined || (allowed as readonly unknown[]).includes(value)) return value as T | undefined;
  problems.push(`--${flag}: "${String(value)}" is not one of ${allowed.join(", ")}`);
  return undefined;
}

/** A flag's value from a fixed list (the first is the default). */
export function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T {
  const problems: string[] = [];
  const checked = checkOneOf(flag, value, allowed, problems);
  if (problems.length > 0) throw usageError(...problems);
  return checked ?? (allowed[0] as T);
}

/** A version number flag; undefined when not given. */
export function versionFlag(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  throw usageError(`--${flag}: "${String(value)}" is not a version number (1, 2, …)`);
}
