import type { Transformer, Transformer3w } from "../../network/index.ts";
import { offNominalTap } from "../tap.ts";
import { importedVectorGroup } from "../vector-group.ts";
import { type BusInfo, busAt, type Context, key, named, register } from "./context.ts";
import type { ParsedRaw, TransformerRecords } from "./parse.ts";
import type { RawRecord } from "./records.ts";
import { code, type PairItems, pairBase, pairImpedance, readWinding, type Winding } from "./windings.ts";

/** Transformer record 1 items (version 33), zero-based. */
const T = { I: 0, J: 1, K: 2, CKT: 3, CW: 4, CZ: 5, MAG1: 7, MAG2: 8, NAME: 10, STAT: 11, VECGRP: 20 };
/** Record 2 items of each winding pair, in PSS/E's order 1-2, 2-3, 3-1. */
const PAIRS: readonly PairItems[] = [
  { r: 0, x: 1, base: 2, name: "1-2" },
  { r: 3, x: 4, base: 5, name: "2-3" },
  { r: 6, x: 7, base: 8, name: "3-1" },
];
const SIDES = ["hv", "mv", "lv"] as const;
/** A ratio this close to 1 is nominal (PSS/E writes five decimals). */
const NOMINAL = 1e-9;

/** Status and the CW/CZ codes of record 1; STAT 2–4 (one winding out) is taken as in service. */
function common(first: RawRecord, id: string, field: string, ctx: Context) {
  const status = first.integer(T.STAT, "STAT", 1);
  if (status < 0 || status > 4) first.fail("STAT", "must be 0..4");
  if (status > 1)
    ctx.report.adjusted(`${field}.in_service`, id, "one winding out (STAT 2-4): taken in service");
  return { cw: code(first, T.CW, "CW"), cz: code(first, T.CZ, "CZ"), in_service: status !== 0 };
}

function vectorGroup(first: RawRecord, id: string, shifts: number[], field: string, ctx: Context) {
  const missing = "no VECGRP: only balanced faults";
  return importedVectorGroup(first.item(T.VECGRP), shifts, { id, field, report: ctx.report, missing });
}

/** Windings sorted by rated voltage, highest first (stable, so equal voltages keep PSS/E's order). */
function byVoltage(windings: Winding[]): number[] {
  return windings.map((_, i) => i).sort((a, b) => (windings[b]?.vn_kv ?? 0) - (windings[a]?.vn_kv ?? 0));
}

/**
 * Two-winding transformer. Its rating is SBASE1-2; the tap WINDV1/WINDV2 (relative to the rated
 * voltages) sits on winding 1, and ANG1 is the angle by which winding 1 leads winding 2.
 */
function mapTwoWinding(records: TransformerRecords, ctx: Context): Transformer {
  const [first, impedance, record3, record4] = records as [RawRecord, RawRecord, RawRecord, RawRecord];
  const from = busAt(ctx, first, T.I, "I");
  const to = busAt(ctx, first, T.J, "J");
  const id = register(ctx, key("trafo", from.number, to.number, first.text(T.CKT, "1")), first);
  const { cw, cz, in_service } = common(first, id, "transformers", ctx);
  const w1 = readWinding(record3, from, cw);
  const w2 = readWinding(record4, to, cw);
  const hvFirst = w1.vn_kv >= w2.vn_kv;
  const [hv, lv] = hvFirst ? [w1, w2] : [w2, w1];
  const sn_mva = pairBase(impedance, PAIRS[0] as PairItems, ctx);
  const { vk, vkr } = pairImpedance(impedance, PAIRS[0] as PairItems, w1, sn_mva, cz, id, ctx);
  const shift_degree = hv.angle - lv.angle;
  const ratio = w1.ratio / w2.ratio;
  return {
    id,
    ...named(first.text(T.NAME)),
    hv_bus: hv.bus.id,
    lv_bus: lv.bus.id,
    sn_mva,
    vn_hv_kv: hv.vn_kv,
    vn_lv_kv: lv.vn_kv,
    vk_percent: vk,
    vkr_percent: vkr,
    ...vectorGroup(first, id, [shift_degree], "transformers", ctx),
    shift_degree,
    ...(Math.abs(ratio - 1) > NOMINAL ? offNominalTap(ratio, hvFirst ? "hv" : "lv") : {}),
    parallel: 1,
    power_station_unit: false,
    in_service,
  };
}

/**
 * Three-winding transformer. Each pair impedance is rescaled from its own base SBASEij to the
 * smaller rating of its two windings, a winding's rating being the larger base of its two pairs.
 * The document has one tap, so the winding furthest off nominal keeps its ratio.
 */
function mapThreeWinding(records: TransformerRecords, ctx: Context): Transformer3w {
  const [first, impedance, ...windingRecords] = records as [RawRecord, RawRecord, ...RawRecord[]];
  const buses = [busAt(ctx, first, T.I, "I"), busAt(ctx, first, T.J, "J"), busAt(ctx, first, T.K, "K")];
  const [b1, b2, b3] = buses.map((b) => b.number);
  const id = register(ctx, key("trafo3w", b1 ?? 0, b2 ?? 0, b3 ?? 0, first.text(T.CKT, "1")), first);
  const { cw, cz, in_service } = common(first, id, "transformers3w", ctx);
  const windings = windingRecords.map((record, i) => readWinding(record, buses[i] as BusInfo, cw));
  const order = byVoltage(windings);
  const bases = PAIRS.map((pair) => pairBase(impedance, pair, ctx));
  const sn = [0, 1, 2].map((w) => Math.max(bases[w] ?? 0, bases[(w + 2) % 3] ?? 0));
  ctx.report.defaulted(
    "transformers3w.sn_*_mva",
    "larger SBASE of the winding's pairs",
    "PSS/E rates pairs only",
  );
  /** PSS/E pair p joins windings p and p + 1; the document's pairs are hv-mv, mv-lv, hv-lv. */
  const pair = (a: number, b: number) => {
    const p = (b - a + 3) % 3 === 1 ? a : b;
    const lower = Math.min(sn[a] ?? 0, sn[b] ?? 0);
    const w = windings[p] as Winding;
    return pairImpedance(impedance, PAIRS[p] as PairItems, w, lower, cz, id, ctx);
  };
  const [h, m, l] = order as [number, number, number];
  const [hm, ml, hl] = [pair(h, m), pair(m, l), pair(h, l)];
  const [hv, mv, lv] = [windings[h], windings[m], windings[l]] as [Winding, Winding, Winding];
  const shifts = [hv.angle - mv.angle, hv.angle - lv.angle];
  const offNominal = order
    .map((w, side) => ({ side: SIDES[side] ?? "hv", ratio: windings[w]?.ratio ?? 1 }))
    .filter((t) => Math.abs(t.ratio - 1) > NOMINAL)
    .sort((a, b) => Math.abs(b.ratio - 1) - Math.abs(a.ratio - 1));
  if (offNominal.length > 1)
    ctx.report.adjusted("transformers3w.tap_pos", id, "one tap per transformer: smaller ratios dropped");
  const tap = offNominal[0];
  return {
    id,
    ...named(first.text(T.NAME)),
    hv_bus: hv.bus.id,
    mv_bus: mv.bus.id,
    lv_bus: lv.bus.id,
    sn_hv_mva: sn[h] ?? 0,
    sn_mv_mva: sn[m] ?? 0,
    sn_lv_mva: sn[l] ?? 0,
    vn_hv_kv: hv.vn_kv,
    vn_mv_kv: mv.vn_kv,
    vn_lv_kv: lv.vn_kv,
    vk_hv_percent: hm.vk,
    vk_mv_percent: ml.vk,
    vk_lv_percent: hl.vk,
    vkr_hv_percent: hm.vkr,
    vkr_mv_percent: ml.vkr,
    vkr_lv_percent: hl.vkr,
    ...vectorGroup(first, id, shifts, "transformers3w", ctx),
    shift_mv_degree: shifts[0] ?? 0,
    shift_lv_degree: shifts[1] ?? 0,
    ...(tap ? offNominalTap(tap.ratio, tap.side) : {}),
    in_service,
  };
}

/**
 * Transformer data: four records for two windings (K = 0), five for three. The magnetising
 * admittance (MAG1, MAG2) and the star point voltage (VMSTAR, ANSTAR) are dropped: IEC 60909
 * neglects the one and the other is a power flow result.
 */
export function mapTransformers(raw: ParsedRaw, ctx: Context) {
  const transformers: Transformer[] = [];
  const transformers3w: Transformer3w[] = [];
  let magnetised = 0;
  for (const records of raw.transformers) {
    const [first] = records as [RawRecord];
    if (first.number(T.MAG1, "MAG1", 0) !== 0 || first.number(T.MAG2, "MAG2", 0) !== 0) magnetised++;
    if (records.length === 5) transformers3w.push(mapThreeWinding(records, ctx));
    else transformers.push(mapTwoWinding(records, ctx));
  }
  const { report } = ctx;
  report.mapped("two-winding transformer data", "transformers", transformers.length);
  report.mapped("three-winding transformer data", "transformers3w", transformers3w.length);
  report.dropped("transformer MAG1, MAG2", magnetised, "IEC 60909 neglects the magnetising branch");
  report.dropped(
    "transformer controls, ratings and impedance correction tables",
    raw.transformers.length,
    "power flow data, not used by IEC 60909",
  );
  return { transformers, transformers3w };
}
