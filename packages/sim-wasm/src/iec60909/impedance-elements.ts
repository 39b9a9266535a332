// Series impedances (pandapower's impedance element, current-limiting reactors) and earthing
// transformers into the sequence networks. Neither takes a correction factor: K_T and K_G
// (IEC 60909-0:2016 eq. 12a, 18) correct transformers' and generators' impedances only, and a
// reactor's Z_R enters as it is; 3·Z_N of neutral earthing enters without one (§6.3).

import { type EarthingTransformer, type Impedance, seriesImpedance } from "@ampflux/contracts";
import { type Cx, cx, scale } from "./complex.ts";
import type { BuildContext } from "./context.ts";
import { S_BASE_MVA } from "./model.ts";
import { zeroSequenceAssumption } from "./zero-sequence-assumptions.ts";

const REACTOR_Z0 = "no zero-sequence data: Z(0) = Z(1) assumed (IEC 60909-0: equal for a symmetric reactor)";
const NO_REACTOR_Z0_PU = zeroSequenceAssumption("impedances", "xft0_pu", REACTOR_Z0);
const NO_REACTOR_Z0_OHM = zeroSequenceAssumption("impedances", "x0_ohm", REACTOR_Z0);

export function addImpedance(ctx: BuildContext, imp: Impedance, index: number): void {
  const from = ctx.terminal(imp.id, imp.from_bus);
  const to = ctx.terminal(imp.id, imp.to_bus);
  if (!imp.in_service || from === undefined || to === undefined) return;
  const kv = ctx.model.baseKv;
  const z = seriesImpedance(imp, kv[from] ?? 1);
  // Per-unit form: on sn_mva at each end's nominal voltage, so the ideal ratio between the ends
  // is 1 (as pandapower builds it). Ohm form: at the from bus, the volts kept equal as for lines.
  const perUnit = (r: number, x: number): Cx =>
    z.unit === "pu" ? scale(cx(r, x), S_BASE_MVA / (imp.sn_mva ?? 1)) : ctx.perUnit(cx(r, x), to);
  const ratio = z.unit === "pu" ? 1 : (kv[to] ?? 1) / (kv[from] ?? 1);
  const z1 = perUnit(z.r1, z.x1);
  ctx.noteBranchRx(z1);
  const branch = { id: imp.id, kind: "impedance" as const, from, to, ratio, shiftDeg: 0 };
  ctx.model.positive.series.push({ ...branch, z: z1 });
  if (!ctx.zeroSequence) return;
  ctx.model.zero.series.push({ ...branch, z: perUnit(z.r0, z.x0) });
  if (z.zeroAssumed)
    ctx.zeroSequenceAssumed.add(z.unit === "pu" ? NO_REACTOR_Z0_PU : NO_REACTOR_Z0_OHM, index);
}

/** A zero-sequence shunt Z(0) + 3·Z_N at its bus; absent from the positive and negative sequence. */
export function addEarthingTransformer(ctx: BuildContext, t: EarthingTransformer): void {
  const node = ctx.model.nodeOfBus.get(t.bus);
  if (!t.in_service || node === undefined || !ctx.zeroSequence) return;
  const ohm = cx(t.r0_ohm + 3 * (t.rn_ohm ?? 0), t.x0_ohm + 3 * (t.xn_ohm ?? 0));
  ctx.model.zero.shunts.push({ id: t.id, node, z: ctx.perUnit(ohm, node), feeds: false });
}
