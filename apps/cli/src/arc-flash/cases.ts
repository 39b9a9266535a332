// `ampflux arc-flash --cases FILE.jsonl`: one case per input line, one JSON object per output
// line in the same order — the case's results, or {"line", "error", "field"} for a line that is
// not JSON, fails the case schema or lies outside IEEE 1584-2018's range. Blank lines are
// skipped (no output line) but still counted, so "line" is the line number in the file.

import type { ArcFlashCaseResult, SimCore } from "@ampflux/sim-wasm";

export interface CaseLine {
  /** 1-based line number in the input. */
  line: number;
  text: string;
}

export interface CaseLineError {
  line: number;
  error: string;
  /** The input field at fault; null when the line is not a JSON value at all. */
  field: string | null;
}

/** The non-blank lines of a cases file with their numbers. */
export function caseLines(text: string): CaseLine[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter((l) => l.text !== "");
}

type Parsed = { line: number; value: unknown } | CaseLineError;

function parseLine({ line, text }: CaseLine): Parsed {
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, error: `invalid JSON: ${(error as Error).message}`, field: null };
  }
}

const isError = (p: Parsed): p is CaseLineError => "error" in p;

/** What one case line prints: its results (with its line number first) or its error. */
export type CaseLineOutput = ({ line: number } & Record<string, unknown>) | CaseLineError;

function lineOutput(line: number, result: ArcFlashCaseResult): CaseLineOutput {
  if (result.ok) return { line, ...result.output };
  const { field, message } = result.issue;
  return { line, error: field ? `${field}: ${message}` : message, field: field || null };
}

/** Every line's output, in order; all valid JSON lines go to the calculator in one call. */
export function runCaseLines(core: SimCore, lines: readonly CaseLine[]): CaseLineOutput[] {
  const parsed = lines.map(parseLine);
  const json = parsed.filter((p): p is { line: number; value: unknown } => !isError(p));
  const results = core.arcFlashCases(json.map((p) => p.value));
  const byLine = new Map(json.map((p, k) => [p.line, results[k]]));
  return parsed.map((p) => {
    if (isError(p)) return p;
    const result = byLine.get(p.line);
    return result ? lineOutput(p.line, result) : { line: p.line, error: "not computed", field: null };
  });
}

export const failed = (outputs: readonly CaseLineOutput[]): CaseLineError[] =>
  outputs.filter((o): o is CaseLineError => "error" in o);
