import { MatpowerParseError } from "./errors.ts";

/**
 * A numeric matrix of a case file (mpc.bus, mpc.branch, …): its values row after row in one
 * array, and the source line of each row for errors that point at the file. One array rather
 * than an array per row: a 10,000-bus case has ~30,000 rows, and in a one-shot `ampflux study`
 * each small array outlives a few young-generation collections, is copied into the old
 * generation and faults in fresh pages there (docs/performance.md, "Cold command-line runs").
 */
export interface MatpowerMatrix {
  /** Row r, column c is values[r · width + c]. */
  values: Float64Array;
  /** Columns per row; 0 while the matrix has no rows. */
  width: number;
  /** The 1-based source line of each row: as many as there are rows. */
  rowLines: number[];
  /** The line of the `mpc.<name> = [` that opens the matrix. */
  startLine: number;
}

export const rowCount = (matrix: MatpowerMatrix) => matrix.rowLines.length;

/** Row `row`, column `column`, or undefined outside the matrix. */
export function entry(matrix: MatpowerMatrix, row: number, column: number): number | undefined {
  if (row < 0 || row >= matrix.rowLines.length || column < 0 || column >= matrix.width) return undefined;
  return matrix.values[row * matrix.width + column];
}

/** The rows as arrays (for code that reads a small matrix whole). */
export function rowsOf(matrix: MatpowerMatrix): number[][] {
  return matrix.rowLines.map((_, r) =>
    Array.from(matrix.values.subarray(r * matrix.width, (r + 1) * matrix.width)),
  );
}

/**
 * Collects a matrix row by row: `push` each number of a row, then `endRow` with the row's line.
 * Rows must all have the first row's width (an empty row is none at all, as in MATLAB).
 */
export class MatrixBuilder {
  readonly #name: string;
  readonly #startLine: number;
  /**
   * The numbers so far, `used` of them: public so that the reader's hot loop writes them
   * directly after `reserve` (a method call and a bounds check per number were a third of the
   * parse in a one-shot run, where that code is not yet optimized).
   */
  values = new Float64Array(1024);
  used = 0;
  #rowStart = 0;
  #width = 0;
  readonly #rowLines: number[] = [];

  /** `name` is the matrix's (bus, gen, …), for messages. */
  constructor(name: string, startLine: number) {
    this.#name = name;
    this.#startLine = startLine;
  }

  /** Makes room for `count` more numbers. */
  reserve(count: number): void {
    if (this.used + count <= this.values.length) return;
    const grown = new Float64Array(Math.max(this.values.length * 2, this.used + count));
    grown.set(this.values.subarray(0, this.used));
    this.values = grown;
  }

  push(value: number): void {
    this.reserve(1);
    this.values[this.used++] = value;
  }

  endRow(line: number): void {
    const count = this.used - this.#rowStart;
    if (count === 0) return;
    if (this.#rowLines.length === 0) this.#width = count;
    else if (count !== this.#width)
      throw new MatpowerParseError(
        line,
        `mpc.${this.#name} row has ${count} columns, expected ${this.#width}`,
      );
    this.#rowLines.push(line);
    this.#rowStart = this.used;
  }

  /** A whole row at once. */
  addRow(values: readonly number[], line: number): void {
    for (const value of values) this.push(value);
    this.endRow(line);
  }

  build(): MatpowerMatrix {
    return {
      values: this.values.subarray(0, this.used),
      width: this.#width,
      rowLines: this.#rowLines,
      startLine: this.#startLine,
    };
  }
}

/** A matrix of rows read some other way (the IEEE CDF importer's cards). */
export function matrixOfRows(
  name: string,
  rows: readonly (readonly number[])[],
  rowLines: readonly number[],
  startLine: number,
) {
  const builder = new MatrixBuilder(name, startLine);
  rows.forEach((row, r) => {
    builder.addRow(row, rowLines[r] ?? startLine);
  });
  return builder.build();
}
