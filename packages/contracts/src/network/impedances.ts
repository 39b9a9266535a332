import { z } from "zod";
import { busRef, elementId, elementName, inService } from "./fields.ts";
import { inRange } from "./limits.ts";

/**
 * A series impedance between two buses, in one of three forms:
 * - per unit on `sn_mva` and the buses' nominal voltages (pandapower's `impedance` table:
 *   rft_pu/xft_pu, rtf_pu/xtf_pu, rft0_pu/xft0_pu);
 * - a current-limiting reactor by its rated current and short-circuit voltage,
 *   Z_R = u_kR/100 % · U_n / (√3·I_rR) (IEC 60909-0:2016, current-limiting reactors; R_R ≪ X_R
 *   is neglected);
 * - ohm per phase (r_ohm/x_ohm, r0_ohm/x0_ohm), referred to the from bus's nominal voltage.
 * Without zero-sequence data Z(0) = Z(1): IEC 60909-0 takes the positive-, negative- and
 * zero-sequence impedances of a reactor as equal, assuming geometric symmetry.
 */
export const impedanceSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    from_bus: busRef,
    to_bus: busRef,
    sn_mva: inRange("rated_power_mva").optional(),
    rft_pu: inRange("resistance_pu").optional(),
    xft_pu: inRange("signed_reactance_pu").optional(),
    /** pandapower's to→from values; only reciprocal impedances are modelled, so they must match. */
    rtf_pu: inRange("resistance_pu").optional(),
    xtf_pu: inRange("signed_reactance_pu").optional(),
    rft0_pu: inRange("resistance_pu").optional(),
    xft0_pu: inRange("signed_reactance_pu").optional(),
    ir_ka: inRange("rated_current_ka").optional(),
    uk_percent: inRange("percent_positive").optional(),
    r_ohm: inRange("impedance_ohm").optional(),
    x_ohm: inRange("reactance_ohm").optional(),
    r0_ohm: inRange("impedance_ohm").optional(),
    x0_ohm: inRange("reactance_ohm").optional(),
    in_service: inService,
  })
  .superRefine((imp, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const forms = [
      imp.sn_mva !== undefined || imp.rft_pu !== undefined || imp.xft_pu !== undefined,
      imp.ir_ka !== undefined || imp.uk_percent !== undefined,
      imp.r_ohm !== undefined || imp.x_ohm !== undefined,
    ].filter(Boolean).length;
    if (forms !== 1) {
      issue(
        "x_ohm",
        forms === 0
          ? "give the impedance as sn_mva + rft_pu/xft_pu, as ir_ka + uk_percent, or as r_ohm/x_ohm"
          : "give only one form: sn_mva + rft_pu/xft_pu, ir_ka + uk_percent, or r_ohm/x_ohm",
      );
    }
    if (imp.sn_mva !== undefined || imp.rft_pu !== undefined || imp.xft_pu !== undefined) {
      for (const field of ["sn_mva", "rft_pu", "xft_pu"] as const)
        if (imp[field] === undefined) issue(field, "required with the per-unit form");
      if (imp.rtf_pu !== undefined && imp.rtf_pu !== imp.rft_pu)
        issue("rtf_pu", "must equal rft_pu: non-reciprocal impedances are not modelled");
      if (imp.xtf_pu !== undefined && imp.xtf_pu !== imp.xft_pu)
        issue("xtf_pu", "must equal xft_pu: non-reciprocal impedances are not modelled");
      if (imp.rft_pu === 0 && imp.xft_pu === 0) issue("xft_pu", "series impedance must not be zero");
      if ((imp.rft0_pu === undefined) !== (imp.xft0_pu === undefined))
        issue("xft0_pu", "rft0_pu and xft0_pu go together");
    }
    if (imp.ir_ka !== undefined || imp.uk_percent !== undefined) {
      for (const field of ["ir_ka", "uk_percent"] as const)
        if (imp[field] === undefined) issue(field, "required with the reactor form");
    }
    if (imp.r_ohm !== undefined || imp.x_ohm !== undefined) {
      if (imp.x_ohm === undefined) issue("x_ohm", "required with the ohm form");
      if ((imp.r_ohm ?? 0) === 0 && imp.x_ohm === 0) issue("x_ohm", "series impedance must not be zero");
    }
    if (
      (imp.r0_ohm !== undefined || imp.x0_ohm !== undefined) &&
      imp.x_ohm === undefined &&
      imp.ir_ka === undefined
    )
      issue("x0_ohm", "r0_ohm/x0_ohm belong to the ohm or reactor form");
    if (imp.r0_ohm !== undefined && imp.x0_ohm === undefined) issue("x0_ohm", "required with r0_ohm");
    if (imp.from_bus === imp.to_bus) issue("to_bus", "must differ from from_bus");
  });

export type Impedance = z.infer<typeof impedanceSchema>;

/** Positive- and zero-sequence impedance of one phase (ohm, or p.u. on the element's rating). */
export interface SeriesImpedance {
  /** "pu": on sn_mva and each end's nominal voltage (ideal ratio between them); "ohm": at the from bus. */
  unit: "pu" | "ohm";
  r1: number;
  x1: number;
  r0: number;
  x0: number;
  /** Zero-sequence data was not given: Z(0) = Z(1) assumed. */
  zeroAssumed: boolean;
}

/** The impedance element in one form, whichever form the document gives (fromKv: the from bus's U_n). */
export function seriesImpedance(imp: Impedance, fromKv: number): SeriesImpedance {
  if (imp.sn_mva !== undefined) {
    const r1 = imp.rft_pu ?? 0;
    const x1 = imp.xft_pu ?? 0;
    const zeroAssumed = imp.xft0_pu === undefined;
    return { unit: "pu", r1, x1, r0: imp.rft0_pu ?? r1, x0: imp.xft0_pu ?? x1, zeroAssumed };
  }
  // Reactor: Z_R = u_kR/100 % · U_n/(√3·I_rR), U_n in kV and I_rR in kA give ohm.
  const x1 =
    imp.ir_ka !== undefined
      ? ((imp.uk_percent ?? 0) / 100) * (fromKv / (Math.sqrt(3) * imp.ir_ka))
      : (imp.x_ohm ?? 0);
  const r1 = imp.ir_ka !== undefined ? 0 : (imp.r_ohm ?? 0);
  const zeroAssumed = imp.x0_ohm === undefined;
  return { unit: "ohm", r1, x1, r0: imp.r0_ohm ?? r1, x0: imp.x0_ohm ?? x1, zeroAssumed };
}
