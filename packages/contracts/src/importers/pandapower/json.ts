/** A JSON value as Python's json module writes it: NaN and ±Infinity are allowed as numbers. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Thrown by parseJson; `offset` is the 0-based character offset of the problem. */
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

/** Nesting deeper than this is refused rather than recursed into (a pandapower file needs ~8). */
const MAX_DEPTH = 256;

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A small recursive-descent JSON parser that also reads NaN, Infinity and -Infinity (Python's
 * json.dumps writes them) and records, for every object, the offset at which each member's value
 * starts, so that later errors can point into the file. Linear in the input; depth is bounded.
 */
export class JsonParser {
  readonly #text: string;
  #at = 0;
  /** Offsets of member values, per parsed object. */
  readonly positions = new WeakMap<JsonObject, Map<string, number>>();

  constructor(text: string) {
    this.#text = text;
  }

  parse(): JsonValue {
    this.#space();
    const value = this.#value(0);
    this.#space();
    if (this.#at < this.#text.length) this.#fail("unexpected text after the JSON value");
    return value;
  }

  #fail(message: string, at = this.#at): never {
    throw new JsonSyntaxError(at, message);
  }

  #space(): void {
    const text = this.#text;
    while (this.#at < text.length) {
      const c = text.charCodeAt(this.#at);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      this.#at++;
    }
  }

  #value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.#fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.#text[this.#at];
    switch (c) {
      case "{":
        return this.#object(depth);
      case "[":
        return this.#array(depth);
      case '"':
        return this.#string();
      case undefined:
        return this.#fail("unexpected end of input, expected a value");
      default:
        return this.#literal();
    }
  }

  #literal(): JsonValue {
    const text = this.#text;
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
      ["NaN", Number.NaN],
      ["Infinity", Number.POSITIVE_INFINITY],
      ["-Infinity", Number.NEGATIVE_INFINITY],
    ] as const) {
      if (text.startsWith(word, this.#at)) {
        this.#at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.#at;
    const match = NUMBER.exec(text);
    if (!match) this.#fail(`unexpected character ${JSON.stringify(text[this.#at])}`);
    this.#at += match[0].length;
    return Number(match[0]);
  }

  #string(): string {
    const text = this.#text;
    const start = this.#at;
    this.#at++;
    let out = "";
    let chunk = this.#at;
    while (this.#at < text.length) {
      const c = text.charCodeAt(this.#at);
      if (c === 34) {
        out += text.slice(chunk, this.#at);
        this.#at++;
        return out;
      }
      if (c < 32) this.#fail("control character in a string");
      if (c === 92) {
        out += text.slice(chunk, this.#at);
        const e = text[this.#at + 1];
        if (e === "u") {
          const hex = text.slice(this.#at + 2, this.#at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.#fail("bad \\u escape");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.#at += 6;
        } else {
          const decoded = e === undefined ? undefined : ESCAPES[e];
          if (decoded === undefined) this.#fail("bad escape in a string");
          out += decoded;
          this.#at += 2;
        }
        chunk = this.#at;
        continue;
      }
      this.#at++;
    }
    return this.#fail("string is never closed", start);
  }

  #array(depth: number): JsonValue[] {
    this.#at++;
    const items: JsonValue[] = [];
    this.#space();
    if (this.#text[this.#at] === "]") {
      this.#at++;
      return items;
    }
    for (;;) {
      this.#space();
      items.push(this.#value(depth + 1));
      this.#space();
      const c = this.#text[this.#at];
      this.#at++;
      if (c === "]") return items;
      if (c !== ",") this.#fail("expected , or ] in an array", this.#at - 1);
    }
  }

  #object(depth: number): JsonObject {
    this.#at++;
    const object: JsonObject = {};
    const offsets = new Map<string, number>();
    this.positions.set(object, offsets);
    this.#space();
    if (this.#text[this.#at] === "}") {
      this.#at++;
      return object;
    }
    for (;;) {
      this.#space();
      if (this.#text[this.#at] !== '"') this.#fail("expected a member name in double quotes");
      const key = this.#string();
      this.#space();
      if (this.#text[this.#at] !== ":") this.#fail("expected : after a member name");
      this.#at++;
      this.#space();
      offsets.set(key, this.#at);
      // Own-property assignment: a "__proto__" key must not change the prototype.
      Object.defineProperty(object, key, {
        value: this.#value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.#space();
      const c = this.#text[this.#at];
      this.#at++;
      if (c === "}") return object;
      if (c !== ",") this.#fail("expected , or } in an object", this.#at - 1);
    }
  }
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
