// Lines and transformers into the positive- and zero-sequence networks (IEC 60909-0 §6.2–6.4).

import type { Line, Transformer, Transformer3w } from "@ampflux/contracts";
import { add, type Cx, cx, fromShortCircuitVoltage, scale, sub } from "./complex.ts";
import type { BuildContext } from "./context.ts";
import { S_BASE_MVA } from "./model.ts";
import { unitFactor } from "./power-station-units.ts";
import { parseVectorGroup } from "./windings.ts";
import { zeroSequenceAssumption } from "./zero-sequence-assumptions.ts";

/** Resistance rise to the end temperature of the minimum case, IEC 60909-0 eq. (31). */
const resistanceAt = (r: number, endTempDegree: number) => r * (1 + 0.004 * (endTempDegree - 20));

/** A line's series impedance in ohm: per km times length, over its parallel systems. */
function lineOhm(line: Line, r: number, x: number, rFactor: number): Cx {
  // Eq. (31) is a conductor heating up; a negative R is a reduction equivalent, kept as given.
  return cx(
    ((r > 0 ? r * rFactor : r) * line.length_km) / line.parallel,
    (x * line.length_km) / line.parallel,
  );
}

const NO_LINE_ZERO_SEQUENCE = zeroSequenceAssumption(
  "lines",
  "x0_ohm_per_km",
  "no zero-sequence data: Z0 = 3·Z1 assumed",
);

export function addLine(ctx: BuildContext, line: Line, index: number): void {
  // ctx.terminal of both ends, looked up once per network.
  const from = ctx.lineEnds[2 * index] ?? -1;
  const to = ctx.lineEnds[2 * index + 1] ?? -1;
  if (!line.in_service || from < 0 || to < 0) return;
  const rFactor = ctx.isMax ? 1 : resistanceAt(1, line.endtemp_degree);
  const z1 = lineOhm(line, line.r_ohm_per_km, line.x_ohm_per_km, rFactor);
  ctx.noteBranchRx(z1);
  // Ends at different nominal voltages (a validation warning) keep the volts equal.
  const ratio = (ctx.model.baseKv[to] ?? 1) / (ctx.model.baseKv[from] ?? 1);
  const z1pu = ctx.perUnit(z1, to);
  ctx.model.positive.series.add(line.id, "line", from, to, z1pu.re, z1pu.im, ratio, 0);
  if (!ctx.zeroSequence) return;
  let z0: Cx;
  if (line.r0_ohm_per_km !== undefined && line.x0_ohm_per_km !== undefined) {
    z0 = lineOhm(line, line.r0_ohm_per_km, line.x0_ohm_per_km, rFactor);
  } else {
    z0 = scale(z1, 3);
    ctx.zeroSequenceAssumed.add(NO_LINE_ZERO_SEQUENCE, index);
  }
  const z0pu = ctx.perUnit(z0, to);
  ctx.model.zero.series.add(line.id, "line", from, to, z0pu.re, z0pu.im, ratio, 0);
}

/** Without a vector group a two-winding transformer is taken as Dyn5, the distribution standard. */
const DEFAULT_VECTOR_GROUP = "Dyn5";
const NO_VECTOR_GROUP = zeroSequenceAssumption(
  "transformers",
  "vector_group",
  `not given: ${DEFAULT_VECTOR_GROUP} assumed`,
);
const NO_VECTOR_GROUP_3W = zeroSequenceAssumption(
  "transformers3w",
  "vector_group",
  "not given: YNyn0d5 assumed",
);

export function addTransformer(ctx: BuildContext, t: Transformer, index: number): void {
  const hv = ctx.terminal(t.id, t.hv_bus);
  const lv = ctx.terminal(t.id, t.lv_bus);
  if (!t.in_service || hv === undefined || lv === undefined) return;
  const kv = ctx.model.baseKv;
  const hvKv = kv[hv] ?? 1;
  const lvKv = kv[lv] ?? 1;
  const rated = fromShortCircuitVoltage(t.vk_percent, t.vkr_percent);
  const gen = ctx.unitGenerators.get(t.id);
  // Network transformers: K_T with c_max of the LV side's network (eq. 12a).
  const k = gen ? unitFactor(ctx, t, gen, hvKv) : ctx.factors.kT(ctx.cMax(lvKv), rated.im);
  if (!gen)
    ctx.model.transformerFactors.push({
      element: t.id,
      name: "K_T",
      value: k,
      clause: "IEC 60909-0:2016 §6.3.3, eq. (12a)",
    });
  // Impedance on the LV side in per unit of the system base, ideal ratio on the HV side.
  const onLv = (z: Cx) => scale(z, (k * (S_BASE_MVA / t.sn_mva) * (t.vn_lv_kv / lvKv) ** 2) / t.parallel);
  const ratio = t.vn_hv_kv / hvKv / (t.vn_lv_kv / lvKv);
  const groupGiven = t.vector_group !== undefined;
  const windings = parseVectorGroup(t.vector_group ?? DEFAULT_VECTOR_GROUP);
  const shiftDeg = groupGiven ? (windings.shiftDeg[0] ?? 0) : t.shift_degree;
  ctx.noteBranchRx(rated);
  ctx.model.positive.series.push({
    id: t.id,
    kind: "transformer",
    from: hv,
    to: lv,
    z: onLv(rated),
    ratio,
    shiftDeg,
  });
  if (!ctx.zeroSequence) return;
  if (!groupGiven) {
    ctx.zeroSequenceAssumed.add(NO_VECTOR_GROUP, index);
  }
  const z0 = onLv(fromShortCircuitVoltage(t.vk0_percent ?? t.vk_percent, t.vkr0_percent ?? t.vkr_percent));
  // 3·Z_N of the neutral earthing impedance, without K_T (IEC 60909-0:2016 §6.3).
  const neutral = (node: number) => ctx.perUnit(cx(3 * (t.rn_ohm ?? 0), 3 * (t.xn_ohm ?? 0)), node);
  const [hvConn, lvConn] = windings.zero;
  const zero = ctx.model.zero;
  const hvShunt = () =>
    zero.shunts.push({ id: t.id, node: hv, z: add(scale(z0, ratio * ratio), neutral(hv)), feeds: false });
  const lvShunt = () => zero.shunts.push({ id: t.id, node: lv, z: add(z0, neutral(lv)), feeds: false });
  if (hvConn === "earthed-star" && lvConn === "earthed-star") {
    zero.series.push({ id: t.id, kind: "transformer", from: hv, to: lv, z: z0, ratio, shiftDeg: 0 });
    return;
  }
  // A zig-zag winding earths its own side whatever the other winding is (windings.ts).
  if (hvConn === "earthed-zigzag" || (hvConn === "earthed-star" && lvConn === "delta")) hvShunt();
  if (lvConn === "earthed-zigzag" || (hvConn === "delta" && lvConn === "earthed-star")) lvShunt();
}

const WINDINGS = ["hv", "mv", "lv"] as const;

/**
 * Star equivalent of the three pair impedances, each corrected with its own K_T (eq. 13) and
 * referred to the system base: Z_A = (Z_AB + Z_AC − Z_BC)/2 and cyclically. The star point is
 * a node at rated voltage; each winding joins it through its rated ratio.
 */
export function addTransformer3w(ctx: BuildContext, t: Transformer3w, index: number): void {
  if (!t.in_service) return;
  const kv = ctx.model.baseKv;
  const nodes = WINDINGS.map((w) => ctx.terminal(t.id, t[`${w}_bus`]));
  const busKv = WINDINGS.map((w, i) => {
    const node = nodes[i];
    return node === undefined ? t[`vn_${w}_kv`] : (kv[node] ?? 1);
  });
  const lowerKv = (a: number, b: number) => Math.min(busKv[a] ?? 1, busKv[b] ?? 1);
  // pandapower convention: vk_hv is HV–MV, vk_mv is MV–LV, vk_lv is HV–LV, on the smaller rating.
  const pairs = [
    { vk: "hv", a: 0, b: 1 },
    { vk: "mv", a: 1, b: 2 },
    { vk: "lv", a: 0, b: 2 },
  ] as const;
  const sn = [t.sn_hv_mva, t.sn_mv_mva, t.sn_lv_mva];
  const pairImpedances = (zero: boolean) =>
    pairs.map(({ vk, a, b }) => {
      const rated = fromShortCircuitVoltage(t[`vk_${vk}_percent`], t[`vkr_${vk}_percent`]);
      const z = zero
        ? fromShortCircuitVoltage(
            t[`vk0_${vk}_percent`] ?? t[`vk_${vk}_percent`],
            t[`vkr0_${vk}_percent`] ?? t[`vkr_${vk}_percent`],
          )
        : rated;
      if (!zero) ctx.noteBranchRx(rated);
      const sPair = Math.min(sn[a] ?? 1, sn[b] ?? 1);
      const kT = ctx.factors.kT(ctx.cMax(lowerKv(a, b)), rated.im);
      if (!zero)
        ctx.model.transformerFactors.push({
          element: `${t.id} (${WINDINGS[a]}–${WINDINGS[b]})`,
          name: "K_T",
          value: kT,
          clause: "IEC 60909-0:2016 §6.3.3, eq. (13) (per winding pair)",
        });
      return scale(z, (kT * S_BASE_MVA) / sPair);
    });
  const star = (z: Cx[]) => {
    const [ab = cx(0, 0), bc = cx(0, 0), ac = cx(0, 0)] = z;
    return [
      scale(sub(add(ab, ac), bc), 0.5),
      scale(sub(add(ab, bc), ac), 0.5),
      scale(sub(add(ac, bc), ab), 0.5),
    ];
  };
  const center = ctx.addNode(t.vn_hv_kv, t.id);
  const groupGiven = t.vector_group !== undefined;
  const windings = parseVectorGroup(t.vector_group ?? "YNyn0d5");
  if (!groupGiven && ctx.zeroSequence) {
    ctx.zeroSequenceAssumed.add(NO_VECTOR_GROUP_3W, index);
  }
  const shifts = [
    0,
    groupGiven ? (windings.shiftDeg[0] ?? 0) : t.shift_mv_degree,
    groupGiven ? (windings.shiftDeg[1] ?? 0) : t.shift_lv_degree,
  ];
  const positive = star(pairImpedances(false));
  const zero = ctx.zeroSequence ? star(pairImpedances(true)) : [];
  WINDINGS.forEach((w, i) => {
    const node = nodes[i];
    // Without the zero sequence, every winding is open in it.
    const connection = ctx.zeroSequence ? (windings.zero[i] ?? "open") : "open";
    // A delta winding closes the zero-sequence path at the star point whether or not its bus is live.
    if (connection === "delta")
      ctx.model.zero.shunts.push({ node: center, z: zero[i] ?? cx(0, 0), feeds: false });
    if (node === undefined) return;
    // A zig-zag winding earths its bus through its own branch of the star, without the star point.
    if (connection === "earthed-zigzag")
      ctx.model.zero.shunts.push({ id: t.id, node, z: zero[i] ?? cx(0, 0), feeds: false });
    const winding = {
      id: t.id,
      kind: "transformer3w" as const,
      from: node,
      to: center,
      ratio: t[`vn_${w}_kv`] / (busKv[i] ?? 1),
    };
    // The winding's voltage lags HV by its shift, so V_bus / V_star = t∠−shift.
    ctx.model.positive.series.push({ ...winding, z: positive[i] ?? cx(0, 0), shiftDeg: -(shifts[i] ?? 0) });
    if (connection === "earthed-star")
      ctx.model.zero.series.push({ ...winding, z: zero[i] ?? cx(0, 0), shiftDeg: 0 });
  });
}
