import { z } from "zod";
import { feederOptions, machineOptions } from "../defaults.ts";

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * Values a RAW case does not carry but a short-circuit study needs; each is used only where the
 * file has no value, and every use is listed in the import report.
 */
export const psseImportOptionsSchema = z.object({
  /** Document name; defaults to the case's first title line, else "PSS/E case". */
  name: z.string().optional(),
  /** Used when BASFRQ is 0 or missing. */
  frequency_hz: z.literal([50, 60]).default(50),
  /** Bus voltage where BASKV is 0. */
  default_vn_kv: positive.default(110),
  /** A branch with R = 0 and |X| at or below this (pu, PSS/E's THRSHZ) is a bus tie: a switch. */
  zero_impedance_threshold_pu: nonNegative.default(0.0001),
  /** A swing bus (IDE 3) without an in-service machine gets a feeder with these values. */
  external_grid: z.object({ ...feederOptions, rx_min: nonNegative.default(0.1) }).prefault({}),
  /** xdss_pu and rx replace a missing ZSOURCE or PSS/E's placeholder 0 + j1.0. */
  generator: z
    .object({
      ...machineOptions,
      /** Take ZSOURCE = 0 + j1.0 (PSS/E's default) as data instead of as "not given". */
      trust_default_zsource: z.boolean().default(false),
    })
    .prefault({}),
  /** Renewable machines (WMOD 1–3) become converter sources with this k (IEC 60909-0 §6.10). */
  static_generator_k: nonNegative.default(1.2),
  /** Branch length where LEN is 0: impedances are whole-branch values spread over it. */
  line_length_km: positive.default(1),
});

export type PsseImportOptions = z.input<typeof psseImportOptionsSchema>;
export type ResolvedPsseOptions = z.output<typeof psseImportOptionsSchema>;
