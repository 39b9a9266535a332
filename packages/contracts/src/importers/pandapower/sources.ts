import { fictitiousResistanceRatio } from "../../network/generator-resistance.ts";
import type { ExternalGrid, Generator, Motor, StaticGenerator } from "../../network/index.ts";
import { busRef, type Context, idOf, nameOf, register } from "./context.ts";
import type { ParsedPandapower } from "./frames.ts";
import { type Row, rowsOf } from "./table.ts";

/** The row's value, or the default (reported under `field`) when the file has none. */
function orDefault(row: Row, column: string, fallback: number, field: string, why: string, ctx: Context) {
  const value = row.number(column);
  if (value !== undefined) return value;
  ctx.report.defaulted(field, fallback, why);
  return fallback;
}

function busVoltage(row: Row, bus: string, field: string, ctx: Context): number {
  const vn = row.number("vn_kv");
  if (vn !== undefined) return vn;
  const fromBus = ctx.busVoltage.get(bus);
  if (fromBus === undefined) return row.fail("bus", `unknown bus "${bus}"`);
  ctx.report.defaulted(field, "bus vn_kv", "no vn_kv: the bus's rated voltage");
  return fromBus;
}

/** p_mw (and q_mvar for sgen) times pandapower's scaling, as its load flow uses them. */
function setPoint(row: Row, ctx: Context, collection: string, id: string, withQ = false) {
  const p = row.number("p_mw");
  const q = withQ ? row.number("q_mvar") : undefined;
  const scaling = row.number("scaling") ?? 1;
  if (scaling !== 1 && (p !== undefined || q !== undefined))
    ctx.report.adjusted(`${collection}.p_mw`, id, "p_mw and q_mvar multiplied by scaling");
  return {
    ...(p !== undefined && { p_mw: p * scaling }),
    ...(q !== undefined && { q_mvar: q * scaling }),
  };
}

/** pandapower's min_q_mvar/max_q_mvar (enforced by runpp with enforce_q_lims). */
function reactiveLimits(row: Row) {
  const [min, max] = [row.number("min_q_mvar"), row.number("max_q_mvar")];
  return { ...(min !== undefined && { q_min_mvar: min }), ...(max !== undefined && { q_max_mvar: max }) };
}

function mapExternalGrid(row: Row, ctx: Context): ExternalGrid {
  const opt = ctx.options.external_grid;
  const why = "not in ext_grid (option external_grid)";
  const s_sc_max_mva = orDefault(
    row,
    "s_sc_max_mva",
    opt.s_sc_max_mva,
    "external_grids.s_sc_max_mva",
    why,
    ctx,
  );
  const minDefault = Math.min(opt.s_sc_min_mva, s_sc_max_mva);
  const s_sc_min_mva = orDefault(row, "s_sc_min_mva", minDefault, "external_grids.s_sc_min_mva", why, ctx);
  const rx_max = orDefault(row, "rx_max", opt.rx_max, "external_grids.rx_max", why, ctx);
  const rx_min = orDefault(row, "rx_min", opt.rx_min ?? rx_max, "external_grids.rx_min", why, ctx);
  return {
    id: register(ctx, row),
    ...nameOf(row),
    bus: busRef(row, "bus"),
    s_sc_max_mva,
    s_sc_min_mva,
    rx_max,
    rx_min,
    ...row.numbers(["x0x_max", "r0x0_max", "x0x_min", "r0x0_min", "vm_pu", "va_degree"] as const),
    in_service: row.boolean("in_service") ?? true,
  };
}

function mapGenerator(row: Row, ctx: Context): Generator {
  const opt = ctx.options.generator;
  const why = "not in gen (option generator)";
  const id = register(ctx, row);
  const bus = busRef(row, "bus");
  const vn_kv = busVoltage(row, bus, "generators.vn_kv", ctx);
  const cos_phi = orDefault(row, "cos_phi", opt.cos_phi, "generators.cos_phi", why, ctx);
  const p = row.number("p_mw") ?? 0;
  const snFallback = p > 0 ? p / cos_phi : opt.sn_mva;
  const sn_mva = orDefault(
    row,
    "sn_mva",
    snFallback,
    "generators.sn_mva",
    "no sn_mva: p_mw / cos_phi, else option generator.sn_mva",
    ctx,
  );
  const xdss_pu = orDefault(row, "xdss_pu", opt.xdss_pu, "generators.xdss_pu", why, ctx);
  const rx = opt.rx ?? fictitiousResistanceRatio(vn_kv, sn_mva);
  const rdssFallback = (rx * xdss_pu * vn_kv ** 2) / sn_mva;
  const rdss_ohm = orDefault(
    row,
    "rdss_ohm",
    rdssFallback,
    "generators.rdss_ohm",
    "R''/X''d from option generator.rx, else IEC 60909 RGf",
    ctx,
  );
  const gen: Generator = {
    id,
    ...nameOf(row),
    bus,
    sn_mva,
    vn_kv,
    xdss_pu,
    rdss_ohm,
    cos_phi,
    ...row.numbers(["x0_pu", "r0_ohm", "rn_ohm", "xn_ohm", "pg_percent", "vm_pu"] as const),
    ...setPoint(row, ctx, "generators", id),
    ...reactiveLimits(row),
    in_service: row.boolean("in_service") ?? true,
  };
  const unit = row.reference("power_station_trafo");
  if (unit !== undefined) gen.power_station_trafo = idOf("trafo", unit);
  return gen;
}

function mapStaticGenerator(row: Row, ctx: Context): StaticGenerator {
  const opt = ctx.options.static_generator;
  const p = Math.abs(row.number("p_mw") ?? 0);
  const sn_mva = orDefault(
    row,
    "sn_mva",
    p > 0 ? p : opt.sn_mva,
    "static_generators.sn_mva",
    "no sn_mva: |p_mw|, else option static_generator.sn_mva",
    ctx,
  );
  const id = register(ctx, row);
  return {
    id,
    ...nameOf(row),
    bus: busRef(row, "bus"),
    sn_mva,
    ...setPoint(row, ctx, "static_generators", id, true),
    k: orDefault(row, "k", opt.k, "static_generators.k", "not in sgen (option static_generator.k)", ctx),
    in_service: row.boolean("in_service") ?? true,
  };
}

function mapMotor(row: Row, ctx: Context): Motor {
  const opt = ctx.options.motor;
  const why = "not in motor (option motor)";
  const bus = busRef(row, "bus");
  const cosFallback = row.number("cos_phi") ?? opt.cos_phi_n;
  const etaFallback = row.number("efficiency_percent") ?? opt.efficiency_n_percent;
  return {
    id: register(ctx, row),
    ...nameOf(row),
    bus,
    pn_mech_mw: row.requiredNumber("pn_mech_mw"),
    vn_kv: busVoltage(row, bus, "motors.vn_kv", ctx),
    cos_phi_n: orDefault(
      row,
      "cos_phi_n",
      cosFallback,
      "motors.cos_phi_n",
      "no cos_phi_n: cos_phi, else option motor",
      ctx,
    ),
    efficiency_n_percent: orDefault(
      row,
      "efficiency_n_percent",
      etaFallback,
      "motors.efficiency_n_percent",
      "no efficiency_n_percent: efficiency_percent, else option motor",
      ctx,
    ),
    lrc_pu: orDefault(row, "lrc_pu", opt.lrc_pu, "motors.lrc_pu", why, ctx),
    rx: orDefault(row, "rx", opt.rx, "motors.rx", why, ctx),
    pole_pairs: orDefault(
      row,
      "pole_pairs",
      opt.pole_pairs,
      "motors.pole_pairs",
      "pandapower has no pole pairs (option motor.pole_pairs)",
      ctx,
    ),
    in_service: row.boolean("in_service") ?? true,
  };
}

/** ext_grid, gen, sgen and motor rows with their short-circuit data. */
export function mapSources(net: ParsedPandapower, ctx: Context) {
  const external_grids = rowsOf(net.frames.get("ext_grid")).map((row) => mapExternalGrid(row, ctx));
  const generators = rowsOf(net.frames.get("gen")).map((row) => mapGenerator(row, ctx));
  const sgenRows = rowsOf(net.frames.get("sgen"));
  const static_generators = sgenRows.map((row) => mapStaticGenerator(row, ctx));
  const motors = rowsOf(net.frames.get("motor")).map((row) => mapMotor(row, ctx));
  const { report } = ctx;
  report.mapped("ext_grid", "external_grids", external_grids.length);
  report.mapped("gen", "generators", generators.length);
  report.mapped("sgen", "static_generators", static_generators.length);
  report.mapped("motor", "motors", motors.length);
  report.mapped(
    "ext_grid vm_pu, va_degree",
    "external_grids.vm_pu, va_degree",
    external_grids.filter((g) => g.vm_pu !== undefined).length,
  );
  report.mapped(
    "gen p_mw, vm_pu, min_q_mvar, max_q_mvar",
    "generators.p_mw, vm_pu, q_min_mvar, q_max_mvar",
    generators.filter((g) => g.p_mw !== undefined || g.vm_pu !== undefined).length,
  );
  report.mapped(
    "sgen p_mw, q_mvar",
    "static_generators.p_mw, q_mvar",
    static_generators.filter((g) => g.p_mw !== undefined).length,
  );
  const slackGens = rowsOf(net.frames.get("gen")).filter((row) => row.boolean("slack") === true);
  report.dropped(
    "gen.slack",
    slackGens.length,
    "generators are PV buses; only external grids are slack buses",
  );
  const asynchronous = sgenRows.filter(
    (row) => (row.string("generator_type") ?? "current_source") !== "current_source",
  );
  report.dropped(
    "sgen.generator_type async / async_doubly_fed",
    asynchronous.length,
    "imported as current sources (k · I_n)",
  );
  const voltageSources = sgenRows.filter((row) => row.boolean("current_source") === false);
  report.dropped(
    "sgen.current_source = false",
    voltageSources.length,
    "imported as current sources (k · I_n)",
  );
  return { external_grids, generators, static_generators, motors };
}
