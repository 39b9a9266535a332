import { PsseParseError } from "./errors.ts";
import { RawRecord, splitItems } from "./records.ts";

/** Power flow data sections of a version 33 RAW file, in file order. */
export const RAW_SECTIONS = [
  "bus",
  "load",
  "fixed shunt",
  "generator",
  "branch",
  "transformer",
  "area interchange",
  "two-terminal dc",
  "vsc dc",
  "impedance correction",
  "multi-terminal dc",
  "multi-section line",
  "zone",
  "inter-area transfer",
  "owner",
  "facts device",
  "switched shunt",
  "gne device",
  "induction machine",
] as const;

/** Sections of a version 33 sequence data (.seq) file, in file order. */
export const SEQUENCE_SECTIONS = [
  "generator sequence",
  "negative sequence shunt load",
  "zero sequence shunt load",
  "zero sequence branch",
  "zero sequence mutual",
  "zero sequence transformer",
  "zero sequence switched shunt",
  "zero sequence fixed shunt",
  "induction machine sequence",
] as const;

export type RawSection = (typeof RAW_SECTIONS)[number];
export type SequenceSection = (typeof SEQUENCE_SECTIONS)[number];

/** A transformer: 4 records (two-winding, K = 0) or 5 (three-winding). */
export type TransformerRecords = RawRecord[];

export interface ParsedRaw {
  lineCount: number;
  caseId: RawRecord;
  title: string;
  sections: Map<RawSection, RawRecord[]>;
  transformers: TransformerRecords[];
  /** Sequence data following the Q record, when present. */
  sequence: { header: RawRecord; sections: Map<SequenceSection, RawRecord[]> } | undefined;
}

/** The lines of the text with their 1-based numbers. */
class Lines {
  readonly #lines: string[];
  index = 0;

  constructor(text: string) {
    this.#lines = text.split(/\r\n|\r|\n/);
  }

  get count(): number {
    return this.#lines.length;
  }

  done(): boolean {
    return this.index >= this.#lines.length;
  }

  /** The next line and its number, or undefined at the end. */
  next(): { text: string; line: number } | undefined {
    if (this.done()) return undefined;
    const text = this.#lines[this.index] ?? "";
    this.index++;
    return { text, line: this.index };
  }

  /** Skips blank lines and returns the next data line without consuming it. */
  peekData(): { text: string; line: number } | undefined {
    while (!this.done() && (this.#lines[this.index] ?? "").trim() === "") this.index++;
    if (this.done()) return undefined;
    return { text: this.#lines[this.index] ?? "", line: this.index + 1 };
  }
}

/** "0" ends a section, "Q" ends all data; both may carry a comment after a slash. */
function marker(items: readonly string[]): "end" | "quit" | undefined {
  const first = items[0]?.trim();
  if (first === "0" && items.length === 1) return "end";
  if (first?.toUpperCase() === "Q" && items.length === 1) return "quit";
  return undefined;
}

/** Reads the records of one section up to its 0 record; returns "quit" when Q (or the end) came first. */
function readSection(lines: Lines, kind: string, onRecord: (record: RawRecord) => void): "end" | "quit" {
  for (;;) {
    const peek = lines.peekData();
    if (!peek) return "quit";
    lines.next();
    const items = splitItems(peek.text, peek.line);
    const mark = marker(items);
    if (mark) return mark;
    onRecord(new RawRecord(peek.line, items, kind));
  }
}

/** A transformer's further records follow its first one directly; K ≠ 0 makes it three-winding. */
function readTransformer(lines: Lines, first: RawRecord): TransformerRecords {
  const threeWinding = first.integer(2, "K", 0) !== 0;
  const records = [first];
  for (let r = 2; r <= (threeWinding ? 5 : 4); r++) {
    const next = lines.next();
    if (!next) {
      throw new PsseParseError(first.line, `transformer record ${r} is missing (file ends)`, "transformer");
    }
    const items = splitItems(next.text, next.line);
    if (marker(items)) {
      throw new PsseParseError(
        next.line,
        `transformer starting at line ${first.line} has no record ${r}`,
        "transformer",
      );
    }
    records.push(new RawRecord(next.line, items, `transformer record ${r}`));
  }
  return records;
}

function readSequence(lines: Lines): ParsedRaw["sequence"] {
  const first = lines.peekData();
  if (!first) return undefined;
  lines.next();
  const header = new RawRecord(first.line, splitItems(first.text, first.line), "sequence data header");
  const sections = new Map<SequenceSection, RawRecord[]>();
  for (const section of SEQUENCE_SECTIONS) {
    const records: RawRecord[] = [];
    sections.set(section, records);
    if (readSection(lines, section, (record) => records.push(record)) === "quit") break;
  }
  return { header, sections };
}

/**
 * Splits a RAW file into its case identification, title and sections, one pass over the lines
 * (so garbage fails fast and nothing can loop). Records are not interpreted here except for the
 * K item that tells how many lines a transformer spans. Text after the Q record is read as
 * sequence data (the contents of a .seq file) when present.
 */
export function parseRawText(text: string): ParsedRaw {
  const lines = new Lines(text);
  const first = lines.next();
  if (!first || first.text.trim() === "")
    throw new PsseParseError(1, "the case identification record is missing");
  const caseId = new RawRecord(1, splitItems(first.text, 1), "case identification");
  const title = (lines.next()?.text ?? "").trim();
  lines.next();
  const sections = new Map<RawSection, RawRecord[]>();
  const transformers: TransformerRecords[] = [];
  let ended: "end" | "quit" = "end";
  for (const section of RAW_SECTIONS) {
    const records: RawRecord[] = [];
    sections.set(section, records);
    ended =
      section === "transformer"
        ? readSection(lines, "transformer record 1", (first) =>
            transformers.push(readTransformer(lines, first)),
          )
        : readSection(lines, section, (record) => records.push(record));
    if (ended === "quit") break;
  }
  if (ended !== "quit") {
    // Every section ended with 0: a Q record (or the end of the file) must follow.
    const rest = lines.peekData();
    if (rest) {
      lines.next();
      if (marker(splitItems(rest.text, rest.line)) !== "quit") {
        throw new PsseParseError(rest.line, "expected Q after the last data section");
      }
    }
  }
  return { lineCount: lines.count, caseId, title, sections, transformers, sequence: readSequence(lines) };
}
