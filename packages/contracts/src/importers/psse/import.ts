import type { NetworkDocument } from "../../network/index.ts";
import { checkImported, type SourceMap } from "../checked.ts";
import { importedDocument } from "../document.ts";
import { type ImportReport, ImportReportBuilder } from "../report.ts";
import { mapBranches } from "./branches.ts";
import { mapBuses, mapFixedShunts, mapLoads } from "./buses.ts";
import type { Context } from "./context.ts";
import { PsseParseError } from "./errors.ts";
import { mapGenerators } from "./generators.ts";
import { type PsseImportOptions, psseImportOptionsSchema, type ResolvedPsseOptions } from "./options.ts";
import { type ParsedRaw, parseRawText, RAW_SECTIONS, type RawSection } from "./parse.ts";
import { mapSequence } from "./sequence.ts";
import { mapTransformers } from "./transformers.ts";

export interface PsseImport {
  document: NetworkDocument;
  report: ImportReport;
}

/** The sections up to transformer data are mapped; every later non-empty one is reported as dropped. */
const MAPPED: ReadonlySet<RawSection> = new Set(
  RAW_SECTIONS.slice(0, RAW_SECTIONS.indexOf("transformer") + 1),
);

/** Case identification: IC, SBASE, REV, XFRRAT, NXFRAT, BASFRQ. Only a full base case of version 33. */
function caseData(raw: ParsedRaw, options: ResolvedPsseOptions, report: ImportReportBuilder) {
  const { caseId } = raw;
  if (caseId.integer(0, "IC", 0) !== 0) caseId.fail("IC", "only a base case (IC = 0) can be imported");
  const sbase = caseId.number(1, "SBASE", 100);
  if (!(sbase > 0)) caseId.fail("SBASE", "must be positive");
  const rev = caseId.integer(2, "REV", 33);
  if (rev !== 33) caseId.fail("REV", `version ${rev} is not supported, only 33`);
  const basfrq = caseId.number(5, "BASFRQ", 0);
  if (basfrq === 50 || basfrq === 60) return { sbase, frequency_hz: basfrq as 50 | 60 };
  if (basfrq !== 0) caseId.fail("BASFRQ", "must be 50 or 60");
  report.defaulted("frequency_hz", options.frequency_hz, "BASFRQ missing (option frequency_hz)");
  return { sbase, frequency_hz: options.frequency_hz };
}

/**
 * Converts a PSS/E RAW case of version 33 (with sequence data appended after its Q record, when
 * present) into a network document. Ids come from bus numbers and circuit identifiers ("bus101",
 * "line5_6_1", "trafo4_7_1", "gen1_1"); names are kept. Throws PsseParseError with the line
 * (and record item) for text that is not such a case or whose network does not validate.
 */
export function importPsse(text: string, options: PsseImportOptions = {}): PsseImport {
  const resolved = psseImportOptionsSchema.parse(options);
  const raw = parseRawText(text);
  const report = new ImportReportBuilder("psse");
  const sources: SourceMap = new Map();
  const ctx: Context = {
    options: resolved,
    report,
    sources,
    buses: new Map(),
    ...caseData(raw, resolved, report),
  };
  // Buses first: every other record refers to them.
  const elements = {
    buses: mapBuses(raw, ctx),
    loads: mapLoads(raw, ctx),
    shunts: mapFixedShunts(raw, ctx),
    ...mapGenerators(raw, ctx),
    ...mapBranches(raw, ctx),
    ...mapTransformers(raw, ctx),
  };
  mapSequence(raw, elements.lines, elements.generators, ctx);
  for (const [section, records] of raw.sections) {
    if (!MAPPED.has(section)) report.dropped(`${section} data`, records.length, "not used by IEC 60909");
  }
  const document = importedDocument(resolved.name ?? (raw.title || "PSS/E case"), ctx.frequency_hz, elements);

  checkImported(
    document,
    sources,
    { line: raw.lineCount },
    ({ line, field }, message) => new PsseParseError(line, message, field),
  );
  return { document, report: report.build() };
}
