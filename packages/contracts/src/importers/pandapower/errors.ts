/**
 * Raised for input that is not a pandapower JSON network this importer understands. `line` and
 * `column` are 1-based positions in the file; `field` names the table and column (e.g.
 * "trafo[3].vk_percent") where the problem is in one value.
 */
export class PandapowerParseError extends Error {
  override name = "PandapowerParseError";
  readonly line: number;
  readonly column: number;
  readonly field: string | undefined;
  constructor(line: number, column: number, message: string, field?: string) {
    super(`line ${line}, column ${column}${field ? ` (${field})` : ""}: ${message}`);
    this.line = line;
    this.column = column;
    this.field = field;
  }
}
