import { MatpowerParseError } from "./errors.ts";

/** A numeric matrix with the source line of each row, for errors that point at the file. */
export interface MatpowerMatrix {
  rows: number[][];
  rowLines: number[];
  startLine: number;
}

/** The syntax of a case file, before any meaning is given to it. */
export interface ParsedMatpower {
  lineCount: number;
  functionName: string | undefined;
  scalars: Map<string, { value: number; line: number }>;
  strings: Map<string, string>;
  matrices: Map<string, MatpowerMatrix>;
  /** Cell arrays (bus_name, gentype, …): only their entry count is kept, for the report. */
  cells: Map<string, number>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)Inf$/;
const QUOTED = /'(?:[^']|'')*'/g;

function parseNumber(token: string, line: number): number {
  if (NUMBER.test(token)) return Number(token);
  const inf = INFINITY.exec(token);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  throw new MatpowerParseError(line, `"${token}" is not a number`);
}

/** Drops a `%` comment; quoted strings may contain `%` and are kept whole. */
function stripComment(text: string): string {
  const masked = text.replace(QUOTED, (s) => "_".repeat(s.length));
  const at = masked.indexOf("%");
  return (at < 0 ? text : text.slice(0, at)).trim();
}

/** Reads rows until the closing `]`; MATLAB separates rows by `;` or by line breaks. */
function readMatrix(lines: string[], start: number, firstContent: string, name: string) {
  const matrix: MatpowerMatrix = { rows: [], rowLines: [], startLine: start + 1 };
  let content = firstContent;
  for (let i = start; i < lines.length; i++) {
    if (i > start) content = stripComment(lines[i] ?? "");
    const close = content.indexOf("]");
    const body = close < 0 ? content : content.slice(0, close);
    if (body.includes("...")) throw new MatpowerParseError(i + 1, "line continuations are not supported");
    for (const row of body.split(";")) {
      const tokens = row
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean);
      if (tokens.length === 0) continue;
      const width = matrix.rows[0]?.length ?? tokens.length;
      if (tokens.length !== width) {
        throw new MatpowerParseError(
          i + 1,
          `mpc.${name} row has ${tokens.length} columns, expected ${width}`,
        );
      }
      matrix.rows.push(tokens.map((t) => parseNumber(t, i + 1)));
      matrix.rowLines.push(i + 1);
    }
    if (close >= 0) {
      if (!/^\]\s*;?$/.test(content.slice(close)))
        throw new MatpowerParseError(i + 1, "unexpected text after ]");
      return { matrix, end: i };
    }
  }
  throw new MatpowerParseError(
    lines.length,
    `mpc.${name} opened at line ${start + 1} is never closed with ];`,
  );
}

/** Skips a cell array up to its closing `}`, counting its entries. */
function readCell(lines: string[], start: number, firstContent: string, name: string) {
  let entries = 0;
  let content = firstContent;
  for (let i = start; i < lines.length; i++) {
    if (i > start) content = stripComment(lines[i] ?? "");
    const unquoted = content.replace(QUOTED, "''");
    entries += (content.match(QUOTED) ?? []).length;
    if (unquoted.includes("}")) return { entries, end: i };
  }
  throw new MatpowerParseError(
    lines.length,
    `mpc.${name} opened at line ${start + 1} is never closed with };`,
  );
}

const FUNCTION = /^function\s+mpc\s*=\s*([A-Za-z]\w*)\s*;?$/;
const ASSIGNMENT = /^mpc\.([A-Za-z]\w*)\s*=\s*(.*)$/;
const STRING_VALUE = /^'((?:[^']|'')*)'\s*;?$/;
const SCALAR_VALUE = /^(\S+?)\s*;?$/;

/**
 * Parses the subset of MATLAB that MATPOWER case files (format version 2) use: a function header
 * and `mpc.<field> = …` assignments of scalars, strings, numeric matrices and cell arrays. Any
 * other statement is an error rather than something to skip, so that nothing is lost unnoticed.
 * One pass over the lines, so garbage input fails fast.
 */
export function parseMatpowerText(text: string): ParsedMatpower {
  const lines = text.split(/\r?\n/);
  const parsed: ParsedMatpower = {
    lineCount: lines.length,
    functionName: undefined,
    scalars: new Map(),
    strings: new Map(),
    matrices: new Map(),
    cells: new Map(),
  };
  for (let i = 0; i < lines.length; i++) {
    const statement = stripComment(lines[i] ?? "");
    if (statement === "") continue;
    const header = FUNCTION.exec(statement);
    if (header) {
      parsed.functionName = header[1];
      continue;
    }
    const assignment = ASSIGNMENT.exec(statement);
    if (!assignment) throw new MatpowerParseError(i + 1, `unsupported statement "${statement.slice(0, 40)}"`);
    const [, name = "", value = ""] = assignment;
    if (value.startsWith("[")) {
      const { matrix, end } = readMatrix(lines, i, value.slice(1), name);
      parsed.matrices.set(name, matrix);
      i = end;
    } else if (value.startsWith("{")) {
      const { entries, end } = readCell(lines, i, value.slice(1), name);
      parsed.cells.set(name, entries);
      i = end;
    } else if (STRING_VALUE.test(value)) {
      parsed.strings.set(name, STRING_VALUE.exec(value)?.[1] ?? "");
    } else {
      const scalar = SCALAR_VALUE.exec(value)?.[1] ?? value;
      parsed.scalars.set(name, { value: parseNumber(scalar, i + 1), line: i + 1 });
    }
  }
  return parsed;
}
