// Sources into the sequence networks: network feeders, synchronous generators (alone or in a
// power station unit), asynchronous motors and converter sources (IEC 60909-0 §6.2, 6.6–6.10).

import {
  type ExternalGrid,
  fictitiousResistanceRatio,
  type Generator,
  type Motor,
  type StaticGenerator,
} from "@ampflux/contracts";
import { add, type Cx, cx, fromMagnitudeAndRx, scale } from "./complex.ts";
import type { BuildContext } from "./context.ts";
import { S_BASE_MVA } from "./model.ts";
import { sinPhi, unitCorrection } from "./power-station-units.ts";

/** Network feeder, eq. (6): Z_Q = c·U_nQ² / S''kQ with R/X given; zero sequence by X0/X, R0/X0. */
export function addExternalGrid(ctx: BuildContext, grid: ExternalGrid): void {
  const node = ctx.model.nodeOfBus.get(grid.bus);
  if (!grid.in_service || node === undefined) return;
  const c = ctx.model.c[node] ?? 1;
  const sk = ctx.isMax ? grid.s_sc_max_mva : grid.s_sc_min_mva;
  const rx = ctx.isMax ? grid.rx_max : grid.rx_min;
  const z1 = fromMagnitudeAndRx((c * S_BASE_MVA) / sk, rx);
  const source = {
    element: grid.id,
    kind: "external_grid" as const,
    factors: [
      {
        name: "c",
        value: c,
        clause: "IEC 60909-0:2016 §6.2, eq. (6): Z_Q = c·U_nQ² / S''kQ (no K factor)",
      },
    ],
  };
  ctx.model.positive.shunts.push({ node, z: z1, feeds: true, source });
  const x0x = ctx.isMax ? grid.x0x_max : (grid.x0x_min ?? grid.x0x_max);
  const r0x0 = ctx.isMax ? grid.r0x0_max : (grid.r0x0_min ?? grid.r0x0_max);
  if (x0x !== undefined) {
    const x0 = x0x * z1.im;
    if (ctx.zeroSequence)
      ctx.model.zero.shunts.push({ node, z: cx((r0x0 ?? 0) * x0, x0), feeds: false, source });
  }
}

/**
 * Generator: Z_G = R_G + jX''d corrected by K_G (eq. 17–18), or by the unit's K_S / K_SO when it
 * belongs to a power station unit. Its star point is earthed only when x0_pu is given.
 */
export function addGenerator(ctx: BuildContext, gen: Generator): void {
  const node = ctx.model.nodeOfBus.get(gen.bus);
  if (!gen.in_service || node === undefined) return;
  const kv = ctx.model.baseKv[node] ?? 1;
  const zRated = gen.vn_kv ** 2 / gen.sn_mva;
  const unit =
    gen.power_station_trafo === undefined ? undefined : ctx.unitTransformers.get(gen.power_station_trafo);
  const hvNode = unit && ctx.model.nodeOfBus.get(unit.hv_bus);
  const factor =
    unit && hvNode !== undefined
      ? unitCorrection(ctx, unit, gen, ctx.model.baseKv[hvNode] ?? kv)
      : {
          name: "K_G",
          value: ctx.factors.kG(kv, gen.vn_kv, ctx.cMax(kv), gen.xdss_pu, sinPhi(gen.cos_phi)),
          clause: "IEC 60909-0:2016 §6.6.1, eq. (18)",
        };
  const k = factor.value;
  const inUnit = unit !== undefined && hvNode !== undefined;
  const source = {
    element: gen.id,
    kind: inUnit ? ("power_station_unit" as const) : ("generator" as const),
    factors: [inUnit ? { ...factor, element: `${gen.id} and ${unit.id}` } : factor],
  };
  const corrected = (r: number, x: number): Cx => ctx.perUnit(scale(cx(r, x * zRated), k), node);
  const z = corrected(gen.rdss_ohm, gen.xdss_pu);
  const rGf = fictitiousResistanceRatio(gen.vn_kv, gen.sn_mva) * gen.xdss_pu * zRated;
  const zPeak = corrected(rGf, gen.xdss_pu);
  // Z(2)GK = K·(R(2)G + jX(2)G) with the same K (IEC 60909-0:2016 §6.6.1); without data Z(2) = Z(1).
  const z2 =
    gen.x2_pu === undefined && gen.r2_ohm === undefined
      ? undefined
      : corrected(gen.r2_ohm ?? gen.rdss_ohm, gen.x2_pu ?? gen.xdss_pu);
  ctx.model.positive.shunts.push({ node, z, zPeak, ...(z2 && { z2 }), feeds: true, source });
  if (gen.x0_pu !== undefined && ctx.zeroSequence) {
    // Z(0)GK = K_G·(R(0)G + jX(0)G) plus 3·Z_N, which takes no K_G (IEC 60909-0:2016 §6.6.1).
    const neutral = ctx.perUnit(cx(3 * (gen.rn_ohm ?? 0), 3 * (gen.xn_ohm ?? 0)), node);
    const z0 = add(corrected(gen.r0_ohm ?? gen.rdss_ohm, gen.x0_pu), neutral);
    ctx.model.zero.shunts.push({ id: gen.id, node, z: z0, feeds: false });
  }
  ctx.model.machines.push({
    node,
    z,
    iRatedPu: ratedCurrentPu(gen.sn_mva, gen.vn_kv, kv),
    mwPerPolePair: 0,
    element: gen.id,
    kind: source.kind,
  });
}

/** I_r in per unit of the base current at a node of `kv`. */
const ratedCurrentPu = (snMva: number, vnKv: number, kv: number) => (snMva / S_BASE_MVA) * (kv / vnKv);

/**
 * Asynchronous motor, eq. (26): Z_M = (1 / (I_LR/I_rM)) · U_rM² / S_rM with S_rM = P_rM / (η cos φ).
 * Motors count for the maximum case only (§10: they are neglected for minimum currents).
 */
export function addMotor(ctx: BuildContext, motor: Motor): void {
  const node = ctx.model.nodeOfBus.get(motor.bus);
  if (!ctx.isMax || !motor.in_service || node === undefined) return;
  const kv = ctx.model.baseKv[node] ?? 1;
  const sr = motor.pn_mech_mw / ((motor.efficiency_n_percent / 100) * motor.cos_phi_n);
  const z = ctx.perUnit(fromMagnitudeAndRx(motor.vn_kv ** 2 / sr / motor.lrc_pu, motor.rx), node);
  const source = { element: motor.id, kind: "motor" as const, factors: [] };
  ctx.model.positive.shunts.push({ node, z, feeds: false, source });
  ctx.model.machines.push({
    element: motor.id,
    kind: "motor",
    node,
    z,
    iRatedPu: ratedCurrentPu(sr, motor.vn_kv, kv),
    mwPerPolePair: motor.pn_mech_mw / motor.pole_pairs,
  });
}

/**
 * Full-converter source: a current source of k · I_rated in the positive sequence (§6.10,
 * 2016 edition). Neglected for minimum currents, like motors.
 */
export function addStaticGenerator(ctx: BuildContext, sgen: StaticGenerator): void {
  const node = ctx.model.nodeOfBus.get(sgen.bus);
  if (!ctx.isMax || !sgen.in_service || node === undefined || sgen.k === 0) return;
  ctx.model.converters.push({ element: sgen.id, node, currentPu: (sgen.k * sgen.sn_mva) / S_BASE_MVA });
}
