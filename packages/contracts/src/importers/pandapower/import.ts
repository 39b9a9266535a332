import { TypeLibrary } from "../../types/apply.ts";
import { type CheckedImport, checkImported, type SourceMap } from "../checked.ts";
import { importedDocument } from "../document.ts";
import { ImportReportBuilder } from "../report.ts";
import { mapBranches } from "./branches.ts";
import { mapBuses } from "./buses.ts";
import { mapConsumers } from "./consumers.ts";
import type { Context } from "./context.ts";
import { PandapowerParseError } from "./errors.ts";
import { type ParsedPandapower, parsePandapowerText } from "./frames.ts";
import { mapImpedances } from "./impedances.ts";
import { type PandapowerImportOptions, pandapowerImportOptionsSchema } from "./options.ts";
import { mapSources } from "./sources.ts";
import { mapSwitches } from "./switches.ts";

export type PandapowerImport = CheckedImport;

/** Tables the importer maps; bus_geodata feeds buses[].geo. */
const MAPPED_TABLES = new Set([
  "bus",
  "bus_geodata",
  "line",
  "trafo",
  "trafo3w",
  "impedance",
  "earthing_transformer",
  "ext_grid",
  "gen",
  "sgen",
  "motor",
  "load",
  "shunt",
  "switch",
  "res_bus",
]);

/** Top-level members that are not network data, or that are read as settings. */
const SETTINGS = new Set(["name", "f_hz", "version", "format_version", "converged", "OPF_converged"]);

function frequency(net: ParsedPandapower, ctx: Context): 50 | 60 {
  const f = net.members.get("f_hz");
  if (f === undefined || f.value === null || Number.isNaN(f.value)) {
    ctx.report.defaulted(
      "frequency_hz",
      ctx.options.frequency_hz,
      "no f_hz in the file (option frequency_hz)",
    );
    return ctx.options.frequency_hz;
  }
  if (f.value !== 50 && f.value !== 60) {
    throw new PandapowerParseError(f.position.line, f.position.column, "f_hz must be 50 or 60", "f_hz");
  }
  return f.value;
}

/** Everything else in the file is listed as dropped with its row count, results separately. */
function reportUnmapped(net: ParsedPandapower, ctx: Context): void {
  let results = 0;
  for (const [table, frame] of net.frames) {
    if (MAPPED_TABLES.has(table)) continue;
    if (table.startsWith("res_")) results += frame.rows.length;
    else ctx.report.dropped(table, frame.rows.length, "no counterpart in the network document");
  }
  ctx.report.dropped("res_* result tables other than res_bus", results, "results are recomputed by AmpFlux");
  for (const [name, { value }] of net.members) {
    if (SETTINGS.has(name) || value === null) continue;
    const size = typeof value === "object" ? Object.keys(value).length : 1;
    ctx.report.dropped(name, size, "no counterpart in the network document");
  }
}

/**
 * Converts pandapower's JSON (`pandapower.to_json`, wrapped or older flat form) into a network
 * document. Element ids are the table name and row label ("bus3", "trafo0"); pandapower names are
 * kept in `name`. Throws PandapowerParseError, with a line and column (and the table, row and
 * column where one value is at fault), for text that is not such a network or whose network does
 * not validate. A line's or transformer's std_type becomes its `type` where `types` (the built-in
 * library unless a company's is given) has a type of that name.
 */
export function importPandapower(
  text: string,
  options: PandapowerImportOptions = {},
  types: TypeLibrary = new TypeLibrary(),
): PandapowerImport {
  const resolved = pandapowerImportOptionsSchema.parse(options);
  const net = parsePandapowerText(text);
  const report = new ImportReportBuilder("pandapower");
  const sources: SourceMap = new Map();
  const ctx: Context = { options: resolved, report, sources, busVoltage: new Map(), types };
  const frequency_hz = frequency(net, ctx);
  // Buses first: later tables default rated voltages to their bus's.
  const elements = {
    buses: mapBuses(net, ctx),
    ...mapBranches(net, ctx),
    ...mapImpedances(net, ctx),
    ...mapSources(net, ctx),
    ...mapConsumers(net, ctx),
    switches: mapSwitches(net, ctx),
  };
  reportUnmapped(net, ctx);
  const fileName = net.members.get("name")?.value;
  const name =
    resolved.name ?? (typeof fileName === "string" && fileName !== "" ? fileName : "pandapower network");
  const document = importedDocument(name, frequency_hz, elements);

  const validation = checkImported(
    document,
    sources,
    net.position,
    ({ line, column, field }, message) => new PandapowerParseError(line, column ?? 1, message, field),
    types,
  );
  return { document, report: report.build(), validation };
}
