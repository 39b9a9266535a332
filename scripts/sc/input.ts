// Reads the study input: a MATPOWER case (.m) through the importer, anything else as a JSON
// network document. Relative paths are taken from where `pnpm sc` was typed.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ImportReport, importMatpower, MatpowerParseError } from "@ampflux/contracts/importers";
import { inputError } from "./errors.ts";

export interface Input {
  /** The path as given, for messages. */
  label: string;
  /** Not yet validated: the engine checks it and names what is wrong. */
  document: unknown;
  /** Notes on what an importer assumed or changed, one line each. */
  notes: string[];
}

export function resolveInput(file: string, env = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), file);
}

async function readText(file: string, label: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError(`${label}: no such file (looked at ${file})`);
    if (code === "EISDIR") throw inputError(`${label}: is a directory, expected a .json or .m file`);
    throw inputError(`${label}: cannot read: ${(error as Error).message}`);
  }
}

/** One line listing the assumed values and one per adjusted field: nothing changes silently. */
function importNotes(label: string, report: ImportReport): string[] {
  const assumed = report.defaulted.map((d) =>
    d.value === null ? `${d.field} unset` : `${d.field}=${d.value}`,
  );
  const notes = assumed.length > 0 ? [`${label}: MATPOWER import assumed ${assumed.join(", ")}`] : [];
  for (const a of report.adjusted) {
    notes.push(`${label}: MATPOWER import adjusted ${a.field} of ${a.count} (${a.ids.join(", ")}): ${a.why}`);
  }
  return notes;
}

function fromMatpower(text: string, label: string): Input {
  try {
    const { document, report } = importMatpower(text);
    return { label, document, notes: importNotes(label, report) };
  } catch (error) {
    if (error instanceof MatpowerParseError) throw inputError(`${label}: ${error.message}`);
    throw error;
  }
}

function fromJson(text: string, label: string): Input {
  try {
    return { label, document: JSON.parse(text), notes: [] };
  } catch (error) {
    throw inputError(`${label}: not valid JSON: ${(error as Error).message}`);
  }
}

export async function loadInput(file: string): Promise<Input> {
  const text = await readText(resolveInput(file), file);
  return file.toLowerCase().endsWith(".m") ? fromMatpower(text, file) : fromJson(text, file);
}
