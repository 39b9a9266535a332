import { z } from "zod";

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * Option fields every importer shares for data a load-flow format lacks: a stiff
 * transmission-level feeder (10 GVA ≈ 14.4 kA at 400 kV, X/R = 10) and a typical turbo generator.
 */
export const feederOptions = {
  s_sc_max_mva: positive.default(10_000),
  s_sc_min_mva: positive.default(8_000),
  rx_max: nonNegative.default(0.1),
};

export const machineOptions = {
  /** Typical subtransient reactance of a turbo generator, on its own rating. */
  xdss_pu: positive.default(0.2),
  /** Load-flow formats have no rated power factor. */
  cos_phi: positive.max(1).default(0.85),
  /** R''/X''d where the file has none; unset applies the IEC 60909-0 RGf ratios (0.05/0.07/0.15). */
  rx: nonNegative.optional(),
};
