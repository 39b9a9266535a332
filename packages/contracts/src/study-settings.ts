import type { z } from "zod";
import { shortCircuitOptionsSchema } from "./short-circuit.ts";

/**
 * A project's study settings: the options of the editor's live short-circuit study, saved with the
 * project so every member (and every browser) opens the network with the same fault, case, κ
 * method, tmin, tk, voltage factors, LV tolerance, fault impedance, pre-fault voltages, duty and
 * arc-flash choices. The short-circuit options' own fields, limits and defaults: one definition.
 */
export const studySettingsSchema = shortCircuitOptionsSchema.pick({
  fault: true,
  case: true,
  kappa_method: true,
  tmin_s: true,
  tk_s: true,
  lv_tolerance_percent: true,
  c_max: true,
  c_min: true,
  r_fault_ohm: true,
  x_fault_ohm: true,
  prefault_voltage: true,
  duty: true,
  duty_current: true,
  arc_flash: true,
  arc_flash_max_duration_s: true,
});

export type StudySettings = z.infer<typeof studySettingsSchema>;
export type StudySettingsInput = z.input<typeof studySettingsSchema>;
