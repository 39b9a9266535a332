import type { Line, Transformer, Transformer3w } from "../../network/index.ts";
import { importedVectorGroup } from "../vector-group.ts";
import { busRef, type Context, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { matchStdTypes } from "./std-types.ts";
import { type Row, rowsOf } from "./table.ts";

const MAGNETISING = "IEC 60909 neglects the magnetising branch";

/** Counts rows whose column holds something other than `neutral`, for the report. */
function countNonNeutral(rows: Row[], column: string, neutral: number | boolean | string): number {
  return rows.filter((row) => {
    const value = row.raw(column);
    return value !== undefined && value !== neutral;
  }).length;
}

function mapLine(row: Row, ctx: Context): Line {
  const id = register(ctx, row);
  const line: Line = {
    id,
    ...nameOf(row),
    from_bus: busRef(row, "from_bus"),
    to_bus: busRef(row, "to_bus"),
    length_km: row.requiredNumber("length_km"),
    r_ohm_per_km: row.requiredNumber("r_ohm_per_km"),
    x_ohm_per_km: row.requiredNumber("x_ohm_per_km"),
    c_nf_per_km: row.number("c_nf_per_km") ?? 0,
    ...row.numbers(["r0_ohm_per_km", "x0_ohm_per_km", "c0_nf_per_km"] as const),
    parallel: row.number("parallel") ?? 1,
    endtemp_degree: row.number("endtemp_degree") ?? 80,
    in_service: row.boolean("in_service") ?? true,
  };
  if (!row.has("c_nf_per_km")) ctx.report.defaulted("lines.c_nf_per_km", 0, "missing in line table");
  if (!row.has("endtemp_degree")) ctx.report.defaulted("lines.endtemp_degree", 80, "IEC 60909-0 default");
  const maxI = row.number("max_i_ka");
  if (maxI !== undefined && maxI > 0) line.max_i_ka = maxI;
  else ctx.report.defaulted("lines.max_i_ka", null, "no positive max_i_ka: rating left unset");
  return line;
}

interface TapRead {
  tap_pos?: number;
  tap_neutral?: number;
  tap_min?: number;
  tap_max?: number;
  tap_step_percent?: number;
  tap_side?: string;
}

/**
 * Tap changer columns; a position without neutral, step and side means nothing, so it is dropped,
 * and a position outside its range is clamped, both reported.
 */
function taps(row: Row, id: string, sides: readonly string[], field: string, ctx: Context): TapRead {
  const tap: TapRead = row.numbers(["tap_pos", "tap_neutral", "tap_min", "tap_max", "tap_step_percent"]);
  const side = row.string("tap_side");
  if (side !== undefined && sides.includes(side)) tap.tap_side = side;
  else if (side !== undefined)
    ctx.report.adjusted(`${field}.tap_side`, id, `"${side}" is not a side; dropped`);
  if (tap.tap_step_percent !== undefined && tap.tap_step_percent < 0) {
    ctx.report.adjusted(`${field}.tap_step_percent`, id, "negative step: taken as its magnitude");
    tap.tap_step_percent = -tap.tap_step_percent;
  }
  if (tap.tap_min !== undefined && tap.tap_max !== undefined && tap.tap_min > tap.tap_max) {
    ctx.report.adjusted(`${field}.tap_min`, id, "tap_min above tap_max: swapped");
    [tap.tap_min, tap.tap_max] = [tap.tap_max, tap.tap_min];
  }
  if (tap.tap_pos === undefined) return tap;
  if (tap.tap_neutral === undefined || tap.tap_step_percent === undefined || tap.tap_side === undefined) {
    ctx.report.adjusted(`${field}.tap_pos`, id, "no tap neutral, step or side: position dropped");
    delete tap.tap_pos;
    return tap;
  }
  const clamped = Math.min(Math.max(tap.tap_pos, tap.tap_min ?? -Infinity), tap.tap_max ?? Infinity);
  if (clamped !== tap.tap_pos) {
    ctx.report.adjusted(`${field}.tap_pos`, id, "outside tap_min..tap_max: clamped");
    tap.tap_pos = clamped;
  }
  return tap;
}

function vectorGroup(row: Row, id: string, shifts: number[], field: string, ctx: Context) {
  const missing = "no vector group: only balanced faults";
  return importedVectorGroup(row.string("vector_group"), shifts, { id, field, report: ctx.report, missing });
}

/** mag0_percent must be positive in the document; pandapower writes 0 for "not given". */
function mag0(row: Row, id: string, field: string, ctx: Context) {
  const value = row.number("mag0_percent");
  if (value === undefined) return {};
  if (value > 0) return { mag0_percent: value };
  ctx.report.adjusted(`${field}.mag0_percent`, id, "not positive: left unset");
  return {};
}

function mapTransformer(row: Row, ctx: Context): Transformer {
  const id = register(ctx, row);
  const shift_degree = row.number("shift_degree") ?? 0;
  const trafo: Transformer = {
    id,
    ...nameOf(row),
    hv_bus: busRef(row, "hv_bus"),
    lv_bus: busRef(row, "lv_bus"),
    sn_mva: row.requiredNumber("sn_mva"),
    vn_hv_kv: row.requiredNumber("vn_hv_kv"),
    vn_lv_kv: row.requiredNumber("vn_lv_kv"),
    vk_percent: row.requiredNumber("vk_percent"),
    vkr_percent: row.requiredNumber("vkr_percent"),
    ...row.numbers(["vk0_percent", "vkr0_percent", "rn_ohm", "xn_ohm"] as const),
    ...mag0(row, id, "transformers", ctx),
    ...vectorGroup(row, id, [shift_degree], "transformers", ctx),
    shift_degree,
    ...(taps(row, id, ["hv", "lv"], "transformers", ctx) as Partial<Transformer>),
    parallel: row.number("parallel") ?? 1,
    power_station_unit: row.boolean("power_station_unit") ?? false,
    in_service: row.boolean("in_service") ?? true,
  };
  const oltc = row.boolean("oltc");
  if (oltc !== undefined) trafo.oltc = oltc;
  return trafo;
}

function mapTransformer3w(row: Row, ctx: Context): Transformer3w {
  const id = register(ctx, row);
  const shift_mv_degree = row.number("shift_mv_degree") ?? 0;
  const shift_lv_degree = row.number("shift_lv_degree") ?? 0;
  const required = (column: string) => row.requiredNumber(column);
  return {
    id,
    ...nameOf(row),
    hv_bus: busRef(row, "hv_bus"),
    mv_bus: busRef(row, "mv_bus"),
    lv_bus: busRef(row, "lv_bus"),
    sn_hv_mva: required("sn_hv_mva"),
    sn_mv_mva: required("sn_mv_mva"),
    sn_lv_mva: required("sn_lv_mva"),
    vn_hv_kv: required("vn_hv_kv"),
    vn_mv_kv: required("vn_mv_kv"),
    vn_lv_kv: required("vn_lv_kv"),
    vk_hv_percent: required("vk_hv_percent"),
    vk_mv_percent: required("vk_mv_percent"),
    vk_lv_percent: required("vk_lv_percent"),
    vkr_hv_percent: required("vkr_hv_percent"),
    vkr_mv_percent: required("vkr_mv_percent"),
    vkr_lv_percent: required("vkr_lv_percent"),
    ...row.numbers([
      "vk0_hv_percent",
      "vk0_mv_percent",
      "vk0_lv_percent",
      "vkr0_hv_percent",
      "vkr0_mv_percent",
      "vkr0_lv_percent",
    ] as const),
    ...mag0(row, id, "transformers3w", ctx),
    ...vectorGroup(row, id, [shift_mv_degree, shift_lv_degree], "transformers3w", ctx),
    shift_mv_degree,
    shift_lv_degree,
    ...(taps(row, id, ["hv", "mv", "lv"], "transformers3w", ctx) as Partial<Transformer3w>),
    in_service: row.boolean("in_service") ?? true,
  };
}

/** line, trafo and trafo3w rows; the parts IEC 60909 does not use are counted as dropped. */
export function mapBranches(net: ParsedPandapower, ctx: Context) {
  const lineRows = rowsOf(net.frames.get("line"));
  const trafoRows = rowsOf(net.frames.get("trafo"));
  const trafo3wRows = rowsOf(net.frames.get("trafo3w"));
  const lines = lineRows.map((row) => mapLine(row, ctx));
  const transformers = trafoRows.map((row) => mapTransformer(row, ctx));
  const transformers3w = trafo3wRows.map((row) => mapTransformer3w(row, ctx));
  const { report } = ctx;
  report.mapped("line", "lines", lines.length);
  report.mapped("trafo", "transformers", transformers.length);
  report.mapped("trafo3w", "transformers3w", transformers3w.length);
  matchStdTypes(lineRows, lines, "line", "lines", ctx);
  matchStdTypes(trafoRows, transformers, "transformer", "transformers", ctx);
  report.dropped(
    "trafo3w.std_type",
    trafo3wRows.filter((row) => (row.string("std_type") ?? "") !== "").length,
    "the type library has no three-winding transformer types",
  );
  report.dropped(
    "line.g_us_per_km",
    countNonNeutral(lineRows, "g_us_per_km", 0),
    "IEC 60909 neglects shunt conductance",
  );
  report.dropped("line.df", countNonNeutral(lineRows, "df", 1), "derating factor: a load-flow limit only");
  report.dropped(
    "line.geo / line_geodata",
    countNonNeutral(lineRows, "geo", ""),
    "the document draws lines between bus positions",
  );
  for (const [rows, table] of [
    [trafoRows, "trafo"],
    [trafo3wRows, "trafo3w"],
  ] as const) {
    report.dropped(`${table}.pfe_kw`, countNonNeutral(rows, "pfe_kw", 0), MAGNETISING);
    report.dropped(`${table}.i0_percent`, countNonNeutral(rows, "i0_percent", 0), MAGNETISING);
    report.dropped(
      `${table}.tap_step_degree`,
      countNonNeutral(rows, "tap_step_degree", 0),
      "phase-shifting taps are not modelled; taps stay at the main position in IEC 60909",
    );
    report.dropped(`${table}.df`, countNonNeutral(rows, "df", 1), "derating factor: a load-flow limit only");
  }
  report.dropped(
    "trafo.mag0_rx / si0_hv_partial",
    countNonNeutral(trafoRows, "si0_hv_partial", 0),
    "the document's zero-sequence model takes mag0_percent only",
  );
  report.dropped(
    "trafo3w.tap_at_star_point",
    countNonNeutral(trafo3wRows, "tap_at_star_point", false),
    "the document puts the tap at a winding",
  );
  return { lines, transformers, transformers3w };
}
