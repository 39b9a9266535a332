import { z } from "zod";
import { feederOptions, machineOptions } from "../defaults.ts";

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
  /** Each REF bus becomes a stiff transmission-level grid. */
  external_grid: z.object({ ...feederOptions, rx_min: z.number().nonnegative().default(0.1) }).prefault({}),
  generator: z.object(machineOptions).prefault({}),
  /** Imported line impedances are whole-branch values, so they are spread over this length. */
  line_length_km: positive.default(1),
  /** Transformer rating where rateA is 0 (unlimited); unset uses the case's baseMVA. */
  transformer_sn_mva: positive.optional(),
});

export type MatpowerImportOptions = z.input<typeof matpowerImportOptionsSchema>;
export type ResolvedMatpowerOptions = z.output<typeof matpowerImportOptionsSchema>;
