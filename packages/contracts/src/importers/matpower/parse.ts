import { fastDecimal } from "./decimal.ts";
import { MatpowerParseError } from "./errors.ts";
import { type MatpowerMatrix, MatrixBuilder } from "./matrix.ts";

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
 * regular expression.
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

/** The lines of a text one at a time, as text.split(/\r?\n/) gives them, without making them all. */
class Lines {
  readonly #text: string;
  #next = 0;
  /** The current line is text[start, end); `number` counts from 1. */
  start = 0;
  end = 0;
  number = 0;

  constructor(text: string) {
    this.#text = text;
  }

  advance(): boolean {
    const text = this.#text;
    if (this.#next > text.length) return false;
    this.start = this.#next;
    let newline = text.indexOf("\n", this.start);
    if (newline < 0) newline = text.length;
    this.end = newline > this.start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    this.#next = newline + 1;
    this.number++;
    return true;
  }

  get text(): string {
    return this.#text.slice(this.start, this.end);
  }

  /** How many lines the whole text has (for an error at its end). */
  count(): number {
    let lines = 1;
    for (let at = this.#text.indexOf("\n"); at >= 0; at = this.#text.indexOf("\n", at + 1)) lines++;
    return lines;
  }
}

/** One line's content, comment stripped, into `rows`: true at the closing `]`. */
function addContent(rows: MatrixBuilder, content: string, line: number): boolean {
  const close = content.indexOf("]");
  const body = close < 0 ? content : content.slice(0, close);
  if (body.includes("...")) throw new MatpowerParseError(line, "line continuations are not supported");
  for (const row of body.split(";")) rows.addRow(rowNumbers(row, line), line);
  if (close < 0) return false;
  if (!/^\]\s*;?$/.test(content.slice(close))) throw new MatpowerParseError(line, "unexpected text after ]");
  return true;
}

/** Ends a number in a matrix row: a separator, a row end, the closing bracket or a comment. */
const endsNumber = (code: number) => isSeparator(code) || code === 59 || code === 93 || code === 37;

const isBlank = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * The matrix's lines after the first, read in place: what addContent does with each line's text,
 * but in one loop over the text, making no strings of the lines or their numbers (one loop, so
 * that V8 optimizes it within its first call). Lines holding a quote (which could hide a `%`) or
 * any non-ASCII character (which trim() and the separators treat in their own ways) go to
 * addContent instead; numbers the fast path leaves (fastDecimal) go to parseNumber. Returns true
 * at `]`, with `lines` on its line.
 */
function readRowsInPlace(rows: MatrixBuilder, text: string, lines: Lines): boolean {
  while (lines.advance()) {
    const { start, end, number: line } = lines;
    let contentEnd = end;
    let close = -1;
    let special = false;
    for (let k = start; k < end; k++) {
      const code = text.charCodeAt(k);
      if (code === 39 || code > 127) {
        special = true;
        break;
      }
      if (code === 37) {
        contentEnd = k;
        break;
      }
      if (code === 93 && close < 0) close = k;
      else if (
        code === 46 &&
        close < 0 &&
        k + 2 < end &&
        text.charCodeAt(k + 1) === 46 &&
        text.charCodeAt(k + 2) === 46
      )
        throw new MatpowerParseError(line, "line continuations are not supported");
    }
    if (special) {
      if (addContent(rows, stripComment(lines.text), line)) return true;
      continue;
    }
    const bodyEnd = close < 0 ? contentEnd : close;
    // Each number takes a character and a separator: room for all of the line's.
    rows.reserve(((bodyEnd - start) >> 1) + 1);
    const values = rows.values;
    let k = start;
    while (k < bodyEnd) {
      const code = text.charCodeAt(k);
      if (code === 59) {
        rows.endRow(line);
        k++;
      } else if (isSeparator(code)) {
        k++;
      } else {
        let tokenEnd = k + 1;
        while (tokenEnd < bodyEnd && !endsNumber(text.charCodeAt(tokenEnd))) tokenEnd++;
        const value = fastDecimal(text, k, tokenEnd);
        values[rows.used++] = Number.isNaN(value) ? parseNumber(text.slice(k, tokenEnd), line) : value;
        k = tokenEnd;
      }
    }
    rows.endRow(line);
    if (close < 0) continue;
    // After `]`: blanks, an optional `;`, blanks (the comment is already cut off).
    k = close + 1;
    while (k < contentEnd && isBlank(text.charCodeAt(k))) k++;
    if (k < contentEnd && text.charCodeAt(k) === 59) k++;
    while (k < contentEnd && isBlank(text.charCodeAt(k))) k++;
    if (k < contentEnd) throw new MatpowerParseError(line, "unexpected text after ]");
    return true;
  }
  return false;
}

/** Reads rows until the closing `]`; MATLAB separates rows by `;` or by line breaks. */
function readMatrix(text: string, lines: Lines, firstContent: string, name: string): MatpowerMatrix {
  const startLine = lines.number;
  const rows = new MatrixBuilder(name, startLine);
  if (addContent(rows, firstContent, startLine)) return rows.build();
  if (readRowsInPlace(rows, text, lines)) return rows.build();
  throw new MatpowerParseError(
    lines.number,
    `mpc.${name} opened at line ${startLine} is never closed with ];`,
  );
}

/** Skips a cell array up to its closing `}`, counting its entries. */
function readCell(lines: Lines, firstContent: string, name: string): number {
  const startLine = lines.number;
  let entries = 0;
  let content = firstContent;
  do {
    if (lines.number > startLine) content = stripComment(lines.text);
    const unquoted = content.replace(QUOTED, "''");
    entries += (content.match(QUOTED) ?? []).length;
    if (unquoted.includes("}")) return entries;
  } while (lines.advance());
  throw new MatpowerParseError(
    lines.number,
    `mpc.${name} opened at line ${startLine} is never closed with };`,
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
  const lines = new Lines(text);
  const parsed: ParsedMatpower = {
    lineCount: lines.count(),
    functionName: undefined,
    scalars: new Map(),
    strings: new Map(),
    matrices: new Map(),
    cells: new Map(),
  };
  while (lines.advance()) {
    const line = lines.number;
    const statement = stripComment(lines.text);
    if (statement === "") continue;
    const header = FUNCTION.exec(statement);
    if (header) {
      parsed.functionName = header[1];
      continue;
    }
    const assignment = ASSIGNMENT.exec(statement);
    if (!assignment) throw new MatpowerParseError(line, `unsupported statement "${statement.slice(0, 40)}"`);
    const [, name = "", value = ""] = assignment;
    if (value.startsWith("[")) {
      parsed.matrices.set(name, readMatrix(text, lines, value.slice(1), name));
    } else if (value.startsWith("{")) {
      parsed.cells.set(name, readCell(lines, value.slice(1), name));
    } else if (STRING_VALUE.test(value)) {
      parsed.strings.set(name, STRING_VALUE.exec(value)?.[1] ?? "");
    } else {
      const scalar = SCALAR_VALUE.exec(value)?.[1] ?? value;
      parsed.scalars.set(name, { value: parseNumber(scalar, line), line });
    }
  }
  return parsed;
}
