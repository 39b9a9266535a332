import type { Load, Shunt } from "../../network/index.ts";
import { busRef, type Context, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { type Row, rowsOf } from "./table.ts";

const VOLTAGE_DEPENDENCE = ["const_z_percent", "const_i_percent", "const_z_p_percent", "const_i_p_percent"];

function mapLoad(row: Row, ctx: Context): Load {
  const id = register(ctx, row);
  const scaling = row.number("scaling") ?? 1;
  if (scaling !== 1) ctx.report.adjusted("loads.p_mw", id, "p_mw and q_mvar multiplied by scaling");
  return {
    id,
    ...nameOf(row),
    bus: busRef(row, "bus"),
    p_mw: row.requiredNumber("p_mw") * scaling,
    q_mvar: (row.number("q_mvar") ?? 0) * scaling,
    in_service: row.boolean("in_service") ?? true,
  };
}

function mapShunt(row: Row, ctx: Context): Shunt {
  const id = register(ctx, row);
  const bus = busRef(row, "bus");
  const step = row.number("step") ?? 1;
  if (step !== 1) ctx.report.adjusted("shunts.q_mvar", id, "p_mw and q_mvar multiplied by the step in use");
  let vn_kv = row.number("vn_kv");
  if (vn_kv === undefined) {
    vn_kv = ctx.busVoltage.get(bus) ?? row.fail("bus", `unknown bus "${bus}"`);
    ctx.report.defaulted("shunts.vn_kv", "bus vn_kv", "no vn_kv: the bus's rated voltage");
  }
  return {
    id,
    ...nameOf(row),
    bus,
    p_mw: (row.number("p_mw") ?? 0) * step,
    q_mvar: row.requiredNumber("q_mvar") * step,
    vn_kv,
    in_service: row.boolean("in_service") ?? true,
  };
}

/** load and shunt rows, consumer-signed in pandapower as in the document. */
export function mapConsumers(net: ParsedPandapower, ctx: Context) {
  const loadRows = rowsOf(net.frames.get("load"));
  const loads = loadRows.map((row) => mapLoad(row, ctx));
  const shunts = rowsOf(net.frames.get("shunt")).map((row) => mapShunt(row, ctx));
  ctx.report.mapped("load", "loads", loads.length);
  ctx.report.mapped("shunt", "shunts", shunts.length);
  const dependent = loadRows.filter((row) => VOLTAGE_DEPENDENCE.some((c) => (row.number(c) ?? 0) !== 0));
  ctx.report.dropped(
    "load voltage dependence (const_z/const_i)",
    dependent.length,
    "loads are neglected by IEC 60909",
  );
  return { loads, shunts };
}
