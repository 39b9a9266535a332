import type { Bus, Load, Shunt } from "../../network/index.ts";
import { busAt, type Context, key, named, register } from "./context.ts";
import type { ParsedRaw } from "./parse.ts";

/** Bus data: I, 'NAME', BASKV, IDE, AREA, ZONE, OWNER, VM, VA, NVHI, NVLO, EVHI, EVLO. */
export function mapBuses(raw: ParsedRaw, ctx: Context): Bus[] {
  const records = raw.sections.get("bus") ?? [];
  const buses = records.map((record): Bus => {
    const number = record.integer(0, "I", 0);
    if (number <= 0) record.fail("I", "must be a positive bus number");
    if (ctx.buses.has(number)) record.fail("I", `bus ${number} is defined twice`);
    const baskv = record.number(2, "BASKV", 0);
    if (baskv < 0) record.fail("BASKV", "must not be negative");
    const type = record.integer(3, "IDE", 1);
    if (type < 1 || type > 4) record.fail("IDE", "must be 1..4");
    const vn_kv = baskv > 0 ? baskv : ctx.options.default_vn_kv;
    if (baskv === 0) ctx.report.defaulted("buses.vn_kv", vn_kv, "BASKV is 0 (option default_vn_kv)");
    const id = register(ctx, key("bus", number), record);
    const in_service = type !== 4;
    const info = { id, number, vn_kv, type, in_service };
    ctx.buses.set(number, info);
    const name = record.text(1).trim();
    if (name !== "") ctx.busNames.set(name, ctx.busNames.has(name) ? "ambiguous" : info);
    return { id, ...named(name), vn_kv, in_service };
  });
  ctx.report.mapped("bus data", "buses", buses.length);
  ctx.report.dropped(
    "bus VM, VA, areas, zones, owners and voltage limits",
    buses.length,
    "power flow data, not used by IEC 60909",
  );
  return buses;
}

/**
 * Load data: I, ID, STATUS, AREA, ZONE, PL, QL, IP, IQ, YP, YQ, OWNER, SCALE, INTRPT. The
 * constant-current and constant-admittance parts are added at 1 pu voltage (YQ is positive for
 * capacitive load, so it is subtracted).
 */
export function mapLoads(raw: ParsedRaw, ctx: Context): Load[] {
  const loads = (raw.sections.get("load") ?? []).map((record): Load => {
    const bus = busAt(ctx, record, 0, "I");
    const id = register(ctx, key("load", bus.number, record.text(1, "1")), record);
    const [ip, iq, yp, yq] = [
      record.number(7, "IP", 0),
      record.number(8, "IQ", 0),
      record.number(9, "YP", 0),
      record.number(10, "YQ", 0),
    ];
    if (ip !== 0 || iq !== 0 || yp !== 0 || yq !== 0) {
      ctx.report.adjusted("loads.p_mw", id, "constant-current and -admittance parts added at 1 pu");
    }
    return {
      id,
      bus: bus.id,
      p_mw: record.number(5, "PL", 0) + ip + yp,
      q_mvar: record.number(6, "QL", 0) + iq - yq,
      in_service: record.integer(2, "STATUS", 1) !== 0,
    };
  });
  ctx.report.mapped("load data", "loads", loads.length);
  return loads;
}

/** Fixed shunt data (v32–v35): I, ID, STATUS, GL, BL (MW / Mvar at 1 pu; BL > 0 is capacitive). */
export function mapFixedShunts(raw: ParsedRaw, ctx: Context): Shunt[] {
  const shunts = (raw.sections.get("fixed shunt") ?? []).map((record): Shunt => {
    const bus = busAt(ctx, record, 0, "I");
    return {
      id: register(ctx, key("shunt", bus.number, record.text(1, "1")), record),
      bus: bus.id,
      p_mw: record.number(3, "GL", 0),
      q_mvar: -record.number(4, "BL", 0),
      vn_kv: bus.vn_kv,
      in_service: record.integer(2, "STATUS", 1) !== 0,
    };
  });
  ctx.report.mapped("fixed shunt data", "shunts", shunts.length);
  return shunts;
}

/**
 * Switched shunt data (items in versions.ts): the admittance switched in, BINIT (Mvar at 1 pu,
 * positive capacitive), becomes a fixed shunt; the blocks N1, B1 … and the voltage control are
 * power flow controls and are listed as dropped.
 */
export function mapSwitchedShunts(raw: ParsedRaw, ctx: Context): Shunt[] {
  const S = ctx.layout.switchedShunt;
  const records = raw.sections.get("switched shunt") ?? [];
  const shunts = records.map((record): Shunt => {
    const bus = busAt(ctx, record, S.I, "I");
    const sid = S.ID === undefined ? "1" : record.text(S.ID, "1");
    return {
      id: register(ctx, key("swshunt", bus.number, sid), record),
      bus: bus.id,
      p_mw: 0,
      q_mvar: -record.number(S.BINIT, "BINIT", 0),
      vn_kv: bus.vn_kv,
      in_service: record.integer(S.STAT, "STAT", 1) !== 0,
    };
  });
  ctx.report.mapped("switched shunt data, BINIT", "shunts", shunts.length);
  ctx.report.dropped(
    "switched shunt blocks and voltage control",
    shunts.length,
    "the admittance switched in (BINIT) is kept; switching is a power flow control",
  );
  return shunts;
}
