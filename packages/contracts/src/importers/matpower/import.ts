import type { NetworkDocument } from "../../network/index.ts";
import { importedDocument } from "../document.ts";
import { type ImportReport, ImportReportBuilder } from "../report.ts";
import { mapBranches } from "./branches.ts";
import { mapBuses } from "./buses.ts";
import { readCase } from "./case.ts";
import { UNUSED_COLUMNS } from "./columns.ts";
import { mapGenerators } from "./generators.ts";
import { type MatpowerImportOptions, matpowerImportOptionsSchema } from "./options.ts";
import { parseMatpowerText } from "./parse.ts";

export interface MatpowerImport {
  document: NetworkDocument;
  report: ImportReport;
}

/**
 * Converts a MATPOWER case file (format version 2) into a network document. Throws
 * MatpowerParseError for text that is not such a case; the result is meant to be checked with
 * validateNetwork like any other document.
 */
export function importMatpower(text: string, options: MatpowerImportOptions = {}): MatpowerImport {
  const resolved = matpowerImportOptionsSchema.parse(options);
  const parsed = parseMatpowerText(text);
  const mpc = readCase(parsed);
  const report = new ImportReportBuilder("matpower");
  const { buses, loads, shunts, info } = mapBuses(mpc, resolved, report);
  const { external_grids, generators } = mapGenerators(mpc, info, resolved, report);
  const { lines, transformers } = mapBranches(mpc, info, resolved, report);
  report.defaulted("frequency_hz", resolved.frequency_hz, "not in MATPOWER (option frequency_hz)");
  for (const [matrix, columns] of Object.entries(UNUSED_COLUMNS)) {
    report.dropped(
      `mpc.${matrix} columns ${columns}`,
      mpc[matrix as keyof typeof UNUSED_COLUMNS].rows.length,
      "no field in the network document",
    );
  }
  for (const [name, rows] of mpc.unused)
    report.dropped(`mpc.${name}`, rows, "no counterpart in the network document");
  const document = importedDocument(resolved.name ?? mpc.name ?? "MATPOWER case", resolved.frequency_hz, {
    buses,
    external_grids,
    lines,
    transformers,
    generators,
    loads,
    shunts,
  });

  return { document, report: report.build() };
}
