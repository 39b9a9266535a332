import { PandapowerParseError } from "./errors.ts";
import type { Frame } from "./frames.ts";
import type { JsonValue } from "./json.ts";

/**
 * Typed access to one row of a frame. pandas writes NaN and None as null, so a null (or NaN, or
 * a missing column) reads as undefined; any other value of the wrong type is a parse error that
 * names the table, row label and column.
 */
export class Row {
  readonly #frame: Frame;
  readonly #columns: ReadonlyMap<string, number>;
  readonly #values: readonly JsonValue[];
  readonly label: number;

  constructor(frame: Frame, columns: ReadonlyMap<string, number>, r: number) {
    this.#frame = frame;
    this.#columns = columns;
    this.#values = frame.rows[r] ?? [];
    this.label = frame.index[r] ?? r;
  }

  get table(): string {
    return this.#frame.table;
  }

  get position(): { line: number; column: number } {
    return this.#frame.position;
  }

  field(column: string): string {
    return `${this.#frame.table}[${this.label}].${column}`;
  }

  fail(column: string, message: string): never {
    const { line, column: at } = this.#frame.position;
    throw new PandapowerParseError(line, at, message, this.field(column));
  }

  has(column: string): boolean {
    return this.raw(column) !== undefined;
  }

  raw(column: string): JsonValue | undefined {
    const c = this.#columns.get(column);
    const value = c === undefined ? undefined : this.#values[c];
    return value === null || (typeof value === "number" && Number.isNaN(value)) ? undefined : value;
  }

  /** A finite number; numeric strings (object-dtype columns) are accepted, "" and "nan" read as unset. */
  number(column: string): number | undefined {
    const value = this.raw(column);
    if (value === undefined) return undefined;
    if (typeof value === "string") {
      const text = value.trim();
      if (text === "" || text.toLowerCase() === "nan") return undefined;
      const n = Number(text);
      if (!Number.isFinite(n)) this.fail(column, `${JSON.stringify(value)} is not a number`);
      return n;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.fail(column, `${JSON.stringify(value)} is not a finite number`);
    }
    return value;
  }

  /** The columns that hold a number, for optional document fields. */
  numbers<K extends string>(columns: readonly K[]): Partial<Record<K, number>> {
    const out: Partial<Record<K, number>> = {};
    for (const column of columns) {
      const value = this.number(column);
      if (value !== undefined) out[column] = value;
    }
    return out;
  }

  requiredNumber(column: string): number {
    const value = this.number(column);
    if (value === undefined) this.fail(column, "is required");
    return value;
  }

  /** A reference to another table's row label. */
  reference(column: string): number | undefined {
    const value = this.number(column);
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      this.fail(column, `${value} is not an element index`);
    }
    return value;
  }

  requiredLabel(column: string): number {
    const value = this.reference(column);
    if (value === undefined) this.fail(column, "is required");
    return value;
  }

  boolean(column: string): boolean | undefined {
    const value = this.raw(column);
    if (value === undefined || typeof value === "boolean") return value;
    if (value === 0 || value === 1) return value === 1;
    if (value === "True" || value === "False") return value === "True";
    return this.fail(column, `${JSON.stringify(value)} is not a boolean`);
  }

  string(column: string): string | undefined {
    const value = this.raw(column);
    if (value === undefined || typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return this.fail(column, "is not a string");
  }
}

/** The rows of one frame (or none when the file lacks the table). */
export function rowsOf(frame: Frame | undefined): Row[] {
  if (!frame) return [];
  const columns = new Map(frame.columns.map((name, c) => [name, c]));
  return frame.rows.map((_, r) => new Row(frame, columns, r));
}
