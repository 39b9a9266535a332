// K_S / K_SO of power station units (IEC 60909-0:2016 §6.7): one factor for the generator and
// its unit transformer together, instead of K_G and K_T.

import type { CorrectionFactor, Generator, Transformer } from "@ampflux/contracts";
import { fromShortCircuitVoltage } from "./complex.ts";
import type { BuildContext } from "./context.ts";

export const sinPhi = (cosPhi: number): number => Math.sqrt(Math.max(0, 1 - cosPhi * cosPhi));

/** With an on-load tap changer K_S (eq. 22), without one K_SO (eq. 24) at the main tap. */
export function unitFactor(ctx: BuildContext, trafo: Transformer, gen: Generator, hvKv: number): number {
  return unitCorrection(ctx, trafo, gen, hvKv).value;
}

/** unitFactor with its name and clause, as an explanation lists it. */
export function unitCorrection(
  ctx: BuildContext,
  trafo: Transformer,
  gen: Generator,
  hvKv: number,
): CorrectionFactor {
  const f = ctx.factors;
  const xT = fromShortCircuitVoltage(trafo.vk_percent, trafo.vkr_percent).im;
  const sin = sinPhi(gen.cos_phi);
  const cMax = ctx.cMax(hvKv);
  if (trafo.oltc)
    return {
      name: "K_S",
      value: f.kS(hvKv, gen.vn_kv, trafo.vn_lv_kv, trafo.vn_hv_kv, cMax, gen.xdss_pu, xT, sin),
      clause: "IEC 60909-0:2016 §6.7.1, eq. (22) (unit with on-load tap changer)",
    };
  const pG = (gen.pg_percent ?? 0) / 100;
  return {
    name: "K_SO",
    value: f.kSO(hvKv, gen.vn_kv, pG, trafo.vn_lv_kv, trafo.vn_hv_kv, 1, cMax, gen.xdss_pu, sin),
    clause: "IEC 60909-0:2016 §6.7.2, eq. (24) (unit without on-load tap changer, main tap)",
  };
}
