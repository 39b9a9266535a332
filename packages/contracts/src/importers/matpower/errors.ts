/** Raised for input that is not a MATPOWER case this importer understands; `line` is 1-based. */
export class MatpowerParseError extends Error {
  override name = "MatpowerParseError";
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}
