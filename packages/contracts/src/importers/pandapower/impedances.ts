import type { EarthingTransformer, Impedance } from "../../network/index.ts";
import { busRef, type Context, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { type Row, rowsOf } from "./table.ts";

/**
 * pandapower's impedance: per unit on sn_mva. Its zero-sequence columns (rft0_pu …) are kept when
 * the file has them; the shunt parts gf/bf/gt/bt are not in the document and are reported.
 */
function mapImpedance(row: Row, ctx: Context): Impedance {
  const id = register(ctx, row);
  return {
    id,
    ...nameOf(row),
    from_bus: busRef(row, "from_bus"),
    to_bus: busRef(row, "to_bus"),
    sn_mva: row.requiredNumber("sn_mva"),
    rft_pu: row.requiredNumber("rft_pu"),
    xft_pu: row.requiredNumber("xft_pu"),
    ...row.numbers(["rtf_pu", "xtf_pu", "rft0_pu", "xft0_pu"] as const),
    in_service: row.boolean("in_service") ?? true,
  };
}

/** The earthing_transformer table AmpFlux's pandapower export writes (pandapower has none). */
function mapEarthingTransformer(row: Row, ctx: Context): EarthingTransformer {
  return {
    id: register(ctx, row),
    ...nameOf(row),
    bus: busRef(row, "bus"),
    r0_ohm: row.requiredNumber("r0_ohm"),
    x0_ohm: row.requiredNumber("x0_ohm"),
    ...row.numbers(["rn_ohm", "xn_ohm"] as const),
    in_service: row.boolean("in_service") ?? true,
  };
}

const nonZero = (rows: Row[], columns: readonly string[]) =>
  rows.filter((row) => columns.some((c) => (row.number(c) ?? 0) !== 0)).length;

export function mapImpedances(net: ParsedPandapower, ctx: Context) {
  const rows = rowsOf(net.frames.get("impedance"));
  const impedances = rows.map((row) => mapImpedance(row, ctx));
  const earthing_transformers = rowsOf(net.frames.get("earthing_transformer")).map((row) =>
    mapEarthingTransformer(row, ctx),
  );
  const { report } = ctx;
  report.mapped("impedance", "impedances", impedances.length);
  report.mapped(
    "impedance rft0_pu, xft0_pu",
    "impedances.rft0_pu, xft0_pu",
    impedances.filter((i) => i.xft0_pu !== undefined).length,
  );
  report.mapped("earthing_transformer", "earthing_transformers", earthing_transformers.length);
  report.dropped(
    "impedance.gf_pu / bf_pu / gt_pu / bt_pu",
    nonZero(rows, ["gf_pu", "bf_pu", "gt_pu", "bt_pu"]),
    "the document's impedance has no shunt part",
  );
  return { impedances, earthing_transformers };
}
