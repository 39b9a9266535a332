import { type CheckedImport, checkImported, type SourceMap } from "../checked.ts";
import { importedDocument } from "../document.ts";
import { ImportReportBuilder } from "../report.ts";
import { chargingShuntIds, mapBranches } from "./branches.ts";
import { mapBuses } from "./buses.ts";
import { type MatpowerCase, readCase } from "./case.ts";
import { UNUSED_COLUMNS } from "./columns.ts";
import { MatpowerParseError } from "./errors.ts";
import { mapGenerators } from "./generators.ts";
import { rowCount } from "./matrix.ts";
import { type MatpowerImportOptions, matpowerImportOptionsSchema } from "./options.ts";
import { parseMatpowerText } from "./parse.ts";

export type MatpowerImport = CheckedImport;

/** The file line of each element: buses, loads and shunts from mpc.bus rows, branches (and their charging shunts) and generators from theirs. */
function sourceLines(mpc: MatpowerCase, buses: readonly { id: string }[]): SourceMap {
  const sources: SourceMap = new Map();
  const line = (matrix: MatpowerCase["bus"], r: number) => ({ line: matrix.rowLines[r] ?? matrix.startLine });
  buses.forEach(({ id }, r) => {
    for (const element of [id, `load${id}`, `shunt${id}`, `grid${id}`])
      sources.set(element, line(mpc.bus, r));
  });
  for (const r of mpc.branch.rowLines.keys())
    for (const element of [`br${r + 1}`, ...chargingShuntIds(`br${r + 1}`)])
      sources.set(element, line(mpc.branch, r));
  for (const r of mpc.gen.rowLines.keys()) sources.set(`gen${r + 1}`, line(mpc.gen, r));
  return sources;
}

/**
 * Converts a MATPOWER case file (format version 2) into a valid network document. Throws
 * MatpowerParseError for text that is not such a case, or whose values are implausible (the
 * schema's ranges), at the line of the offending row.
 */
export function importMatpower(text: string, options: MatpowerImportOptions = {}): MatpowerImport {
  const resolved = matpowerImportOptionsSchema.parse(options);
  const parsed = parseMatpowerText(text);
  const mpc = readCase(parsed);
  const report = new ImportReportBuilder("matpower");
  const { buses, loads, shunts, info } = mapBuses(mpc, resolved, report);
  const { external_grids, generators } = mapGenerators(mpc, info, resolved, report);
  const { lines, transformers, shunts: chargingShunts } = mapBranches(mpc, info, resolved, report);
  report.defaulted("frequency_hz", resolved.frequency_hz, "not in MATPOWER (option frequency_hz)");
  for (const [matrix, columns] of Object.entries(UNUSED_COLUMNS)) {
    report.dropped(
      `mpc.${matrix} columns ${columns}`,
      rowCount(mpc[matrix as keyof typeof UNUSED_COLUMNS]),
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
    shunts: [...shunts, ...chargingShunts],
  });

  const validation = checkImported(
    document,
    () => sourceLines(mpc, buses),
    { line: mpc.bus.startLine },
    ({ line }, message) => new MatpowerParseError(line, message),
  );
  return { document, report: report.build(), validation };
}
