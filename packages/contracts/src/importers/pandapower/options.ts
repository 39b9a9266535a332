import { z } from "zod";
import { feederOptions, machineOptions } from "../defaults.ts";

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * Values a pandapower network may lack (pandapower only needs them for short-circuit runs) but the
 * network document requires. Each is used only where the file has no value, and every use is
 * listed in the import report.
 */
export const pandapowerImportOptionsSchema = z.object({
  /** Document name; defaults to the network's name, else "pandapower network". */
  name: z.string().optional(),
  /** Used when the file has no f_hz. */
  frequency_hz: z.literal([50, 60]).default(50),
  /** Feeder short-circuit data where ext_grid lacks it (same defaults as the MATPOWER importer). */
  /** s_sc_min_mva is capped at the grid's s_sc_max_mva; an unset rx_min takes the grid's rx_max. */
  external_grid: z.object({ ...feederOptions, rx_min: nonNegative.optional() }).prefault({}),
  /** rx applies where rdss_ohm is missing. */
  generator: z
    .object({
      ...machineOptions,
      /** Rating where sn_mva is missing and p_mw is not positive (else p_mw / cos_phi). */
      sn_mva: positive.default(1),
    })
    .prefault({}),
  static_generator: z
    .object({
      /** Short-circuit current over rated current (IEC 60909-0 §6.10), where k is missing. */
      k: nonNegative.default(1.2),
      /** Rating where sn_mva is missing and p_mw is zero (else |p_mw|). */
      sn_mva: positive.default(1),
    })
    .prefault({}),
  motor: z
    .object({
      /** pandapower has no pole pairs; 2 (a 4-pole machine) is the most common. */
      pole_pairs: z.number().int().min(1).default(2),
      cos_phi_n: positive.max(1).default(0.85),
      efficiency_n_percent: z.number().positive().max(100).default(95),
      lrc_pu: positive.default(5),
      rx: nonNegative.default(0.1),
    })
    .prefault({}),
});

export type PandapowerImportOptions = z.input<typeof pandapowerImportOptionsSchema>;
export type ResolvedPandapowerOptions = z.output<typeof pandapowerImportOptionsSchema>;
