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
  // Matrix rows (nearly every line of a large case) hold no quotes: no masking needed.
  const masked = text.includes("'") ? text.replace(QUOTED, (s) => "_".repeat(s.length)) : text;
  const at = masked.indexOf("%");
  return (at < 0 ? text : text.slice(0, at)).trim();
}

/** Blanks and commas separate a row's numbers (what the regular expression [\s,]+ matches). */
function isSeparator(code: number): boolean {
  return (
    code === 32 ||
    code === 44 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/**
 * The numbers of one row's text. A scan over its characters rather than trim/split/filter with a
 * regular expression: a 10,000-bus case has ~40,000 rows, and this is the importer's hot loop.
 */
function rowNumbers(text: string, line: number): number[] {
  const values: number[] = [];
  let start = -1;
  for (let k = 0; k <= text.length; k++) {
    if (k === text.length || isSeparator(text.charCodeAt(k))) {
      if (start >= 0) values.push(parseNumber(text.slice(start, k), line));
      start = -1;
    } else if (start < 0) {
      start = k;
    }
  }
  return values;
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
      const values = rowNumbers(row, i + 1);
      if (values.length === 0) continue;
      const width = matrix.rows[0]?.length ?? values.length;
      if (values.length !== width) {
        throw new MatpowerParseError(
          i + 1,
          `mpc.${name} row has ${values.length} columns, expected ${width}`,
        );
      }
      matrix.rows.push(values);
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
