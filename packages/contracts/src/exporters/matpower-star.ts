import type { NetworkDocument, Transformer3w } from "../network/index.ts";
import { labelOf } from "./labels.ts";
import { BASE_MVA, openEnds, tapRatio } from "./matpower-rows.ts";

type Row = number[];
const WINDINGS = ["hv", "mv", "lv"] as const;
type Winding = (typeof WINDINGS)[number];

/** A pair's r and x in pu on the system base, from percent on the smaller rating of the pair. */
function pair(t: Transformer3w, vk: number, vkr: number, a: Winding, b: Winding, hvRatio: number) {
  const scale = ((BASE_MVA / Math.min(t[`sn_${a}_mva`], t[`sn_${b}_mva`])) * hvRatio ** 2) / 100;
  return { r: vkr * scale, x: Math.sqrt(Math.max(vk ** 2 - vkr ** 2, 0)) * scale };
}

/**
 * MATPOWER has no three-winding transformer, so each becomes the usual star equivalent: a star
 * bus at the HV bus voltage, numbered after every other bus, and one branch per winding with
 * z_hv = (z_hv-mv + z_hv-lv − z_mv-lv) / 2 and so on. The HV branch carries an HV tap; the MV
 * and LV branches run from the star bus and carry their winding's ratio and phase shift.
 */
export function starEquivalents(doc: NetworkDocument, numbers: ReadonlyMap<string, number>) {
  const voltage = new Map(doc.buses.map((bus) => [bus.id, bus.vn_kv]));
  const open = openEnds(doc);
  let next = Math.max(0, ...numbers.values());
  const buses: Row[] = [];
  const branches: [string, Row][] = [];
  for (const t of doc.transformers3w) {
    const star = ++next;
    const ratio = (w: Winding) => t[`vn_${w}_kv`] / (voltage.get(t[`${w}_bus`]) ?? t[`vn_${w}_kv`]);
    const hvRatio = ratio("hv");
    buses.push([
      star,
      t.in_service ? 1 : 4,
      0,
      0,
      0,
      0,
      1,
      1,
      0,
      voltage.get(t.hv_bus) ?? t.vn_hv_kv,
      1,
      1.1,
      0.9,
    ]);
    const hm = pair(t, t.vk_hv_percent, t.vkr_hv_percent, "hv", "mv", hvRatio);
    const ml = pair(t, t.vk_mv_percent, t.vkr_mv_percent, "mv", "lv", hvRatio);
    const hl = pair(t, t.vk_lv_percent, t.vkr_lv_percent, "hv", "lv", hvRatio);
    const z = {
      hv: { r: (hm.r + hl.r - ml.r) / 2, x: (hm.x + hl.x - ml.x) / 2 },
      mv: { r: (hm.r + ml.r - hl.r) / 2, x: (hm.x + ml.x - hl.x) / 2 },
      lv: { r: (hl.r + ml.r - hm.r) / 2, x: (hl.x + ml.x - hm.x) / 2 },
    };
    const tap = (w: Winding) => (t.tap_side === w ? tapRatio(t) : 1) * ratio(w);
    const shift = { hv: 0, mv: t.shift_mv_degree, lv: t.shift_lv_degree };
    for (const w of WINDINGS) {
      const bus = labelOf(numbers, t[`${w}_bus`]);
      const status = t.in_service && !open.has(`${t.id}\n${t[`${w}_bus`]}`) ? 1 : 0;
      const [from, to, ratioFrom] = w === "hv" ? [bus, star, tap(w)] : [star, bus, 1 / tap(w)];
      const row = [from, to, z[w].r, z[w].x, 0, t[`sn_${w}_mva`], 0, 0, ratioFrom, shift[w], status];
      branches.push([`${t.id}_${w}`, row]);
    }
  }
  return { buses, branches };
}
