// The peak factor κ: which method, which R/X, and ip (IEC 60909-0:2016 eq. 55, 58, 59).

import type { BusResultExplanation, ShortCircuitOptions } from "@ampflux/contracts";

export interface PeakInputs {
  options: ShortCircuitOptions;
  fHz: number;
  /** The R/X the κ method used, from the kernel (method B before its 1.15 factor). */
  rOverX: number;
  kappa: number;
  ipKa: number;
  lowVoltage: boolean;
  allBranchesRxBelow03: boolean;
  converters: boolean;
}

/** Equivalent frequency of method C: 20 Hz for 50 Hz systems, 24 Hz for 60 Hz (eq. 59). */
const equivalentFrequency = (fHz: number) => 0.4 * fHz;

export function explainPeak(p: PeakInputs): BusResultExplanation["peak"] {
  const zf = p.options.r_fault_ohm !== 0 || p.options.x_fault_ohm !== 0;
  const network = `Z(1) of the peak network at the fault (generators with R_Gf, §6.6.1${zf ? ", plus Z_f" : ""})`;
  const base = `κ(R/X) = 1.02 + 0.98·e^(−3·R/X) = ${(1.02 + 0.98 * Math.exp(-3 * p.rOverX)).toFixed(4)} with R/X = ${p.rOverX.toFixed(4)}`;
  const ip = p.converters
    ? "ip = √2·(κ·I''k of the impedance sources + I''k of the converters, which have no d.c. component)"
    : "ip = κ·√2·I''k";
  if (p.options.kappa_method === "B") {
    const cap = p.lowVoltage ? 1.8 : 2.0;
    const factor = p.allBranchesRxBelow03
      ? "without the 1.15 factor (R/X < 0.3 in every branch)"
      : `× 1.15, capped at ${cap} (${p.lowVoltage ? "low voltage" : "above 1 kV"})`;
    return {
      method: "B",
      r_over_x: p.rOverX,
      kappa: p.kappa,
      ip_ka: p.ipKa,
      text: `method B (uniform ratio): R/X of ${network}; ${base}, ${factor}; ${ip}`,
      clause: "IEC 60909-0:2016 eq. (55), (58)",
    };
  }
  const fc = equivalentFrequency(p.fHz);
  return {
    method: "C",
    r_over_x: p.rOverX,
    kappa: p.kappa,
    ip_ka: p.ipKa,
    text: `method C (equivalent frequency): R/X = (R_c/X_c)·(f_c/f) of ${network} computed at f_c = ${fc} Hz; ${base}; ${ip}`,
    clause: "IEC 60909-0:2016 eq. (55), (59a)–(59c)",
  };
}
