import { z } from "zod";
import {
  busRef,
  checkShortCircuitVoltage,
  checkTap,
  elementId,
  elementName,
  inService,
  tapFields,
} from "./fields.ts";
import { inRange } from "./limits.ts";
import { vectorGroup3w } from "./vector-group.ts";

const WINDINGS = ["hv", "mv", "lv"] as const;

/**
 * Three-winding transformer, pandapower convention: vk(r)_hv is measured HV–MV, vk(r)_mv MV–LV and
 * vk(r)_lv HV–LV, each in percent on the smaller rated power of that winding pair.
 */
export const transformer3wSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    hv_bus: busRef,
    mv_bus: busRef,
    lv_bus: busRef,
    sn_hv_mva: inRange("rated_power_mva"),
    sn_mv_mva: inRange("rated_power_mva"),
    sn_lv_mva: inRange("rated_power_mva"),
    vn_hv_kv: inRange("voltage_kv"),
    vn_mv_kv: inRange("voltage_kv"),
    vn_lv_kv: inRange("voltage_kv"),
    vk_hv_percent: inRange("percent_positive"),
    vk_mv_percent: inRange("percent_positive"),
    vk_lv_percent: inRange("percent_positive"),
    vkr_hv_percent: inRange("percent_impedance"),
    vkr_mv_percent: inRange("percent_impedance"),
    vkr_lv_percent: inRange("percent_impedance"),
    vk0_hv_percent: inRange("percent_positive").optional(),
    vk0_mv_percent: inRange("percent_positive").optional(),
    vk0_lv_percent: inRange("percent_positive").optional(),
    vkr0_hv_percent: inRange("percent_impedance").optional(),
    vkr0_mv_percent: inRange("percent_impedance").optional(),
    vkr0_lv_percent: inRange("percent_impedance").optional(),
    mag0_percent: inRange("percent_positive").optional(),
    vector_group: vectorGroup3w.optional(),
    shift_mv_degree: inRange("angle_degree").default(0),
    shift_lv_degree: inRange("angle_degree").default(0),
    ...tapFields,
    tap_side: z.enum(WINDINGS).optional(),
    in_service: inService,
  })
  .superRefine((trafo, ctx) => {
    for (const w of WINDINGS) {
      const vk = trafo[`vk_${w}_percent`];
      checkShortCircuitVoltage(ctx, vk, trafo[`vkr_${w}_percent`], `vkr_${w}_percent`, `vk_${w}_percent`);
      const vk0 = trafo[`vk0_${w}_percent`];
      checkShortCircuitVoltage(ctx, vk0, trafo[`vkr0_${w}_percent`], `vkr0_${w}_percent`, `vk0_${w}_percent`);
    }
    checkTap(trafo, ctx);
    if (trafo.vn_hv_kv < trafo.vn_mv_kv || trafo.vn_mv_kv < trafo.vn_lv_kv) {
      ctx.addIssue({
        code: "custom",
        path: ["vn_mv_kv"],
        message: "rated voltages must fall from hv to mv to lv",
      });
    }
    if (new Set([trafo.hv_bus, trafo.mv_bus, trafo.lv_bus]).size < 3) {
      ctx.addIssue({ code: "custom", path: ["lv_bus"], message: "hv_bus, mv_bus and lv_bus must differ" });
    }
  });

export type Transformer3w = z.infer<typeof transformer3wSchema>;
