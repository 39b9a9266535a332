/**
 * The lines of a RAW or SEQ text with their 1-based numbers, read one at a time without splitting
 * the whole text (a 50 MB case is scanned once, not copied into an array of lines). Version 35
 * `@!` lines are column-header comments wherever they appear and are skipped.
 */
export class Lines {
  readonly #text: string;
  #at = 0;
  #number = 0;
  #peeked: { text: string; line: number } | undefined;

  readonly #hasCr: boolean;

  constructor(text: string) {
    this.#text = text;
    this.#hasCr = text.includes("\r");
  }

  /** Lines read so far (the file's line count once done). */
  get count(): number {
    return this.#number;
  }

  #read(): { text: string; line: number } | undefined {
    const text = this.#text;
    for (;;) {
      if (this.#at > text.length || (this.#at === text.length && this.#number > 0)) return undefined;
      const end = this.#lineEnd(this.#at);
      const line = text.slice(this.#at, end);
      this.#at = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      this.#number++;
      if (!line.trimStart().startsWith("@!")) return { text: line, line: this.#number };
    }
  }

  /**
   * Where the line starting at `from` ends. A text without carriage returns (checked once) is
   * cut at line feeds by the native indexOf; others are scanned for \n, \r\n or a bare \r.
   */
  #lineEnd(from: number): number {
    const text = this.#text;
    if (!this.#hasCr) {
      const lf = text.indexOf("\n", from);
      return lf < 0 ? text.length : lf;
    }
    let end = from;
    let c = text.charCodeAt(end);
    while (end < text.length && c !== 10 && c !== 13) c = text.charCodeAt(++end);
    return end;
  }

  /** The next line (blank or not) and its number, or undefined at the end. */
  next(): { text: string; line: number } | undefined {
    const peeked = this.#peeked;
    if (peeked) {
      this.#peeked = undefined;
      return peeked;
    }
    return this.#read();
  }

  /** Skips blank lines and returns the next data line without consuming it. */
  peekData(): { text: string; line: number } | undefined {
    for (;;) {
      this.#peeked ??= this.#read();
      if (this.#peeked?.text.trim() !== "") return this.#peeked;
      this.#peeked = undefined;
    }
  }

  /** Reads to the end, so that `count` is the number of lines. */
  drain(): void {
    this.#peeked = undefined;
    while (this.#read());
  }
}
