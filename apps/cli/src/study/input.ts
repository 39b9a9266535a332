// Reads the study input, whatever its name: the format is told from the content (a pandapower
// net saved as .txt or a case9.m.orig is still read), then imported into a network document.

import { readFile } from "node:fs/promises";
import { countElements, type NetworkValidation } from "@ampflux/contracts";
import {
  detectImportFormat,
  type ImportFormat,
  importNetworkFile,
  NetworkFileError,
} from "@ampflux/contracts/importers";
import { ValidatedNetwork } from "@ampflux/sim-wasm";
import { inputError } from "../errors.ts";
import { describeCounts, importReportLines } from "../import-report.ts";
import { type Io, userPath } from "../io.ts";

export interface Input {
  /** The path as given, for messages. */
  label: string;
  /** As read: the engine checks it (unless `validation` accepted it) and names what is wrong. */
  document: unknown;
  /** The importer's validation of `document` (every format but AmpFlux JSON). */
  validation?: NetworkValidation | undefined;
  /** What the import mapped, assumed, changed or dropped, one line each. */
  notes: string[];
}

async function readText(file: string, label: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError(`${label}: no such file (looked at ${file})`);
    if (code === "EISDIR") throw inputError(`${label}: is a directory, expected a network file`);
    throw inputError(`${label}: cannot read: ${(error as Error).message}`);
  }
}

/** A MATPOWER case the importer should explain, even one too broken for detection (no mpc.bus). */
const MATPOWER_START = /^\s*(%.*\n\s*)*function\s+mpc\b|\bmpc\s*\.\s*\w+\s*=/;

const AMPFLUX_SCHEMA = /"schema"\s*:\s*"ampflux\/network@/;

/** The format from the content only: detectImportFormat is given no name, so no extension counts. */
function formatOf(text: string, label: string): ImportFormat {
  try {
    const format = detectImportFormat("", text);
    // detectImportFormat looks for the schema in the first 4 kB; a document may write it last.
    return format === "pandapower" && AMPFLUX_SCHEMA.test(text) ? "ampflux" : format;
  } catch (error) {
    if (!(error instanceof NetworkFileError)) throw error;
    if (MATPOWER_START.test(text)) return "matpower";
    throw inputError(
      `${label}: not a network file: expected a MATPOWER case, pandapower JSON, PSS/E RAW (v32-v35), IEEE CDF or AmpFlux network JSON`,
    );
  }
}

/** An AmpFlux document goes to the engine as it is: it names every invalid field by JSON path. */
function fromDocumentJson(text: string, label: string): Input {
  try {
    return { label, document: JSON.parse(text), notes: [] };
  } catch (error) {
    throw inputError(`${label}: not valid JSON: ${(error as Error).message}`);
  }
}

function imported(format: ImportFormat, text: string, label: string, sequence?: string): Input {
  try {
    const { document, report, validation } = importNetworkFile(label, text, format, undefined, { sequence });
    const counts = describeCounts(countElements(document));
    const notes = [
      `${label}: imported as ${format}: ${counts}`,
      ...importReportLines(report).map((l) => `  ${l}`),
    ];
    return { label, document, validation, notes };
  } catch (error) {
    if (error instanceof NetworkFileError) throw inputError(`${label}: ${error.message}`);
    throw error;
  }
}

/** The network in `file`; `seq` names a PSS/E case's sequence data file (`--seq`). */
export async function loadInput(io: Io, file: string, seq?: string): Promise<Input> {
  const text = await readText(userPath(io, file), file);
  const format = formatOf(text, file);
  const sequence = seq === undefined ? undefined : await readText(userPath(io, seq), seq);
  if (sequence !== undefined && format !== "psse")
    throw inputError(`--seq ${seq}: sequence data belongs to a PSS/E RAW case, ${file} is ${format}`);
  return format === "ampflux" ? fromDocumentJson(text, file) : imported(format, text, file, sequence);
}

/**
 * What to hand the engine: the importer already validated the document (the same
 * validateNetwork, the built-in type library), so the engine gets it wrapped and skips a second
 * validation — on case9241pegase that pass is a fifth of a one-shot run. An AmpFlux JSON
 * document goes as it is and the engine validates it.
 */
export function engineInput(input: Input): ValidatedNetwork | unknown {
  return input.validation?.ok ? ValidatedNetwork.fromValidation(input.validation) : input.document;
}
