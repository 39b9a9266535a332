// The thermal equivalent current Ith = I''k·√(m + n) (IEC 60909-0:2016 Annex A): m from κ, f
// and T_k by eq. (A.1), the engine's own function through the FFI; n = 1 (the a.c. component
// is taken not to decay, as far from generators).

import type { BusResultExplanation } from "@ampflux/contracts";
import type { SimExports } from "../../loader.ts";
import { explainExports } from "./exports.ts";

export function explainThermal(
  sim: SimExports,
  ikssKa: number,
  kappa: number,
  fHz: number,
  tkS: number,
  ithKa: number,
): BusResultExplanation["thermal"] {
  const m = explainExports(sim).mFactor(kappa, fHz, tkS);
  const n = 1;
  return {
    tk_s: tkS,
    m,
    n,
    ith_ka: ithKa,
    text: `Ith = I''k·√(m + n) = ${ikssKa.toFixed(4)} kA·√(${m.toFixed(4)} + ${n}); m = (e^(4·f·T_k·ln(κ−1)) − 1)/(2·f·T_k·ln(κ−1)) with κ = ${kappa.toFixed(4)}, f = ${fHz} Hz, T_k = ${tkS} s; n = 1 (a.c. component not decaying)`,
    clause: "IEC 60909-0:2016 Annex A, eq. (A.1) and (100)",
  };
}
