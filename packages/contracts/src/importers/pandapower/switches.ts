import { type Switch, type SwitchKind, switchRatingFields } from "../../network/index.ts";
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

/**
 * pandapower's switch types (pandapower docs, "Switch": CB circuit breaker, LS load switch, LBS
 * load break switch, DS disconnecting switch) as the document's kinds. A load switch makes and
 * carries fault current but is not made to break it, like a switch-disconnector.
 */
export const SWITCH_KIND_OF_PANDAPOWER_TYPE: Readonly<Record<string, SwitchKind>> = {
  CB: "circuit_breaker",
  LBS: "switch_disconnector",
  LS: "switch_disconnector",
  DS: "disconnector",
};

function kindOf(row: Row): SwitchKind | undefined {
  const type = row.string("type")?.trim().toUpperCase();
  return type !== undefined && Object.hasOwn(SWITCH_KIND_OF_PANDAPOWER_TYPE, type)
    ? SWITCH_KIND_OF_PANDAPOWER_TYPE[type]
    : undefined;
}

/** in_ka is the rated normal current In: kept as rated_current_ka, never as a breaking rating. */
function ratedCurrent(row: Row, id: string, ctx: Context): { rated_current_ka?: number } {
  const inKa = row.number("in_ka");
  if (inKa === undefined) return {};
  // The document's own range decides (network/ratings.ts), so the importer never returns an invalid one.
  const checked = switchRatingFields.rated_current_ka.safeParse(inKa);
  if (checked.success) return { rated_current_ka: inKa };
  const why = checked.error.issues[0]?.message.toLowerCase() ?? "invalid";
  ctx.report.adjusted("switches.rated_current_ka", id, `in_ka refused (${why}): left unset`);
  return {};
}

function mapSwitch(row: Row, ctx: Context): Switch {
  const et = row.string("et") ?? "";
  const target = Object.hasOwn(ELEMENT_TYPES, et) ? ELEMENT_TYPES[et] : undefined;
  if (!target) return row.fail("et", `"${et}" is not one of b, l, t, t3`);
  const id = register(ctx, row);
  const kind = kindOf(row);
  return {
    id,
    ...nameOf(row),
    bus: busRef(row, "bus"),
    element: idOf(target.table, row.requiredLabel("element")),
    element_type: target.type,
    closed: row.boolean("closed") ?? true,
    ...(kind && { kind }),
    ...ratedCurrent(row, id, ctx),
  };
}

/** switch rows; the document's switches are ideal, so impedance is dropped; type and in_ka are kept. */
export function mapSwitches(net: ParsedPandapower, ctx: Context): Switch[] {
  const rows = rowsOf(net.frames.get("switch"));
  const switches = rows.map((row) => mapSwitch(row, ctx));
  const { report } = ctx;
  report.mapped("switch", "switches", switches.length);
  const withImpedance = rows.filter((row) => (row.number("z_ohm") ?? 0) !== 0).length;
  report.dropped("switch.z_ohm", withImpedance, "the document's switches are ideal");
  const kinds = switches.filter((s) => s.kind !== undefined).length;
  report.mapped("switch.type (CB/LBS/LS/DS)", "switches.kind", kinds);
  const unknown = rows.filter(
    (row) => (row.string("type")?.trim() ?? "") !== "" && kindOf(row) === undefined,
  );
  const names = [...new Set(unknown.map((row) => JSON.stringify(row.string("type"))))];
  report.dropped("switch.type", unknown.length, `not CB, LBS, LS or DS: ${names.join(", ")}`);
  const rated = switches.filter((s) => s.rated_current_ka !== undefined).length;
  report.mapped("switch.in_ka", "switches.rated_current_ka (rated normal current)", rated);
  return switches;
}
