// The scalar IEC 60909 functions explanations need from the crate (μ, q, m), added to the FFI
// after ABI 8 without a bump: an older wasm lacks them, and explanations say so.

import type { SimExports } from "../../loader.ts";

export interface ExplainExports {
  mu(ikssOverIr: number, tMinS: number): number;
  q(mwPerPolePair: number, tMinS: number): number;
  mFactor(kappa: number, fHz: number, tkS: number): number;
}

export function explainExports(sim: SimExports): ExplainExports {
  const { ampflux_iec_mu: mu, ampflux_iec_q: q, ampflux_iec_m_factor: mFactor } = sim;
  if (!mu || !q || !mFactor)
    throw new Error(
      "ampflux_sim.wasm predates explanations (no ampflux_iec_mu): rebuild it (pnpm --filter @ampflux/sim-wasm build)",
    );
  return { mu, q, mFactor };
}
