import { TRPCError } from "@trpc/server";
import type { ApiSettings } from "../settings.ts";
import { scanJsonStructure } from "./json-structure.ts";

/**
 * The elements of a network document before it is validated: the lengths of its top-level
 * arrays (buses, lines, loads…), without walking into them. BAD_REQUEST beyond
 * DOCUMENT_MAX_ELEMENTS, so validation and storage never start on a document too large to study.
 */
export function refuseTooManyElements(document: unknown, settings: ApiSettings, what = "the document"): void {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return;
  let elements = 0;
  for (const value of Object.values(document)) if (Array.isArray(value)) elements += value.length;
  if (elements > settings.DOCUMENT_MAX_ELEMENTS) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${what} has ${elements} elements: that exceeds DOCUMENT_MAX_ELEMENTS ${settings.DOCUMENT_MAX_ELEMENTS}`,
    });
  }
}

const JSON_START = /^\uFEFF?\s*[[{]/;

/**
 * Structure limits of an uploaded network file, before an importer parses it. A JSON file
 * (AmpFlux, pandapower) gets the JSON_MAX_DEPTH and JSON_MAX_ARRAY_LENGTH limits of requests; its
 * strings may be as long as the file (pandapower stores each table as one JSON string). A text
 * file (MATPOWER, PSS/E, CDF) gets IMPORT_MAX_LINE_LENGTH per line, bounding the importers' work
 * on any one line.
 */
export function refuseUploadStructure(fileName: string, text: string, settings: ApiSettings): void {
  if (JSON_START.test(text.slice(0, 1024))) {
    const violation = scanJsonStructure(
      text,
      {
        maxDepth: settings.JSON_MAX_DEPTH,
        maxArrayLength: settings.JSON_MAX_ARRAY_LENGTH,
        maxStringLength: settings.IMPORT_MAX_BYTES,
      },
      fileName,
    );
    if (violation) throw new TRPCError({ code: "BAD_REQUEST", message: violation.message });
    return;
  }
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > settings.IMPORT_MAX_LINE_LENGTH) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `${fileName}: line ${line} has ${length} characters: that exceeds IMPORT_MAX_LINE_LENGTH ${settings.IMPORT_MAX_LINE_LENGTH}`,
      });
    }
    if (end < 0) return;
    start = end + 1;
    line++;
  }
}
