import { PsseParseError } from "./errors.ts";
import { Lines } from "./lines.ts";
import { RawRecord, splitItems } from "./records.ts";
import {
  isPsseVersion,
  PSSE_VERSIONS,
  type PsseVersion,
  type RawSection,
  rawSections,
  type SequenceSection,
  sequenceSections,
} from "./versions.ts";

/** A transformer: 4 records (two-winding, K = 0) or 5 (three-winding). */
export type TransformerRecords = RawRecord[];

export interface ParsedSequence {
  header: RawRecord;
  version: PsseVersion;
  sections: Map<SequenceSection, RawRecord[]>;
}

export interface ParsedRaw {
  lineCount: number;
  version: PsseVersion;
  /** REV was missing from the case identification record: read as version 33. */
  versionDefaulted: boolean;
  caseId: RawRecord;
  title: string;
  /** Version 34/35 system-wide data records (GENERAL, GAUSS, NEWTON, … keyword records). */
  systemWide: RawRecord[];
  sections: Map<RawSection, RawRecord[]>;
  transformers: TransformerRecords[];
  /** Version 34/35 substations (each with its node, switching device and terminal records). */
  substations: number;
  /** Sequence data following the Q record, when present. */
  sequence: ParsedSequence | undefined;
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

/**
 * Version 34/35 system-wide data: keyword records ("GENERAL, THRSHZ=0.0001, …") up to a 0 record
 * whose comment names it. A file whose first data record is a bus number has none.
 */
function readSystemWide(lines: Lines): RawRecord[] {
  const records: RawRecord[] = [];
  const first = lines.peekData();
  if (!first) return records;
  const items = splitItems(first.text, first.line);
  const keyword = items[0] !== undefined && /^[A-Za-z]/.test(items[0]);
  const emptySection = marker(items) === "end" && /SYSTEM-WIDE/i.test(first.text);
  if (!keyword && !emptySection) return records;
  readSection(lines, "system-wide data", (record) => records.push(record));
  return records;
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

/**
 * Version 34/35 substation data: each substation record (IS, NAME, LATI, LONG, SGR) is followed by
 * its node data, switching device data and equipment terminal data, each ended by a 0 record;
 * a 0 in place of a substation record ends the section. Returns the number of substations.
 */
function readSubstations(lines: Lines): { count: number; ended: "end" | "quit" } {
  let count = 0;
  for (;;) {
    const peek = lines.peekData();
    if (!peek) return { count, ended: "quit" };
    lines.next();
    const mark = marker(splitItems(peek.text, peek.line));
    if (mark) return { count, ended: mark };
    count++;
    for (const part of ["node", "switching device", "equipment terminal"]) {
      if (readSection(lines, `substation ${part}`, () => {}) === "quit") return { count, ended: "quit" };
    }
  }
}

/** The version a case identification (IC, SBASE, REV, …) or sequence header (IC, REV) names. */
function versionOf(record: RawRecord, index: number): { version: PsseVersion; defaulted: boolean } {
  if (record.item(index) === undefined) return { version: 33, defaulted: true };
  const rev = record.integer(index, "REV", 33);
  if (!isPsseVersion(rev)) {
    record.fail("REV", `version ${rev} is not supported: PSS/E versions ${PSSE_VERSIONS.join(", ")} are`);
  }
  return { version: rev, defaulted: false };
}

/** Sequence data: the IC, REV record and the version's sections, up to Q or the end. */
function readSequence(lines: Lines, rawVersion: PsseVersion, file = ""): ParsedSequence | undefined {
  const first = lines.peekData();
  if (!first) return undefined;
  lines.next();
  const header = new RawRecord(first.line, splitItems(first.text, first.line), `${file}sequence data header`);
  const version = header.item(1) === undefined ? rawVersion : versionOf(header, 1).version;
  const sections = new Map<SequenceSection, RawRecord[]>();
  for (const section of sequenceSections(version)) {
    if (section === "system-wide") {
      sections.set(section, readSystemWide(lines));
      continue;
    }
    const records: RawRecord[] = [];
    sections.set(section, records);
    if (readSection(lines, `${file}${section}`, (record) => records.push(record)) === "quit") break;
  }
  return { header, version, sections };
}

/**
 * Splits a RAW file into its case identification, title and sections, one pass over the lines
 * (so garbage fails fast and nothing can loop). The version (REV) decides which sections follow
 * in which order; records are not interpreted here except for the K item that tells how many
 * lines a transformer spans. Text after the Q record is read as sequence data (the contents of a
 * .seq file) when present.
 */
export function parseRawText(text: string): ParsedRaw {
  const lines = new Lines(text);
  const first = lines.peekData();
  if (!first) throw new PsseParseError(1, "the case identification record is missing");
  lines.next();
  const caseId = new RawRecord(first.line, splitItems(first.text, first.line), "case identification");
  const { version, defaulted } = versionOf(caseId, 2);
  const title = (lines.next()?.text ?? "").trim();
  lines.next();
  const systemWide = version >= 34 ? readSystemWide(lines) : [];
  const sections = new Map<RawSection, RawRecord[]>();
  const transformers: TransformerRecords[] = [];
  let substations = 0;
  let ended: "end" | "quit" = "end";
  for (const section of rawSections(version)) {
    const records: RawRecord[] = [];
    sections.set(section, records);
    if (section === "substation") {
      ({ count: substations, ended } = readSubstations(lines));
    } else if (section === "transformer") {
      ended = readSection(lines, "transformer record 1", (record) =>
        transformers.push(readTransformer(lines, record)),
      );
    } else {
      ended = readSection(lines, section, (record) => records.push(record));
    }
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
  const sequence = readSequence(lines, version);
  lines.drain();
  return {
    lineCount: lines.count,
    version,
    versionDefaulted: defaulted,
    caseId,
    title,
    systemWide,
    sections,
    transformers,
    substations,
    sequence,
  };
}

/**
 * A separate sequence data (.seq) file for a case of `rawVersion`; its records' kinds start with
 * ".seq" so that an error names the file as well as the line.
 */
export function parseSequenceText(text: string, rawVersion: PsseVersion): ParsedSequence {
  const lines = new Lines(text);
  const sequence = readSequence(lines, rawVersion, ".seq ");
  if (!sequence) throw new PsseParseError(1, "the sequence data file is empty", ".seq sequence data header");
  return sequence;
}
