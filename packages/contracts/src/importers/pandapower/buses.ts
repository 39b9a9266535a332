import type { Bus } from "../../network/index.ts";
import { type Context, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { isObject, JsonParser, type JsonValue } from "./json.ts";
import { type Row, rowsOf } from "./table.ts";

/** A GeoJSON point as pandapower ≥ 3 stores it in the geo column (a JSON string or an object). */
function pointOf(row: Row): { x: number; y: number } | "other" | undefined {
  const raw = row.raw("geo");
  if (raw === undefined) return undefined;
  let geo: JsonValue | undefined = raw;
  if (typeof raw === "string") {
    try {
      geo = new JsonParser(raw).parse();
    } catch {
      row.fail("geo", "is not GeoJSON");
    }
  }
  if (!isObject(geo)) return row.fail("geo", "is not a GeoJSON object");
  const coordinates = Object.hasOwn(geo, "coordinates") ? geo.coordinates : undefined;
  if (geo.type !== "Point") return "other";
  const [x, y] = Array.isArray(coordinates) ? coordinates : [];
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
    return row.fail("geo", "a Point needs two finite coordinates");
  }
  return { x, y };
}

/** Bus rows become buses; positions come from the geo column or, in older files, bus_geodata. */
export function mapBuses(net: ParsedPandapower, ctx: Context): Bus[] {
  const geodata = new Map<number, { x: number; y: number }>();
  for (const row of rowsOf(net.frames.get("bus_geodata"))) {
    const [x, y] = [row.number("x"), row.number("y")];
    if (x !== undefined && y !== undefined) geodata.set(row.label, { x, y });
  }
  // The stored load-flow solution (res_bus, when runpp ran before to_json) is kept as the
  // buses' vm_pu/va_degree, as the MATPOWER importer keeps VM/VA: a warm start for the load
  // flow, and a solution to compare with.
  const solved = new Map<number, { vm_pu: number; va_degree: number }>();
  for (const row of rowsOf(net.frames.get("res_bus"))) {
    const [vm, va] = [row.number("vm_pu"), row.number("va_degree")];
    if (vm !== undefined && vm > 0 && va !== undefined) solved.set(row.label, { vm_pu: vm, va_degree: va });
  }
  let fromGeoColumn = 0;
  let otherGeometries = 0;
  const buses = rowsOf(net.frames.get("bus")).map((row): Bus => {
    const id = register(ctx, row);
    const vn_kv = row.requiredNumber("vn_kv");
    if (!(vn_kv > 0)) row.fail("vn_kv", "must be positive");
    ctx.busVoltage.set(id, vn_kv);
    const bus: Bus = { id, ...nameOf(row), vn_kv, in_service: row.boolean("in_service") ?? true };
    const point = pointOf(row);
    if (point === "other") otherGeometries++;
    const geo = point === "other" ? undefined : (point ?? geodata.get(row.label));
    if (point && point !== "other") fromGeoColumn++;
    if (geo) bus.geo = geo;
    const solution = solved.get(row.label);
    if (solution) Object.assign(bus, solution);
    return bus;
  });
  ctx.report.mapped("bus", "buses", buses.length);
  ctx.report.mapped("bus.geo", "buses.geo", fromGeoColumn);
  ctx.report.mapped(
    "res_bus vm_pu, va_degree (stored solution)",
    "buses.vm_pu, va_degree",
    buses.filter((b) => b.vm_pu !== undefined).length,
  );
  ctx.report.mapped("bus_geodata x/y", "buses.geo", buses.filter((b) => b.geo).length - fromGeoColumn);
  ctx.report.dropped("bus.geo other than Point", otherGeometries, "the document keeps one point per bus");
  return buses;
}
