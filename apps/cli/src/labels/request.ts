// `ampflux labels` flags → what to read, what to write and what the labels say about the study.

import { LAYOUTS, type Layout, PAPERS, type Paper } from "@ampflux/reports";
import { type Command, oneOf } from "../args.ts";
import { usageError } from "../errors.ts";

export type LabelSource =
  | { kind: "file"; file: string }
  | { kind: "api"; simulation: string; project: string };

export interface LabelRequest {
  source: LabelSource;
  out: string;
  format: "pdf" | "svg";
  layout: Layout;
  paper: Paper;
  /** Label only these buses, in this order; undefined: every bus with a number. */
  buses: string[] | undefined;
  /** What the user gave; the api or a stated default fills the rest. */
  project: string | undefined;
  network: string | undefined;
  date: string | undefined;
}

/** YYYY-MM-DD naming a day of the calendar (2026-02-30 is refused). */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw usageError(`--date: "${value}" is not a date YYYY-MM-DD`);
  }
  return value;
}

export function labelRequest({ args, flags }: Command): LabelRequest {
  const out = flags.out;
  if (out === undefined) throw usageError("labels needs --out FILE.pdf or --out FILE.svg");
  const format = /\.pdf$/i.test(out) ? "pdf" : /\.svg$/i.test(out) ? "svg" : undefined;
  if (!format) throw usageError(`--out: "${out}" must end in .pdf or .svg`);
  if (format === "svg" && (flags.layout !== undefined || flags.paper !== undefined)) {
    throw usageError("--layout and --paper are for PDF output (--out FILE.pdf)");
  }
  const file = args.result;
  const simulation = flags.simulation;
  let source: LabelSource;
  if (simulation !== undefined) {
    if (file) throw usageError("labels takes a result file or --simulation ID, not both");
    if (flags.project === undefined) throw usageError("--simulation needs --project ID");
    source = { kind: "api", simulation, project: flags.project };
  } else {
    if (!file) throw usageError("labels needs a result file (RESULT.json) or --simulation ID --project ID");
    source = { kind: "file", file };
  }
  return {
    source,
    out,
    format,
    layout: oneOf("layout", flags.layout, LAYOUTS),
    paper: oneOf("paper", flags.paper, PAPERS),
    buses: flags.bus,
    project: source.kind === "file" ? flags.project : undefined,
    network: flags.network,
    date: isoDate(flags.date),
  };
}
