import { z } from "zod";
import { busRef, elementId, elementName, inService, powerFactor } from "./fields.ts";
import { inRange } from "./limits.ts";

/** The upstream network as a Thevenin equivalent, for the maximum and minimum short-circuit cases. */
export const externalGridSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    bus: busRef,
    s_sc_max_mva: inRange("short_circuit_power_mva"),
    s_sc_min_mva: inRange("short_circuit_power_mva"),
    rx_max: inRange("ratio"),
    rx_min: inRange("ratio"),
    x0x_max: inRange("positive_ratio").optional(),
    r0x0_max: inRange("ratio").optional(),
    x0x_min: inRange("positive_ratio").optional(),
    r0x0_min: inRange("ratio").optional(),
    /** Load flow: the grid is a slack bus held at vm_pu (default 1) and va_degree (default 0). */
    vm_pu: inRange("voltage_pu").optional(),
    va_degree: inRange("angle_degree").optional(),
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
  sn_mva: inRange("rated_power_mva"),
  vn_kv: inRange("voltage_kv"),
  xdss_pu: inRange("reactance_pu"),
  rdss_ohm: inRange("impedance_ohm"),
  cos_phi: powerFactor,
  /**
   * Zero-sequence reactance X(0)G (and R(0)G in ohm) on sn_mva: the star point is earthed only
   * when x0_pu is given (else isolated); through R_N + jX_N (ohm) when rn_ohm/xn_ohm are given,
   * which add 3·Z_N to Z(0) without K_G (IEC 60909-0:2016 §6.6.1).
   */
  x0_pu: inRange("reactance_pu").optional(),
  r0_ohm: inRange("impedance_ohm").optional(),
  /**
   * Negative-sequence reactance X(2)G (and R(2)G in ohm) on sn_mva. Without them Z(2)G = Z(1)G:
   * IEC 60909-0:2016 §6.6.1 allows X(2)G = X''d when X''d ≈ X''q; a salient-pole machine's X(2)G
   * = (X''d + X''q)/2 is larger, which lowers unbalanced fault currents near it.
   */
  x2_pu: inRange("reactance_pu").optional(),
  r2_ohm: inRange("impedance_ohm").optional(),
  rn_ohm: inRange("impedance_ohm").optional(),
  xn_ohm: inRange("impedance_ohm").optional(),
  /** Voltage regulation range ±p_G in percent; K_SO of a power station unit uses it (IEC 60909-0 eq. 24). */
  pg_percent: inRange("percent").optional(),
  /** Id of the unit transformer when generator and transformer form an IEC 60909 power station unit. */
  power_station_trafo: busRef.optional(),
  /** Load flow: active power output (default 0) at the voltage set-point vm_pu (default 1). */
  p_mw: inRange("power_mw").optional(),
  vm_pu: inRange("voltage_pu").optional(),
  /** Load flow: reactive output limits, enforced when the study asks for it (default unlimited). */
  q_min_mvar: inRange("power_mw").optional(),
  q_max_mvar: inRange("power_mw").optional(),
  in_service: inService,
});

/** Asynchronous motor; contributes to Ik'' per IEC 60909-0 §6.9 but never feeds an island on its own. */
export const motorSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  pn_mech_mw: inRange("mechanical_power_mw"),
  vn_kv: inRange("voltage_kv"),
  cos_phi_n: powerFactor,
  efficiency_n_percent: inRange("efficiency_percent"),
  /** Locked-rotor current over rated current, I_LR / I_rM. */
  lrc_pu: inRange("locked_rotor_pu"),
  rx: inRange("ratio"),
  pole_pairs: inRange("count"),
  in_service: inService,
});

/** Converter-coupled generation, modelled as a current source of k · I_n (IEC 60909-0 §6.10). */
export const staticGeneratorSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  sn_mva: inRange("rated_power_mva"),
  /** Load flow: constant injection (generation sign, default 0); the short circuit uses k · I_n. */
  p_mw: inRange("power_mw").optional(),
  q_mvar: inRange("power_mw").optional(),
  k: inRange("current_factor"),
  in_service: inService,
});

export type ExternalGrid = z.infer<typeof externalGridSchema>;
export type Generator = z.infer<typeof generatorSchema>;
export type Motor = z.infer<typeof motorSchema>;
export type StaticGenerator = z.infer<typeof staticGeneratorSchema>;
