import { z } from "zod";
import { describeInputIssue } from "../input-errors.ts";
import { documentSchemaFor } from "../network/compiled-schema.ts";
import type { NetworkDocument, NetworkValidation } from "../network/index.ts";
import type { TypeLibrary } from "../types/apply.ts";
import { CdfParseError, importCdf } from "./cdf/index.ts";
import { importMatpower, MatpowerParseError } from "./matpower/index.ts";
import { importPandapower, PandapowerParseError } from "./pandapower/index.ts";
import { importPsse, PsseParseError } from "./psse/index.ts";
import { type ImportReport, ImportReportBuilder } from "./report.ts";

export const importFormatSchema = z.enum(["matpower", "pandapower", "psse", "cdf", "ampflux"]);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export interface NetworkFileImport {
  format: ImportFormat;
  document: NetworkDocument;
  report: ImportReport;
  /** The validation that accepted `document` (file importers); absent for AmpFlux JSON, checked by shape only. */
  validation?: NetworkValidation;
}

/** A file that is not a network in the named format; `line` (1-based) and `field` say where. */
export class NetworkFileError extends Error {
  override name = "NetworkFileError";
  readonly format: ImportFormat;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(format: ImportFormat, message: string, line?: number, field?: string) {
    super(message);
    this.format = format;
    this.line = line;
    this.field = field;
  }
}

/** A CDF file's first section header. */
const CDF_BUS_HEADER = /^BUS DATA FOLLOWS/m;

/** IC (0 or 1), SBASE and REV at the start of a RAW file. */
const PSSE_CASE_ID = /^\s*[01]\s*,\s*[\d.]+\s*,\s*\d{2}\b/;

/**
 * The format of a network file, from its extension and then its content: `.m` is MATPOWER, `.raw`
 * PSS/E; JSON with `"schema": "ampflux/network@1"` is a network document, other JSON is
 * pandapower's; a first line "IC, SBASE, REV, …" is a PSS/E case identification record; `.cdf`
 * or a "BUS DATA FOLLOWS" card is IEEE Common Data Format.
 */
export function detectImportFormat(fileName: string, text: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".m")) return "matpower";
  if (lower.endsWith(".raw")) return "psse";
  if (lower.endsWith(".cdf")) return "cdf";
  const head = text.slice(0, 4096);
  if (/"schema"\s*:\s*"ampflux\/network@/.test(head)) return "ampflux";
  if (head.trimStart().startsWith("{")) return "pandapower";
  if (/\bmpc\s*\.\s*bus\s*=/.test(text)) return "matpower";
  if (CDF_BUS_HEADER.test(head)) return "cdf";
  // Version 35 files may open with `@!` column-header comment lines.
  if (PSSE_CASE_ID.test(head.replace(/^(\s*@!.*(\r\n|\r|\n))+/, ""))) return "psse";
  throw new NetworkFileError(
    "ampflux",
    `cannot tell the format of ${fileName}: use .m, .raw, .cdf, pandapower or AmpFlux JSON`,
  );
}

/** Files read together with a network file: a PSS/E case's sequence data (.seq). */
export interface CompanionFiles {
  sequence?: string | undefined;
}

/**
 * Imports a network file of any supported format into a document, with the importer's report.
 * `types` (a company's library; the built-in one when omitted) is where pandapower std_types are
 * matched; `companions.sequence` is a .seq file for a PSS/E case (refused for other formats).
 */
export function importNetworkFile(
  fileName: string,
  text: string,
  format?: ImportFormat,
  types?: TypeLibrary,
  companions: CompanionFiles = {},
): NetworkFileImport {
  const resolved = format ?? detectImportFormat(fileName, text);
  if (companions.sequence !== undefined && resolved !== "psse") {
    throw new NetworkFileError(
      resolved,
      `a .seq file belongs to a PSS/E RAW case, not to a ${resolved} file`,
    );
  }
  try {
    const imported = importerFor(resolved, types, companions)(text);
    return { format: resolved, ...imported };
  } catch (error) {
    throw asNetworkFileError(resolved, error);
  }
}

function importerFor(
  format: ImportFormat,
  types: TypeLibrary | undefined,
  companions: CompanionFiles,
): (text: string) => Omit<NetworkFileImport, "format"> {
  switch (format) {
    case "matpower":
      return (text) => importMatpower(text);
    case "pandapower":
      return (text) => importPandapower(text, {}, types);
    case "psse":
      return (text) => importPsse(text, {}, companions.sequence);
    case "cdf":
      return (text) => importCdf(text);
    case "ampflux":
      return importDocumentJson;
  }
}

/** A network document as JSON: parsed and checked against the schema; the report maps it 1:1. */
function importDocumentJson(text: string): Omit<NetworkFileImport, "format"> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NetworkFileError("ampflux", `not JSON: ${(error as Error).message}`);
  }
  const parsed = documentSchemaFor(json).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    const message = issue ? describeInputIssue(issue, json) : "not a network document";
    throw new NetworkFileError("ampflux", message, undefined, field);
  }
  return { document: parsed.data, report: new ImportReportBuilder("ampflux").build() };
}

function asNetworkFileError(format: ImportFormat, error: unknown): unknown {
  if (error instanceof NetworkFileError) return error;
  if (error instanceof MatpowerParseError) return new NetworkFileError(format, error.message, error.line);
  if (
    error instanceof PandapowerParseError ||
    error instanceof PsseParseError ||
    error instanceof CdfParseError
  )
    return new NetworkFileError(format, error.message, error.line, error.field);
  return error;
}
