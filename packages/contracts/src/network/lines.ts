import { z } from "zod";
import { busRef, elementId, elementName, inService, parallel } from "./fields.ts";
import { inRange } from "./limits.ts";
import { lineConductorFields, typeRef } from "./ratings.ts";

/**
 * Overhead line or cable, per-km data per circuit. Reactance may be negative (series-compensated
 * equivalents) but the series impedance may not vanish: a zero-impedance link is a bus-bus switch.
 */
export const lineSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    from_bus: busRef,
    to_bus: busRef,
    length_km: inRange("length_km"),
    /** Negative only for a network-reduction equivalent (validation warns). */
    r_ohm_per_km: inRange("signed_resistance_ohm_per_km"),
    x_ohm_per_km: inRange("reactance_ohm_per_km"),
    c_nf_per_km: inRange("capacitance_nf_per_km"),
    r0_ohm_per_km: inRange("resistance_ohm_per_km").optional(),
    x0_ohm_per_km: inRange("reactance_ohm_per_km").optional(),
    c0_nf_per_km: inRange("capacitance_nf_per_km").optional(),
    parallel,
    /** Thermal rating per circuit; unset when the source does not know it. */
    max_i_ka: inRange("current_ka").optional(),
    /** Conductor temperature at the end of the fault, raising R for the minimum case (IEC 60909-0 §10). */
    endtemp_degree: inRange("temperature_degree").default(80),
    type: typeRef,
    ...lineConductorFields,
    in_service: inService,
  })
  .superRefine((line, ctx) => {
    if (line.r_ohm_per_km === 0 && line.x_ohm_per_km === 0) {
      ctx.addIssue({ code: "custom", path: ["x_ohm_per_km"], message: "series impedance must not be zero" });
    }
    if (line.from_bus === line.to_bus) {
      ctx.addIssue({ code: "custom", path: ["to_bus"], message: "must differ from from_bus" });
    }
  });

export type Line = z.infer<typeof lineSchema>;
