import { z } from "zod";

const positive = z.number().positive();

/**
 * Values MATPOWER does not carry but a short-circuit study needs; every one is overridable and
 * every use is listed in the import report.
 */
export const matpowerImportOptionsSchema = z.object({
  /** Document name; defaults to the case's function name. */
  name: z.string().optional(),
  /** MATPOWER has no frequency; it only converts branch charging b into capacitance. */
  frequency_hz: z.literal([50, 60]).default(50),
  /** Bus voltage where BASE_KV is 0 (e.g. case14); per-unit impedances are kept whatever it is. */
  default_vn_kv: positive.default(110),
  /** Each REF bus becomes a stiff transmission-level grid: 10 GVA ≈ 14.4 kA at 400 kV, X/R = 10. */
  external_grid: z
    .object({
      s_sc_max_mva: positive.default(10_000),
      s_sc_min_mva: positive.default(8_000),
      rx_max: z.number().nonnegative().default(0.1),
      rx_min: z.number().nonnegative().default(0.1),
    })
    .prefault({}),
  generator: z
    .object({
      /** Typical subtransient reactance of a turbo generator, on its own rating. */
      xdss_pu: positive.default(0.2),
      cos_phi: positive.max(1).default(0.85),
      /** R''/X''; unset applies the IEC 60909-0 fictitious RGf ratios (0.05 / 0.07 / 0.15). */
      rx: z.number().nonnegative().optional(),
    })
    .prefault({}),
  /** Imported line impedances are whole-branch values, so they are spread over this length. */
  line_length_km: positive.default(1),
  /** Transformer rating where rateA is 0 (unlimited); unset uses the case's baseMVA. */
  transformer_sn_mva: positive.optional(),
});

export type MatpowerImportOptions = z.input<typeof matpowerImportOptionsSchema>;
export type ResolvedMatpowerOptions = z.output<typeof matpowerImportOptionsSchema>;
