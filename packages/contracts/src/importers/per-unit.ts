import type { Line } from "../network/index.ts";

/**
 * A whole-branch series impedance r + jx and charging b in per unit on zBase (ohm) as per-km
 * ohm and nF over `length_km`; b = ωC·zBase, so C = b / (2π f zBase).
 */
export function branchPerKm(
  pu: { r: number; x: number; b: number },
  zBase: number,
  length_km: number,
  frequency_hz: number,
) {
  return {
    r: (pu.r * zBase) / length_km,
    x: (pu.x * zBase) / length_km,
    c: ((pu.b / (2 * Math.PI * frequency_hz * zBase)) * 1e9) / length_km,
  };
}

/** A branch end as the per-unit conversions need it. */
interface BranchBus {
  id: string;
  vn_kv: number;
}

/**
 * A line from whole-branch per-unit data on `sbase` and the from bus's voltage. A negative b is
 * clamped to 0 (no negative capacitance) and a negative r (a reduction equivalent) kept: the caller
 * reports either, and clamps r itself where its format wants it; a rating of 0 leaves max_i_ka
 * unset.
 */
export function perUnitLine(
  branch: { id: string; from: BranchBus; to: BranchBus; in_service: boolean },
  pu: { r: number; x: number; b: number; rate_mva: number },
  base: { sbase: number; length_km: number; frequency_hz: number },
): Line {
  const zBase = branch.from.vn_kv ** 2 / base.sbase;
  const clamped = { r: pu.r, x: pu.x, b: Math.max(pu.b, 0) };
  const perKm = branchPerKm(clamped, zBase, base.length_km, base.frequency_hz);
  const line: Line = {
    id: branch.id,
    from_bus: branch.from.id,
    to_bus: branch.to.id,
    length_km: base.length_km,
    r_ohm_per_km: perKm.r,
    x_ohm_per_km: perKm.x,
    c_nf_per_km: perKm.c,
    parallel: 1,
    endtemp_degree: 80,
    in_service: branch.in_service,
  };
  if (pu.rate_mva > 0) line.max_i_ka = pu.rate_mva / (Math.sqrt(3) * branch.from.vn_kv);
  return line;
}
