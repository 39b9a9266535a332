import type { NetworkDocument, Transformer, Transformer3w } from "../network/index.ts";
import { labelOf } from "./labels.ts";
import { tapRatio } from "./matpower-rows.ts";
import { type Identifiers, orderFromId, quoted } from "./psse-ids.ts";

/** A number as PSS/E reads it back exactly (shortest round-trip form). */
export const num = (n: number) => String(Number.isFinite(n) ? n : 0);

/**
 * Transformer record 1 (v33): I, J, K, CKT, CW, CZ, CM, MAG1, MAG2, NMETR, 'NAME', STAT, O1, F1
 * … O4, F4, 'VECGRP'. CW 3 (WINDV in pu of NOMV), CZ 2 (impedances in pu on SBASEij and the
 * rated voltages), CM 1.
 */
function record1(
  buses: number[],
  ckt: string,
  t: { name?: string | undefined; vector_group?: string | undefined },
  stat: number,
) {
  const [i, j, k = 0] = buses;
  const vg = t.vector_group ? `,${quoted(t.vector_group)}` : "";
  return `${i}, ${j}, ${k},${quoted(ckt, 2)}, 3, 2, 1, 0.0, 0.0, 2,${quoted(t.name)}, ${stat}, 1, 1.0, 0, 1.0, 0, 1.0, 0, 1.0${vg}`;
}

/** Winding record (v33): WINDV, NOMV, ANG, RATA, RATB, RATC, COD, CONT, RMA, RMI, VMA, VMI, NTP, TAB, CR, CX, CNXA. */
function winding(windv: number, nomv: number, angle: number, rate: number) {
  return `${num(windv)}, ${num(nomv)}, ${num(angle)}, ${num(rate)}, 0.0, 0.0, 0, 0, 1.1, 0.9, 1.1, 0.9, 33, 0, 0.0, 0.0, 0.0`;
}

/** R and X in pu on the pair's base from vk and vkr in percent on the same base. */
function pair(vk: number, vkr: number) {
  return [num(vkr / 100), num(Math.sqrt(Math.max(vk ** 2 - vkr ** 2, 0)) / 100)];
}

/**
 * A two-winding transformer: winding 1 is the bus an importer-written id names first, else the
 * tap side, else HV, so that a case read from PSS/E goes back with its own winding order and the
 * ratio on winding 1. The phase shift (LV lagging HV) is ANG1 (record 4 has no angle).
 */
export function twoWinding(
  t: Transformer,
  numbers: ReadonlyMap<string, number>,
  ids: Identifiers,
  stat: number,
) {
  const hv = labelOf(numbers, t.hv_bus);
  const lv = labelOf(numbers, t.lv_bus);
  const tapBus = t.tap_side === "lv" ? lv : hv;
  const order =
    orderFromId(t.id, "trafo", [hv, lv]) ?? (t.tap_side ? [tapBus, tapBus === hv ? lv : hv] : [hv, lv]);
  const ckt = ids.next(t.id, "trafo", order);
  const sn = t.sn_mva * t.parallel;
  const ratio = tapRatio(t);
  const side = (bus: number) => ({
    vn: bus === hv ? t.vn_hv_kv : t.vn_lv_kv,
    windv: bus === tapBus ? ratio : 1,
    angle: bus === hv ? t.shift_degree : 0,
  });
  const [w1, w2] = order.map(side) as [ReturnType<typeof side>, ReturnType<typeof side>];
  return {
    order,
    ckt,
    lines: [
      record1(order, ckt, t, stat),
      `${pair(t.vk_percent, t.vkr_percent).join(", ")}, ${num(sn)}`,
      winding(w1.windv, w1.vn, w1.angle - w2.angle, sn),
      `${num(w2.windv)}, ${num(w2.vn)}`,
    ],
  };
}

const SIDES = ["hv", "mv", "lv"] as const;
type Side = (typeof SIDES)[number];

/** The document's pair between two sides: hv-mv is vk_hv, mv-lv vk_mv, hv-lv vk_lv. */
function docPair(t: Transformer3w, a: Side, b: Side) {
  const key = a !== "hv" && b !== "hv" ? "mv" : a !== "lv" && b !== "lv" ? "hv" : "lv";
  return { vk: t[`vk_${key}_percent`], vkr: t[`vkr_${key}_percent`] };
}

/**
 * A three-winding transformer (five records). Pair i-j's base SBASEij is the smaller rating of
 * its two windings, the base the document's vk values refer to; the importer takes a winding's
 * rating as the larger base of its pairs, so a case read from PSS/E goes back unchanged.
 */
export function threeWinding(
  t: Transformer3w,
  numbers: ReadonlyMap<string, number>,
  ids: Identifiers,
  stat: number,
) {
  const bus: Record<Side, number> = {
    hv: labelOf(numbers, t.hv_bus),
    mv: labelOf(numbers, t.mv_bus),
    lv: labelOf(numbers, t.lv_bus),
  };
  const byBus = new Map(SIDES.map((s) => [bus[s], s]));
  const order =
    orderFromId(
      t.id,
      "trafo3w",
      SIDES.map((s) => bus[s]),
    ) ?? SIDES.map((s) => bus[s]);
  const sides = order.map((n) => byBus.get(n) ?? "hv");
  const ckt = ids.next(t.id, "trafo3w", order);
  const sn: Record<Side, number> = { hv: t.sn_hv_mva, mv: t.sn_mv_mva, lv: t.sn_lv_mva };
  const vn: Record<Side, number> = { hv: t.vn_hv_kv, mv: t.vn_mv_kv, lv: t.vn_lv_kv };
  const angle: Record<Side, number> = { hv: 0, mv: -t.shift_mv_degree, lv: -t.shift_lv_degree };
  const pairs = [0, 1, 2].map((p) => {
    const [a, b] = [sides[p] ?? "hv", sides[(p + 1) % 3] ?? "hv"];
    const { vk, vkr } = docPair(t, a, b);
    return [...pair(vk, vkr), num(Math.min(sn[a], sn[b]))].join(", ");
  });
  const ratio = tapRatio(t);
  const windings = sides.map((s) => winding(s === t.tap_side ? ratio : 1, vn[s], angle[s], sn[s]));
  return [record1(order, ckt, t, stat), `${pairs.join(", ")}, 1.0, 0.0`, ...windings];
}

/** Winding connection code CC of .seq zero sequence transformer data for winding 1's and 2's letters. */
const CC: Record<string, number> = { "YN yn": 1, "YN d": 2, "D yn": 3, "Y d": 4 };

/**
 * Zero sequence transformer data (v33) of a two-winding transformer with zero sequence data and
 * a vector group the connection codes 1-4 describe: I, J, K, ICKT, CZ0 2, CZG 2, CC, RG1, XG1,
 * R01, X01, RG2, XG2, R02, X02, RNUTRL, XNUTRL; impedances in pu on the winding base.
 */
export function zeroSequenceTransformer(
  t: Transformer,
  order: number[],
  ckt: string,
  hvBus: number,
): string | undefined {
  if (t.vk0_percent === undefined && t.xn_ohm === undefined && t.rn_ohm === undefined) return undefined;
  const letters = /^(YN|Y|D|Z|ZN)(yn|y|d|z|zn)/.exec(t.vector_group ?? "");
  if (!letters) return undefined;
  const [hvL, lvL] = [letters[1] ?? "", letters[2] ?? ""];
  const w1IsHv = order[0] === hvBus;
  const cc = CC[w1IsHv ? `${hvL} ${lvL}` : `${lvL.toUpperCase()} ${hvL.toLowerCase()}`];
  if (cc === undefined) return undefined;
  const vk0 = (t.vk0_percent ?? 0) / 100;
  const vkr0 = (t.vkr0_percent ?? 0) / 100;
  const x0 = Math.sqrt(Math.max(vk0 ** 2 - vkr0 ** 2, 0));
  const earthedHv = hvL === "YN";
  const zBase = (earthedHv ? t.vn_hv_kv : t.vn_lv_kv) ** 2 / t.sn_mva;
  const xg = (t.xn_ohm ?? 0) / zBase;
  const rg = (t.rn_ohm ?? 0) / zBase;
  const onW1 = earthedHv === w1IsHv;
  const [rg1, xg1, rg2, xg2] = onW1 ? [rg, xg, 0, 0] : [0, 0, rg, xg];
  return `${order[0]}, ${order[1]}, 0,${quoted(ckt, 2)}, 2, 2, ${cc}, ${num(rg1)}, ${num(xg1)}, ${num(vkr0)}, ${num(x0)}, ${num(rg2)}, ${num(xg2)}, 0.0, 0.0, 0.0, 0.0`;
}

export type { NetworkDocument };
