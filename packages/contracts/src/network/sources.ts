import { z } from "zod";
import { busRef, elementId, elementName, inService, nonNegative, positive, powerFactor } from "./fields.ts";

/** The upstream network as a Thevenin equivalent, for the maximum and minimum short-circuit cases. */
export const externalGridSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    bus: busRef,
    s_sc_max_mva: positive,
    s_sc_min_mva: positive,
    rx_max: nonNegative,
    rx_min: nonNegative,
    x0x_max: positive.optional(),
    r0x0_max: nonNegative.optional(),
    x0x_min: positive.optional(),
    r0x0_min: nonNegative.optional(),
    /** Load flow: the grid is a slack bus held at vm_pu (default 1) and va_degree (default 0). */
    vm_pu: positive.optional(),
    va_degree: z.number().optional(),
    in_service: inService,
  })
  .superRefine((grid, ctx) => {
    if (grid.s_sc_min_mva > grid.s_sc_max_mva) {
      ctx.addIssue({ code: "custom", path: ["s_sc_min_mva"], message: "must not exceed s_sc_max_mva" });
    }
  });

/** Synchronous generator; R''d is given in ohm because IEC 60909 fictitious values (RGf) are ohmic. */
export const generatorSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  sn_mva: positive,
  vn_kv: positive,
  xdss_pu: positive,
  rdss_ohm: nonNegative,
  cos_phi: powerFactor,
  x0_pu: positive.optional(),
  /** Voltage regulation range ±p_G in percent; K_SO of a power station unit uses it (IEC 60909-0 eq. 24). */
  pg_percent: nonNegative.optional(),
  /** Id of the unit transformer when generator and transformer form an IEC 60909 power station unit. */
  power_station_trafo: z.string().min(1).optional(),
  /** Load flow: active power output (default 0) at the voltage set-point vm_pu (default 1). */
  p_mw: z.number().optional(),
  vm_pu: positive.optional(),
  /** Load flow: reactive output limits, enforced when the study asks for it (default unlimited). */
  q_min_mvar: z.number().optional(),
  q_max_mvar: z.number().optional(),
  in_service: inService,
});

/** Asynchronous motor; contributes to Ik'' per IEC 60909-0 §6.9 but never feeds an island on its own. */
export const motorSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  pn_mech_mw: positive,
  vn_kv: positive,
  cos_phi_n: powerFactor,
  efficiency_n_percent: z.number().positive().max(100),
  /** Locked-rotor current over rated current, I_LR / I_rM. */
  lrc_pu: positive,
  rx: nonNegative,
  pole_pairs: z.number().int().min(1),
  in_service: inService,
});

/** Converter-coupled generation, modelled as a current source of k · I_n (IEC 60909-0 §6.10). */
export const staticGeneratorSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  sn_mva: positive,
  /** Load flow: constant injection (generation sign, default 0); the short circuit uses k · I_n. */
  p_mw: z.number().optional(),
  q_mvar: z.number().optional(),
  k: nonNegative,
  in_service: inService,
});

export type ExternalGrid = z.infer<typeof externalGridSchema>;
export type Generator = z.infer<typeof generatorSchema>;
export type Motor = z.infer<typeof motorSchema>;
export type StaticGenerator = z.infer<typeof staticGeneratorSchema>;
