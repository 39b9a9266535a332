/**
 * Raised for input that is not an IEEE Common Data Format case this importer understands. `line`
 * is 1-based; `field` names the card field and its columns (e.g. "bus card base kV, columns 77-83").
 */
export class CdfParseError extends Error {
  override name = "CdfParseError";
  readonly line: number;
  readonly field: string | undefined;
  constructor(line: number, message: string, field?: string) {
    super(`line ${line}${field ? ` (${field})` : ""}: ${message}`);
    this.line = line;
    this.field = field;
  }
}
