import type { Switch } from "../../network/index.ts";
import { busRef, type Context, idOf, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { type Row, rowsOf } from "./table.ts";

/** pandapower's et codes: the element table a switch refers to, and the document's element_type. */
const ELEMENT_TYPES: Record<string, { table: string; type: Switch["element_type"] }> = {
  b: { table: "bus", type: "bus" },
  l: { table: "line", type: "line" },
  t: { table: "trafo", type: "transformer" },
  t3: { table: "trafo3w", type: "transformer" },
};

function mapSwitch(row: Row, ctx: Context): Switch {
  const et = row.string("et") ?? "";
  const target = Object.hasOwn(ELEMENT_TYPES, et) ? ELEMENT_TYPES[et] : undefined;
  if (!target) return row.fail("et", `"${et}" is not one of b, l, t, t3`);
  return {
    id: register(ctx, row),
    ...nameOf(row),
    bus: busRef(row, "bus"),
    element: idOf(target.table, row.requiredLabel("element")),
    element_type: target.type,
    closed: row.boolean("closed") ?? true,
  };
}

/** switch rows; the document's switches are ideal, so impedance and ratings are dropped. */
export function mapSwitches(net: ParsedPandapower, ctx: Context): Switch[] {
  const rows = rowsOf(net.frames.get("switch"));
  const switches = rows.map((row) => mapSwitch(row, ctx));
  ctx.report.mapped("switch", "switches", switches.length);
  const withImpedance = rows.filter((row) => (row.number("z_ohm") ?? 0) !== 0).length;
  ctx.report.dropped("switch.z_ohm", withImpedance, "the document's switches are ideal");
  const rated = rows.filter((row) => row.number("in_ka") !== undefined).length;
  ctx.report.dropped("switch.in_ka", rated, "switch ratings are not checked by the study");
  const typed = rows.filter((row) => row.string("type") !== undefined).length;
  ctx.report.dropped("switch.type (CB/LS/LBS/DS)", typed, "the document does not tell switch kinds apart");
  return switches;
}
