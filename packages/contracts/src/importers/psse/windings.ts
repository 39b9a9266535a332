import type { BusInfo, Context } from "./context.ts";
import type { RawRecord } from "./records.ts";

/** One winding of a transformer as the document needs it: rated voltage and off-nominal ratio. */
export interface Winding {
  bus: BusInfo;
  /** Rated voltage NOMV, else the bus base voltage. */
  vn_kv: number;
  /** Winding voltage over its rated voltage (1 = nominal). */
  ratio: number;
  /** ANG: the angle by which this winding's voltage leads, in degrees. */
  angle: number;
}

/** Winding record items (version 33), zero-based: WINDV, NOMV, ANG. */
const W = { WINDV: 0, NOMV: 1, ANG: 2 } as const;

/**
 * Reads WINDV, NOMV and ANG of one winding. CW says how WINDV is given: 1 in pu of the bus base
 * voltage, 2 in kV, 3 in pu of NOMV. NOMV 0 means the bus base voltage.
 */
export function readWinding(record: RawRecord, bus: BusInfo, cw: number): Winding {
  const nomv = record.number(W.NOMV, "NOMV", 0);
  if (nomv < 0) record.fail("NOMV", "must not be negative");
  const vn_kv = nomv > 0 ? nomv : bus.vn_kv;
  const windv = record.number(W.WINDV, "WINDV", cw === 2 ? vn_kv : 1);
  if (!(windv > 0)) record.fail("WINDV", "must be positive");
  const kv = cw === 2 ? windv : cw === 3 ? windv * vn_kv : windv * bus.vn_kv;
  return { bus, vn_kv, ratio: kv / vn_kv, angle: record.number(W.ANG, "ANG", 0) };
}

/** CW and CZ must be one of PSS/E's codes 1–3. */
export function code(record: RawRecord, index: number, name: string): number {
  const value = record.integer(index, name, 1);
  if (value < 1 || value > 3) record.fail(name, "must be 1, 2 or 3");
  return value;
}

/** Where a winding pair's items sit in transformer record 2, e.g. R1-2, X1-2, SBASE1-2. */
export interface PairItems {
  r: number;
  x: number;
  base: number;
  name: string;
}

/** The pair's own MVA base SBASEij (default SBASE). */
export function pairBase(record: RawRecord, at: PairItems, ctx: Context): number {
  const base = record.number(at.base, `SBASE${at.name}`, ctx.sbase);
  if (!(base > 0)) record.fail(`SBASE${at.name}`, "must be positive");
  return base;
}

/**
 * A winding pair's impedance R + jX as percent on `sn_mva` and the windings' rated voltages.
 * CZ 1: pu on SBASE and the bus base voltage of `first`; CZ 2: pu on SBASEij and the rated
 * voltage; CZ 3: R is the load loss in W and X the impedance magnitude in pu on SBASEij.
 */
export function pairImpedance(
  record: RawRecord,
  at: PairItems,
  first: Winding,
  sn_mva: number,
  cz: number,
  id: string,
  ctx: Context,
): { vk: number; vkr: number } {
  const r = record.number(at.r, `R${at.name}`, 0);
  const x = record.required(at.x, `X${at.name}`);
  const base = pairBase(record, at, ctx);
  let vk: number;
  let vkr: number;
  if (cz === 1) {
    const scale = (sn_mva / ctx.sbase) * (first.bus.vn_kv / first.vn_kv) ** 2 * 100;
    [vk, vkr] = [Math.hypot(r, x) * scale, r * scale];
  } else if (cz === 2) {
    const scale = (sn_mva / base) * 100;
    [vk, vkr] = [Math.hypot(r, x) * scale, r * scale];
  } else {
    // The load loss over the pair's rating is the resistive voltage drop in pu.
    const scale = (sn_mva / base) * 100;
    [vk, vkr] = [Math.abs(x) * scale, (r / 1e6 / base) * scale];
  }
  if (!(vk > 0)) record.fail(`X${at.name}`, "the winding impedance must not be zero");
  if (r < 0) ctx.report.adjusted("transformers.vkr_percent", id, `negative R${at.name} set to 0`);
  return { vk, vkr: Math.max(vkr, 0) };
}
