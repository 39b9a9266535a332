import { MIN_COLUMNS } from "./columns.ts";
import { MatpowerParseError } from "./errors.ts";
import { entry, type MatpowerMatrix, rowCount } from "./matrix.ts";
import type { ParsedMatpower } from "./parse.ts";

/** The parts of a case the importer maps, checked for presence and width. */
export interface MatpowerCase {
  name: string | undefined;
  baseMVA: number;
  bus: MatpowerMatrix;
  gen: MatpowerMatrix;
  branch: MatpowerMatrix;
  /** Every other matrix or cell array, with its row count, for the report. */
  unused: Map<string, number>;
}

function requiredMatrix(parsed: ParsedMatpower, name: keyof typeof MIN_COLUMNS, lastLine: number) {
  const matrix = parsed.matrices.get(name);
  if (!matrix) throw new MatpowerParseError(lastLine, `mpc.${name} is missing`);
  const width = rowCount(matrix) > 0 ? matrix.width : MIN_COLUMNS[name];
  if (width < MIN_COLUMNS[name]) {
    throw new MatpowerParseError(
      matrix.startLine,
      `mpc.${name} needs ${MIN_COLUMNS[name]} columns, has ${width}`,
    );
  }
  return matrix;
}

export function readCase(parsed: ParsedMatpower): MatpowerCase {
  const lastLine = parsed.lineCount;
  const version = parsed.strings.get("version");
  if (version !== undefined && version !== "2") {
    throw new MatpowerParseError(1, `case format version ${version} is not supported, only version 2`);
  }
  const base = parsed.scalars.get("baseMVA");
  if (!base) throw new MatpowerParseError(lastLine, "mpc.baseMVA is missing");
  if (!(base.value > 0 && Number.isFinite(base.value))) {
    throw new MatpowerParseError(base.line, "mpc.baseMVA must be a positive number");
  }
  const unused = new Map<string, number>();
  for (const [name, matrix] of parsed.matrices) {
    if (!(name in MIN_COLUMNS)) unused.set(name, rowCount(matrix));
  }
  for (const [name, entries] of parsed.cells) unused.set(name, entries);
  return {
    name: parsed.functionName,
    baseMVA: base.value,
    bus: requiredMatrix(parsed, "bus", lastLine),
    gen: requiredMatrix(parsed, "gen", lastLine),
    branch: requiredMatrix(parsed, "branch", lastLine),
    unused,
  };
}

/** A value the importer computes with: it must be a finite number. */
export function cell(matrix: MatpowerMatrix, row: number, column: number, what: string): number {
  const value = entry(matrix, row, column) ?? Number.NaN;
  if (!Number.isFinite(value)) {
    throw new MatpowerParseError(matrix.rowLines[row] ?? matrix.startLine, `${what} must be a finite number`);
  }
  return value;
}
