import { Lines } from "../psse/lines.ts";
import { type CdfSection, type Field, SECTIONS, TITLE } from "./columns.ts";
import { CdfParseError } from "./errors.ts";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One card (line) of a section, read by column ranges. */
export class CdfCard {
  readonly line: number;
  readonly text: string;
  readonly kind: string;

  constructor(line: number, text: string, kind: string) {
    this.line = line;
    this.text = text;
    this.kind = kind;
  }

  fail(field: Field, message: string): never {
    const [name, first, last] = field;
    throw new CdfParseError(this.line, message, `${this.kind} card ${name}, columns ${first}-${last}`);
  }

  string(field: Field): string {
    return this.text.slice(field[1] - 1, field[2]).trim();
  }

  /** A numeric field; blank is 0, as the format's FORTRAN reads it. */
  number(field: Field): number {
    const value = this.string(field);
    if (value === "") return 0;
    if (!NUMBER.test(value)) this.fail(field, `"${value}" is not a number`);
    return Number(value);
  }

  integer(field: Field): number {
    const n = this.number(field);
    if (!Number.isSafeInteger(n)) this.fail(field, `${n} is not an integer`);
    return n;
  }
}

export interface ParsedCdf {
  lineCount: number;
  title: CdfCard;
  baseMva: number;
  caseName: string;
  sections: Map<CdfSection, CdfCard[]>;
}

/**
 * Splits a CDF file into its title card and sections, one pass over the lines. A section starts
 * with its header card ("BUS DATA FOLLOWS …") and ends with its terminator card (-999, -99 or -9
 * in columns 1-4); "END OF DATA" ends the file. Unknown cards between sections are an error.
 */
export function parseCdfText(text: string): ParsedCdf {
  const lines = new Lines(text);
  const first = lines.peekData();
  if (!first) throw new CdfParseError(1, "the title card is missing");
  lines.next();
  const title = new CdfCard(first.line, first.text, "title");
  const baseMva = title.number(TITLE.MVA_BASE);
  if (!(baseMva > 0)) title.fail(TITLE.MVA_BASE, "must be a positive MVA base");
  const sections = new Map<CdfSection, CdfCard[]>();
  for (;;) {
    const next = lines.next();
    if (!next) break;
    const card = next.text.trim().toUpperCase();
    if (card === "") continue;
    if (card.startsWith("END OF DATA")) break;
    const section = SECTIONS.find((s) => card.startsWith(s.header));
    if (!section) {
      throw new CdfParseError(
        next.line,
        `expected a section header (BUS DATA FOLLOWS, …), found "${next.text.trim().slice(0, 40)}"`,
      );
    }
    const cards: CdfCard[] = [];
    sections.set(section.name, cards);
    for (;;) {
      const record = lines.next();
      if (!record) throw new CdfParseError(next.line, `${section.name} data has no ${section.end} end card`);
      if (record.text.trim() === "") continue;
      if (record.text.trim().split(/\s+/)[0] === section.end) break;
      cards.push(new CdfCard(record.line, record.text, section.name));
    }
  }
  lines.drain();
  if (!sections.has("bus")) throw new CdfParseError(lines.count, "there is no BUS DATA FOLLOWS section");
  return { lineCount: lines.count, title, baseMva, caseName: title.string(TITLE.CASE), sections };
}
