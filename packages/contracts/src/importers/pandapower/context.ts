import type { TypeLibrary } from "../../types/apply.ts";
import type { SourceMap } from "../checked.ts";
import type { ImportReportBuilder } from "../report.ts";
import type { ResolvedPandapowerOptions } from "./options.ts";
import type { Row } from "./table.ts";

/** What every table mapper shares. */
export interface Context {
  options: ResolvedPandapowerOptions;
  report: ImportReportBuilder;
  sources: SourceMap;
  /** Bus id → vn_kv, for elements whose rated voltage defaults to their bus's. */
  busVoltage: Map<string, number>;
  /** Where std_type names are looked up: the built-in types, and a company's when given. */
  types: TypeLibrary;
}

/** Stable document ids: the pandapower table name and row label, e.g. "bus3", "trafo3w0". */
export function idOf(table: string, label: number): string {
  return `${table}${label}`;
}

/** Registers the element read from `row` and returns its id. */
export function register(ctx: Context, row: Row): string {
  const id = idOf(row.table, row.label);
  ctx.sources.set(id, { ...row.position, field: `${row.table}[${row.label}]` });
  return id;
}

/** The bus id a row's bus column refers to. */
export function busRef(row: Row, column: string): string {
  return idOf("bus", row.requiredLabel(column));
}

/** The pandapower name, kept when present. */
export function nameOf(row: Row): { name?: string } {
  const name = row.string("name");
  return name === undefined || name === "" ? {} : { name };
}
