// The study command's flags → engine options and output format. Every problem is collected, so
// one run names them all.

import {
  DUTY_CURRENTS,
  FAULT_TYPES,
  type ShortCircuitOptionsInput,
  shortCircuitOptionsSchema,
} from "@ampflux/contracts";
import { type Command, checkOneOf } from "../args.ts";
import { usageError } from "../errors.ts";
import { type DefaultType, parseDefaultTypes } from "./default-types.ts";
import { type LabelsRequest, labelsRequest } from "./labels.ts";

export const FORMATS = ["table", "csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface StudyRequest {
  file: string;
  /** --seq FILE: a PSS/E case's sequence data file. */
  seq: string | undefined;
  format: Format;
  /** --labels FILE.pdf|FILE.svg (with --layout, --paper for PDF): arc-flash labels of the result. */
  labels: LabelsRequest | undefined;
  options: ShortCircuitOptionsInput;
  /** Types for the untyped elements of a collection (--default-type), applied before validation. */
  defaultTypes: DefaultType[];
  /** --explain BUS: "why this number" for that bus instead of the results (table: text, json). */
  explain: string | undefined;
  /** --n-1 all|ID,ID…: N-1 screening of I''k instead of one study. */
  outages: string | undefined;
}

/** The flag that sets each option, for naming the flag in the schema's complaints. */
const FLAG_OF_OPTION: Record<string, string> = {
  fault: "--fault",
  case: "--case",
  kappa_method: "--kappa",
  tmin_s: "--tmin",
  tk_s: "--tk",
  buses: "--bus",
  duty: "--duty",
  duty_current: "--duty-current",
  arc_flash: "--arc-flash",
  arc_flash_max_duration_s: "--arc-flash-max-duration",
  prefault_voltage: "--prefault",
  r_fault_ohm: "--r-fault",
  line_faults: "--line-fault",
  x_fault_ohm: "--x-fault",
};

/** --prefault values (CLI spelling) → the option's values. */
const PREFAULT_FLAG = { iec60909: "iec60909", "load-flow": "load_flow" } as const;

/** A flag's number in `unit`s, or a problem naming the flag; undefined when not given. */
function quantity(unit: string) {
  return (flag: string, value: string | undefined, problems: string[]): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() !== "" && Number.isFinite(n)) return n;
    problems.push(`--${flag}: "${value}" is not a number of ${unit}`);
    return undefined;
  };
}

const seconds = quantity("seconds");
const ohms = quantity("ohms");

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

/** --line-fault LINE@POSITION: a fraction (0.3) or a percentage (30%) of the line from its from_bus. */
function lineFaults(values: string[] | undefined, problems: string[]) {
  if (values === undefined) return undefined;
  return values.flatMap((value) => {
    const at = value.lastIndexOf("@");
    const text = value.slice(at + 1).trim();
    const percent = text.endsWith("%");
    const number = Number(percent ? text.slice(0, -1) : text);
    if (at <= 0 || text === "" || !Number.isFinite(number)) {
      problems.push(`--line-fault: "${value}" is not LINE@POSITION (e.g. L1@0.3 or L1@30%)`);
      return [];
    }
    return [{ line: value.slice(0, at), position: percent ? number / 100 : number }];
  });
}

/** --arc-flash-max-duration: seconds, or "none" for no cap (null). */
function maxDuration(value: string | undefined, problems: string[]): number | null | undefined {
  if (value === "none") return null;
  return seconds("arc-flash-max-duration", value, problems);
}

/** --prefault iec60909|load-flow: IEC's c·Un/√3 (default) or a load flow's voltages (superposition). */
function prefaultVoltage(value: string | undefined, problems: string[]) {
  const choice = checkOneOf(
    "prefault",
    value,
    Object.keys(PREFAULT_FLAG) as (keyof typeof PREFAULT_FLAG)[],
    problems,
  );
  return choice === undefined ? undefined : PREFAULT_FLAG[choice];
}

export function studyRequest({ args, flags }: Command): StudyRequest {
  const problems: string[] = [];
  const arcFlash = flags["arc-flash"] ?? false;
  const fault = checkOneOf("fault", flags.fault, FAULT_TYPES, problems);
  const options: ShortCircuitOptionsInput = {
    // IEEE 1584-2018 models three-phase arcs: --arc-flash implies --fault 3ph.
    fault: fault ?? (arcFlash ? "3ph" : undefined),
    case: checkOneOf("case", flags.case, ["max", "min"] as const, problems),
    kappa_method: checkOneOf("kappa", flags.kappa, ["B", "C"] as const, problems),
    tmin_s: seconds("tmin", flags.tmin, problems),
    tk_s: seconds("tk", flags.tk, problems),
    buses: flags.bus,
    branches: flags.branches ?? false,
    duty: flags.duty ?? false,
    duty_current: checkOneOf("duty-current", flags["duty-current"], DUTY_CURRENTS, problems),
    arc_flash: arcFlash,
    arc_flash_max_duration_s: maxDuration(flags["arc-flash-max-duration"], problems),
    prefault_voltage: prefaultVoltage(flags.prefault, problems),
    r_fault_ohm: ohms("r-fault", flags["r-fault"], problems),
    x_fault_ohm: ohms("x-fault", flags["x-fault"], problems),
    line_faults: lineFaults(flags["line-fault"], problems),
  };
  const format = checkOneOf("format", flags.format, FORMATS, problems) ?? "table";
  if (options.branches && !flags.bus && !flags["line-fault"])
    problems.push("--branches needs at least one --bus or --line-fault");
  if (flags["duty-current"] !== undefined && !options.duty) problems.push("--duty-current needs --duty");
  // The maximum currents determine equipment ratings (IEC 60909-0 §1); the engine refuses duty with min.
  if (options.duty && options.case === "min")
    problems.push("--duty needs --case max (duty uses the maximum currents)");
  if (arcFlash && fault !== undefined && fault !== "3ph")
    problems.push(`--arc-flash needs --fault 3ph (IEEE 1584-2018 models three-phase arcs), not ${fault}`);
  const throughImpedance = (options.r_fault_ohm ?? 0) !== 0 || (options.x_fault_ohm ?? 0) !== 0;
  if (throughImpedance && (options.duty || arcFlash))
    problems.push("--r-fault/--x-fault: duty and arc flash use bolted-fault currents; leave them out");
  if (flags["arc-flash-max-duration"] !== undefined && !arcFlash)
    problems.push("--arc-flash-max-duration needs --arc-flash");
  if (flags.explain !== undefined) {
    // One bus's explanation: the study's other outputs do not apply.
    const others = (["bus", "line-fault", "branches", "duty", "arc-flash", "labels"] as const).filter(
      (flag) => flags[flag] !== undefined && flags[flag] !== false,
    );
    if (others.length > 0)
      problems.push(`--explain BUS explains one bus: leave out ${others.map((f) => `--${f}`).join(", ")}`);
    if (format === "csv") problems.push("--explain prints text (--format table) or --format json, not csv");
  }
  if (flags["n-1"] !== undefined) {
    const n1 = flags["n-1"];
    if (n1.trim() === "") problems.push('--n-1: give "all" or branch ids separated by commas');
    // The screening reports I''k per bus: the study's other outputs do not apply.
    const others = (
      [
        "bus",
        "line-fault",
        "branches",
        "duty",
        "arc-flash",
        "labels",
        "explain",
        "prefault",
        "r-fault",
        "x-fault",
      ] as const
    ).filter((flag) => flags[flag] !== undefined && flags[flag] !== false);
    if (others.length > 0)
      problems.push(`--n-1 screens I''k at every bus: leave out ${others.map((f) => `--${f}`).join(", ")}`);
  }
  const labels = labelsRequest(flags, arcFlash, problems);
  const defaultTypes = parseDefaultTypes(flags["default-type"], problems);
  checkRanges(options, problems);
  if (problems.length > 0) throw usageError(...problems);
  return {
    file: args.file ?? "",
    seq: flags.seq,
    format,
    labels,
    options,
    defaultTypes,
    explain: flags.explain,
    outages: flags["n-1"],
  };
}
