import { z } from "zod";
import {
  busRef,
  checkShortCircuitVoltage,
  checkTap,
  elementId,
  elementName,
  inService,
  parallel,
  tapFields,
} from "./fields.ts";
import { inRange } from "./limits.ts";
import { transformerRatingFields, typeRef } from "./ratings.ts";
import { vectorGroup2w } from "./vector-group.ts";

/** Two-winding transformer; vk/vkr in percent on sn_mva. */
export const transformerSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    hv_bus: busRef,
    lv_bus: busRef,
    sn_mva: inRange("rated_power_mva"),
    vn_hv_kv: inRange("voltage_kv"),
    vn_lv_kv: inRange("voltage_kv"),
    vk_percent: inRange("percent_positive"),
    /** Negative only for a network-reduction equivalent (validation warns); |vkr| < vk. */
    vkr_percent: inRange("signed_percent_impedance"),
    vk0_percent: inRange("percent_positive").optional(),
    vkr0_percent: inRange("percent_impedance").optional(),
    mag0_percent: inRange("percent_positive").optional(),
    vector_group: vectorGroup2w.optional(),
    /** Angle by which the LV voltage lags the HV voltage. */
    shift_degree: inRange("angle_degree").default(0),
    ...tapFields,
    tap_side: z.enum(["hv", "lv"]).optional(),
    /**
     * Neutral earthing R_N + jX_N of the earthed star (YN) or zig-zag (ZN) winding, in ohm; adds
     * 3·Z_N to Z(0) without K_T (IEC 60909-0:2016 §6.3). Both unset: solidly earthed.
     */
    rn_ohm: inRange("impedance_ohm").optional(),
    xn_ohm: inRange("impedance_ohm").optional(),
    /** On-load tap changer: a power station unit with one uses K_S, without one K_SO (IEC 60909-0 §6.7). */
    oltc: z.boolean().optional(),
    parallel,
    /** Unit transformer of a power station unit (IEC 60909-0 §6.7), corrected with K_S/K_SO. */
    power_station_unit: z.boolean().default(false),
    type: typeRef,
    ...transformerRatingFields,
    in_service: inService,
  })
  .superRefine((trafo, ctx) => {
    checkShortCircuitVoltage(ctx, trafo.vk_percent, trafo.vkr_percent, "vkr_percent", "vk_percent");
    checkShortCircuitVoltage(ctx, trafo.vk0_percent, trafo.vkr0_percent, "vkr0_percent", "vk0_percent");
    checkTap(trafo, ctx);
    if (trafo.vn_hv_kv < trafo.vn_lv_kv) {
      ctx.addIssue({
        code: "custom",
        path: ["vn_hv_kv"],
        message: "must not be below vn_lv_kv (hv/lv swapped?)",
      });
    }
    if (trafo.hv_bus === trafo.lv_bus) {
      ctx.addIssue({ code: "custom", path: ["lv_bus"], message: "must differ from hv_bus" });
    }
  });

export type Transformer = z.infer<typeof transformerSchema>;
