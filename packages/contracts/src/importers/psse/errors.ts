/**
 * Raised for input that is not a PSS/E RAW version 33 case this importer understands. `line` is
 * 1-based; `field` names the record item (e.g. "BASKV", "transformer record 2 X1-2") where one
 * value is at fault.
 */
export class PsseParseError extends Error {
  override name = "PsseParseError";
  readonly line: number;
  readonly field: string | undefined;
  constructor(line: number, message: string, field?: string) {
    super(`line ${line}${field ? ` (${field})` : ""}: ${message}`);
    this.line = line;
    this.field = field;
  }
}
