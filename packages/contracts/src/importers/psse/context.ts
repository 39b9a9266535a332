import type { SourceMap } from "../checked.ts";
import type { ImportReportBuilder } from "../report.ts";
import type { ResolvedPsseOptions } from "./options.ts";
import type { RawRecord } from "./records.ts";
import type { PsseVersion, RawLayout } from "./versions.ts";

export interface BusInfo {
  id: string;
  number: number;
  vn_kv: number;
  type: number;
  in_service: boolean;
}

/** What every section mapper shares. */
export interface Context {
  options: ResolvedPsseOptions;
  report: ImportReportBuilder;
  sources: SourceMap;
  sbase: number;
  frequency_hz: 50 | 60;
  buses: Map<number, BusInfo>;
  /** Bus names (trimmed) → buses, for records that name a bus in quotes instead of numbering it. */
  busNames: Map<string, BusInfo | "ambiguous">;
  version: PsseVersion;
  layout: RawLayout;
  /** Machine records of the sequence data by generator id, and that data's version. */
  machineSequence: { records: Map<string, RawRecord>; version: PsseVersion };
}

/** Ids from bus numbers and PSS/E identifiers: "bus101", "gen101_1", "line5_6_2". */
export function key(prefix: string, ...parts: (number | string)[]): string {
  return `${prefix}${parts.map((p) => String(p).trim().replace(/\s+/g, "_")).join("_")}`;
}

/**
 * The bus a record item refers to, by number or (PSS/E allows either) by its quoted name; an
 * unknown or ambiguous bus is a parse error at that record.
 */
export function busAt(ctx: Context, record: RawRecord, index: number, name: string): BusInfo {
  const item = record.item(index);
  if (item !== undefined && !/^[+-]?\d+(\.0*)?$/.test(item)) {
    const named = ctx.busNames.get(item);
    if (named === "ambiguous") record.fail(name, `bus name "${item}" is used by more than one bus`);
    if (!named) record.fail(name, `no bus is named "${item}"`);
    return named;
  }
  const number = Math.abs(record.integer(index, name, 0));
  const bus = ctx.buses.get(number);
  if (!bus) record.fail(name, `bus ${number} is not in the bus data`);
  return bus;
}

export function register(ctx: Context, id: string, record: RawRecord): string {
  if (ctx.sources.has(id)) record.fail("ID", `"${id}" is defined twice`);
  ctx.sources.set(id, { line: record.line, field: record.kind });
  return id;
}

export function named(text: string): { name?: string } {
  const name = text.trim();
  return name === "" ? {} : { name };
}
