import { type NetworkIssue, validateNetwork } from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";
import { layoutInWorker } from "../layout/layout-in-worker.ts";
import { type EditorDocument, normalizeDocument } from "../model/document.ts";

export type ReadResult =
  | { ok: true; document: EditorDocument; report: ImportReport | null; warnings: NetworkIssue[] }
  | { ok: false; message: string; issues: NetworkIssue[] };

/**
 * A MATPOWER .m, PSS/E .raw (with its .seq sequence data when given), IEEE .cdf or pandapower
 * JSON file (converted in the browser with the contracts' importers) or a network JSON document.
 * Documents whose shape is wrong are refused with their paths; element errors (a bad value) are
 * loaded and shown in the editor.
 */
export async function readNetworkFile(file: File, sequenceFile?: File): Promise<ReadResult> {
  const text = await file.text();
  const sequence = await sequenceFile?.text();
  const { detectImportFormat, importNetworkFile, NetworkFileError } = await import(
    "@ampflux/contracts/importers"
  );
  try {
    const format = detectImportFormat(file.name, text);
    if (format === "ampflux") return readDocumentJson(text);
    const { document, report } = importNetworkFile(file.name, text, format, undefined, { sequence });
    return {
      ok: true,
      document: await prepare(document),
      report,
      warnings: validateNetwork(document).warnings,
    };
  } catch (error) {
    const line = error instanceof NetworkFileError && error.line ? ` (line ${error.line})` : "";
    return { ok: false, message: `${error instanceof Error ? error.message : error}${line}`, issues: [] };
  }
}

/** Looser than the importer: a document with bad element values still opens, to be fixed here. */
async function readDocumentJson(text: string): Promise<ReadResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : error}`, issues: [] };
  }
  const validation = validateNetwork(json);
  if (!validation.document) {
    const structural = validation.errors.filter((e) => e.path.length < 3);
    if (structural.length > 0 || typeof json !== "object" || json === null)
      return {
        ok: false,
        message: "this is not a network document (ampflux/network@1)",
        issues: validation.errors,
      };
    return {
      ok: true,
      document: await prepare(json as Record<string, unknown>),
      report: null,
      warnings: [],
    };
  }
  return {
    ok: true,
    document: await prepare(validation.document),
    report: null,
    warnings: validation.warnings,
  };
}

/** Buses without a position are placed by the force layout, off the main thread. */
function prepare(document: object): Promise<EditorDocument> {
  return layoutInWorker(normalizeDocument(document as Record<string, unknown>));
}
