import { PsseParseError } from "./errors.ts";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/;

/**
 * Splits one line into data items. Items are separated by a comma or by blanks; a single- or
 * double-quoted string keeps its commas, blanks and slashes; an unquoted slash starts a comment.
 * Two commas in a row leave an empty item, which takes the item's default.
 */
export function splitItems(text: string, line: number): string[] {
  const items: string[] = [];
  const n = text.length;
  // Character codes, not one-character strings: this loop runs once per character of the file.
  const [SPACE, TAB, COMMA, SLASH, SINGLE, DOUBLE] = [32, 9, 44, 47, 39, 34];
  let i = 0;
  const skipBlanks = () => {
    let c = text.charCodeAt(i);
    while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
  };
  skipBlanks();
  while (i < n && text.charCodeAt(i) !== SLASH) {
    const c = text.charCodeAt(i);
    if (c === SINGLE || c === DOUBLE) {
      const close = text.indexOf(c === SINGLE ? "'" : '"', i + 1);
      if (close < 0)
        throw new PsseParseError(line, `quoted string opened at column ${i + 1} is never closed`);
      items.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      const start = i;
      let d = c;
      while (i < n && d !== COMMA && d !== SPACE && d !== TAB && d !== SLASH) d = text.charCodeAt(++i);
      items.push(text.slice(start, i));
    }
    skipBlanks();
    if (text.charCodeAt(i) === COMMA) {
      i++;
      skipBlanks();
    }
  }
  return items;
}

/** One line of data items with its line number, read by position with named defaults. */
export class RawRecord {
  readonly line: number;
  readonly items: readonly string[];
  /** The record's kind for error messages, e.g. "bus", "transformer record 2". */
  readonly kind: string;

  constructor(line: number, items: readonly string[], kind: string) {
    this.line = line;
    this.items = items;
    this.kind = kind;
  }

  fail(name: string, message: string): never {
    throw new PsseParseError(this.line, message, `${this.kind} ${name}`);
  }

  /** The raw item, or undefined when the record is too short or the item is empty. */
  item(index: number): string | undefined {
    const value = this.items[index]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  number(index: number, name: string, fallback: number): number {
    const value = this.item(index);
    if (value === undefined) return fallback;
    if (!NUMBER.test(value)) this.fail(name, `"${value}" is not a number`);
    const n = Number(value.replace(/[dD]/, "e"));
    if (!Number.isFinite(n)) this.fail(name, `"${value}" is out of range`);
    return n;
  }

  required(index: number, name: string): number {
    if (this.item(index) === undefined) this.fail(name, "is required");
    return this.number(index, name, 0);
  }

  integer(index: number, name: string, fallback: number): number {
    const n = this.number(index, name, fallback);
    if (!Number.isSafeInteger(n)) this.fail(name, `${n} is not an integer`);
    return n;
  }

  text(index: number, fallback = ""): string {
    return this.item(index) ?? fallback;
  }
}
