import { type CheckedImport, checkImported, type SourceMap } from "../checked.ts";
import { importedDocument } from "../document.ts";
import { ImportReportBuilder } from "../report.ts";
import { mapBranches } from "./branches.ts";
import { mapBuses, mapFixedShunts, mapLoads, mapSwitchedShunts } from "./buses.ts";
import type { Context } from "./context.ts";
import { PsseParseError } from "./errors.ts";
import { mapGenerators } from "./generators.ts";
import { type PsseImportOptions, psseImportOptionsSchema, type ResolvedPsseOptions } from "./options.ts";
import { type ParsedRaw, parseRawText, parseSequenceText } from "./parse.ts";
import { machineSequence, mapSequence } from "./sequence.ts";
import { mapTransformers } from "./transformers.ts";
import { LINES_PER_RECORD, type RawSection, rawLayout } from "./versions.ts";

export type PsseImport = CheckedImport;

/** Sections that become document elements; every other non-empty one is reported as dropped. */
const MAPPED: ReadonlySet<RawSection> = new Set<RawSection>([
  "bus",
  "load",
  "fixed shunt",
  "generator",
  "branch",
  "system switching device",
  "transformer",
  "switched shunt",
  "multi-section line",
]);

/** Why a section the document has no counterpart for is dropped. */
const DROPPED_WHY: Partial<Record<RawSection, string>> = {
  "two-terminal dc": "HVDC links: IEC 60909 has no converter model (count of links)",
  "vsc dc": "HVDC links: IEC 60909 has no converter model (count of links)",
  "multi-terminal dc": "HVDC: IEC 60909 has no converter model (count of lines)",
  "facts device": "FACTS devices are not in the document",
  "induction machine": "induction machines are not mapped: add them as motors",
  "gne device": "GNE (user-written) models are not in the document (count of lines)",
};

/** Case identification: IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ. Only a full base case (IC = 0). */
function caseData(raw: ParsedRaw, options: ResolvedPsseOptions, report: ImportReportBuilder) {
  const { caseId } = raw;
  if (caseId.integer(0, "IC", 0) !== 0) caseId.fail("IC", "only a base case (IC = 0) can be imported");
  const sbase = caseId.number(1, "SBASE", 100);
  if (!(sbase > 0)) caseId.fail("SBASE", "must be positive");
  if (raw.versionDefaulted) report.defaulted("REV", 33, "REV missing: read as a version 33 case");
  const basfrq = caseId.number(5, "BASFRQ", 0);
  if (basfrq === 50 || basfrq === 60) return { sbase, frequency_hz: basfrq as 50 | 60 };
  if (basfrq !== 0) caseId.fail("BASFRQ", "must be 50 or 60");
  report.defaulted("frequency_hz", options.frequency_hz, "BASFRQ missing (option frequency_hz)");
  return { sbase, frequency_hz: options.frequency_hz };
}

/**
 * Converts a PSS/E RAW case of version 32, 33, 34 or 35 into a network document. Sequence data
 * comes from `sequenceText` (a .seq file) or, when that is not given, from text after the case's
 * Q record. Ids come from bus numbers and circuit identifiers ("bus101",
 * "line5_6_1", "trafo4_7_1", "gen1_1"); names are kept. Throws PsseParseError with the line
 * (and record item) for text that is not such a case or whose network does not validate.
 */
export function importPsse(text: string, options: PsseImportOptions = {}, sequenceText?: string): PsseImport {
  const resolved = psseImportOptionsSchema.parse(options);
  const raw = parseRawText(text);
  if (sequenceText !== undefined) raw.sequence = parseSequenceText(sequenceText, raw.version);
  const report = new ImportReportBuilder("psse");
  const sources: SourceMap = new Map();
  const ctx: Context = {
    options: resolved,
    report,
    sources,
    buses: new Map(),
    busNames: new Map(),
    version: raw.version,
    layout: rawLayout(raw.version),
    machineSequence: { records: new Map(), version: raw.sequence?.version ?? raw.version },
    ...caseData(raw, resolved, report),
  };
  // Buses first: every other record refers to them.
  const buses = mapBuses(raw, ctx);
  ctx.machineSequence.records = machineSequence(raw.sequence, ctx);
  const elements = {
    buses,
    loads: mapLoads(raw, ctx),
    shunts: [...mapFixedShunts(raw, ctx), ...mapSwitchedShunts(raw, ctx)],
    ...mapGenerators(raw, ctx),
    ...mapBranches(raw, ctx),
    ...mapTransformers(raw, ctx),
  };
  mapSequence(raw, elements, ctx);
  report.mapped(`PSS/E version ${raw.version} case`, "document", 1);
  report.dropped("system-wide data", raw.systemWide.length, "solution parameters, not network data");
  report.dropped("substation data", raw.substations, "node-breaker detail: buses are taken as they stand");
  for (const [section, records] of raw.sections) {
    if (MAPPED.has(section)) continue;
    const count = Math.ceil(records.length / (LINES_PER_RECORD[section] ?? 1));
    report.dropped(`${section} data`, count, DROPPED_WHY[section] ?? "not used by IEC 60909");
  }
  const document = importedDocument(resolved.name ?? (raw.title || "PSS/E case"), ctx.frequency_hz, elements);

  const validation = checkImported(
    document,
    sources,
    { line: raw.lineCount },
    ({ line, field }, message) => new PsseParseError(line, message, field),
  );
  return { document, report: report.build(), validation };
}
